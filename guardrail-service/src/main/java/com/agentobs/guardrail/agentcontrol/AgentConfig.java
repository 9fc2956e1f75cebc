package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;
import java.util.Map;

/**
 * The versioned part of an agent's configuration (one {@code config_versions.config}).
 * Pausing is an operational switch, not configuration: it is in the effective config and the
 * audit trail but not versioned, so rolling back a version never un-pauses an agent.
 * Its hash is over the RFC 8785 canonical JSON, so key order never changes it.
 */
record AgentConfig(String version, String model, String modelProvider, Integer rateLimitRpm,
		String guardrailPolicyId, String lifecycle, Instant deprecationDate, String replacementAgentId,
		Map<String, Object> settings) {

	/** {@code settings}: the free-form part (prompt, temperature, budget…); never null, so absent = {}. */
	AgentConfig {
		settings = (settings != null) ? java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings))
				: Map.of();
	}

	AgentConfig withRateLimit(int rateLimitRpm) {
		return new AgentConfig(this.version, this.model, this.modelProvider, rateLimitRpm, this.guardrailPolicyId,
				this.lifecycle, this.deprecationDate, this.replacementAgentId, this.settings);
	}

	AgentConfig deprecated(Instant deprecationDate, String replacementAgentId) {
		return new AgentConfig(this.version, this.model, this.modelProvider, this.rateLimitRpm,
				this.guardrailPolicyId, "deprecated", deprecationDate, replacementAgentId, this.settings);
	}

}
