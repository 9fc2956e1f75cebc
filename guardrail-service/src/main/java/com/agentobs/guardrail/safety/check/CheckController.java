package com.agentobs.guardrail.safety.check;

import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.security.Role;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inline check agents call before a prompt goes to a model or an answer goes to a user. Any
 * member of the workspace may call it, and so may an agent's API key (or its token): it carries
 * {@code config:read}, the permission every agent has to read the configuration the check applies.
 * The answer is computed from memory; what it found is written afterwards.
 */
@RestController
@RequiresRole(value = Role.VIEWER, agentPermission = TokenClaims.PERMISSION_CONFIG_READ)
class CheckController {

	// POST /api/v1/guardrails/check
	record CheckRequest(String agentId, String direction, String text, CheckContext context) {
	}

	/** Optional: the trace the text belongs to, recorded with its violations. */
	record CheckContext(String traceId) {
	}

	record CheckFinding(String type, String entity, int start, int end, double score, UUID policyId, String action) {
	}

	/** {@code scanComplete}: false when the detectors did not look at the whole text (see {@link Guard}). */
	record CheckResponse(String decision, String redactedText, List<CheckFinding> findings, boolean quarantined,
			boolean scanComplete, double latencyMs) {
	}

	private final InlineCheck inlineCheck;

	CheckController(InlineCheck inlineCheck) {
		this.inlineCheck = inlineCheck;
	}

	@PostMapping("/api/v1/guardrails/check")
	ApiResponse<CheckResponse> check(Caller caller, @RequestBody CheckRequest body) {
		return this.inlineCheck.check(caller.workspaceId(), body);
	}

}
