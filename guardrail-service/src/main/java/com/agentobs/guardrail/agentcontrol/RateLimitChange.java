package com.agentobs.guardrail.agentcontrol;

/** {@code action_params} of {@code agent.set_rate_limit}. */
record RateLimitChange(String agentId, int rateLimitRpm, String reason) {

}
