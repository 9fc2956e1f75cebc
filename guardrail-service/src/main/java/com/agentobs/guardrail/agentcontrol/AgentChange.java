package com.agentobs.guardrail.agentcontrol;

/** {@code action_params} of {@code agent.pause} and {@code agent.resume}. */
record AgentChange(String agentId, String reason) {

}
