package com.agentobs.guardrail.agentcontrol;

/** The inverse of quarantine and release: whether the agent was quarantined before. */
record QuarantineState(String agentId, boolean quarantined) {

}
