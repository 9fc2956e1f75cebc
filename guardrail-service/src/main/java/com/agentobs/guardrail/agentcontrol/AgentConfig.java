package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;

/**
 * The versioned part of an agent's configuration (one {@code config_versions.config}).
 * Pausing is an operational switch, not configuration: it is in the effective config and the
 * audit trail but not versioned, so rolling back a version never un-pauses an agent.
 * Field order is the canonical order of the stored JSON and its hash.
 */
record AgentConfig(String version, String model, String modelProvider, Integer rateLimitRpm,
		String guardrailPolicyId, String lifecycle, Instant deprecationDate, String replacementAgentId) {

	AgentConfig withRateLimit(int rateLimitRpm) {
		return new AgentConfig(this.version, this.model, this.modelProvider, rateLimitRpm, this.guardrailPolicyId,
				this.lifecycle, this.deprecationDate, this.replacementAgentId);
	}

	AgentConfig deprecated(Instant deprecationDate, String replacementAgentId) {
		return new AgentConfig(this.version, this.model, this.modelProvider, this.rateLimitRpm,
				this.guardrailPolicyId, "deprecated", deprecationDate, replacementAgentId);
	}

}
