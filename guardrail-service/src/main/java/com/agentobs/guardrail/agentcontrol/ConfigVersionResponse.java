package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

// GET /api/v1/agents/{agent_id}/config/versions
/** One configuration version: what (config, diff), who, when, why, through which action. */
record ConfigVersionResponse(UUID configVersionId, int versionNumber, String status, String environment,
		Map<String, Object> config, String configHash, Map<String, Object> diff, String changeSummary,
		UUID createdBy, String createdBySubject, UUID actionId, Instant createdAt, Instant deployedAt) {

}
