package com.agentobs.guardrail.agentcontrol;

/** {@code action_params} of {@code agent.rollback_version}; no number = the previous distinct version. */
record VersionRollback(String agentId, Integer configVersionNumber, String reason) {

}
