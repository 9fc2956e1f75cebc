package com.agentobs.guardrail.agentcontrol;

/** The inverse of pause and resume: whether the agent was paused before. */
record PausedState(String agentId, boolean paused) {

}
