package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

// GET /api/v1/agents/{agent_id}/config
/**
 * An agent's effective configuration, what the agent itself polls. {@code status} is
 * {@code active|paused|quarantined|deprecated} (quarantined, then paused, override the lifecycle); {@code lifecycle} the registry's
 * {@code agent_status}; {@code experiments}: the agent's running experiments (salt and weighted
 * variants) it assigns its users to; {@code experiment_assignments} carries the same list for
 * older clients.
 */
record AgentConfigResponse(String agentId, String status, String lifecycle, String environment, String version,
		String model, String modelProvider, Integer rateLimitRpm, String guardrailPolicyId,
		List<Object> experimentAssignments, Instant deprecationDate, String replacementAgentId,
		Integer configVersion, Map<String, Object> settings, String configHash,
		List<ExperimentBlocks.Block> experiments) {

	/** {@code configHash}: what the agent reports back in its heartbeat (RFC 8785 canonical SHA-256). */
	static AgentConfigResponse of(AgentState agent, String configHash) {
		return of(agent, configHash, List.of());
	}

	/** {@code experiments} are not part of the config hash (they are not versioned configuration) but are in the ETag. */
	static AgentConfigResponse of(AgentState agent, String configHash, List<ExperimentBlocks.Block> experiments) {
		AgentConfig config = agent.config();
		return new AgentConfigResponse(agent.agentId(), agent.status(), config.lifecycle(), agent.environment(),
				config.version(), config.model(), config.modelProvider(), config.rateLimitRpm(),
				config.guardrailPolicyId(), List.copyOf(experiments), config.deprecationDate(),
				config.replacementAgentId(), agent.configVersionNumber(), config.settings(), configHash,
				List.copyOf(experiments));
	}

}
