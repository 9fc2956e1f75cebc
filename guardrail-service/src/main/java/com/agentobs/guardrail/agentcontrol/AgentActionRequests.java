package com.agentobs.guardrail.agentcontrol;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.validation.PlainText;

/**
 * Request bodies of the agent actions (all optional fields but the ones marked). Reasons are
 * shown in the audit trail, so they are plain text (no control or bidi-override characters).
 */
final class AgentActionRequests {

	private AgentActionRequests() {
	}

	// POST /api/v1/agents/{agent_id}/pause | /resume
	record ReasonRequest(@Size(max = 1000) @PlainText(multiline = true) String reason) {
	}

	// PUT /api/v1/agents/{agent_id}/rate-limit
	record RateLimitRequest(@NotNull @Min(1) @Max(SetAgentRateLimitAction.MAX_RPM) Integer rateLimitRpm,
			@Size(max = 1000) @PlainText(multiline = true) String reason) {
	}

	// POST /api/v1/agents/{agent_id}/deprecate
	/** {@code deprecation_date}: an ISO-8601 instant or a date (midnight UTC). */
	record DeprecateRequest(@NotBlank String deprecationDate, @Size(max = 255) @PlainText String replacementAgentId,
			@Size(max = 1000) @PlainText(multiline = true) String reason) {
	}

	// POST /api/v1/agents/{agent_id}/rollback-version
	record RollbackVersionRequest(@Min(1) Integer configVersionNumber, @Size(max = 1000) @PlainText(multiline = true) String reason) {
	}

}
