package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;

/** {@code action_params} of {@code agent.deprecate}. */
record Deprecation(String agentId, Instant deprecationDate, String replacementAgentId, String reason) {

}
