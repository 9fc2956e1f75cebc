package com.agentobs.guardrail.safety.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.security.Role;
import com.agentobs.guardrail.safety.SafetyProperties;
import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.detect.Finding;
import com.agentobs.guardrail.safety.detect.Redactor;
import com.agentobs.guardrail.safety.violation.NewViolation;

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

	/** Longest text accepted; the detectors look at the first {@link Detectors#MAX_SCAN_CHARS}. */
	static final int MAX_TEXT_CHARS = 1_000_000;

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

	private final SafetySnapshots snapshots;

	private final CheckRecorder recorder;

	private final int excerptRadius;

	CheckController(SafetySnapshots snapshots, CheckRecorder recorder, SafetyProperties properties) {
		this.snapshots = snapshots;
		this.recorder = recorder;
		this.excerptRadius = properties.excerptRadius();
	}

	@PostMapping("/api/v1/guardrails/check")
	ApiResponse<CheckResponse> check(Caller caller, @RequestBody CheckRequest body) {
		long started = System.nanoTime();
		if (body == null) {
			throw ApiException.validation("body", "is required");
		}
		if (body.agentId() == null || body.agentId().isBlank() || body.agentId().length() > 255) {
			throw ApiException.validation("agent_id", "is required (at most 255 characters)");
		}
		if (!"input".equals(body.direction()) && !"output".equals(body.direction())) {
			throw ApiException.validation("direction", "must be input or output", List.of("input", "output"));
		}
		if (body.text() == null) {
			throw ApiException.validation("text", "is required");
		}
		if (body.text().length() > MAX_TEXT_CHARS) {
			throw ApiException.validation("text", "must be at most " + MAX_TEXT_CHARS + " characters");
		}
		UUID ws = caller.workspaceId();
		SafetySnapshots.Snapshot snapshot = this.snapshots.get(ws);
		Guard.Decision decision = Guard.decide(snapshot, body.agentId(), body.text());
		double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
		List<CheckFinding> findings = decision.findings()
			.stream()
			.map((a) -> new CheckFinding(a.finding().type().wire(), a.entity(), a.finding().start(), a.finding().end(),
					a.finding().score(), a.policy().id(), a.mode().wire()))
			.toList();
		this.recorder.record(new CheckRecorder.CheckRecord(ws, body.agentId(), Instant.now(), decision.decision(),
				!findings.isEmpty(), latencyMs, violations(ws, snapshot, body, decision)));
		return ApiResponse.of(
				new CheckResponse(decision.decision(), decision.redactedText(), findings, decision.quarantined(),
						decision.scanComplete(), Math.round(latencyMs * 1000) / 1000.0),
				ResponseMeta.single(Math.round(latencyMs), false));
	}

	private List<NewViolation> violations(UUID ws, SafetySnapshots.Snapshot snapshot, CheckRequest body,
			Guard.Decision decision) {
		if (decision.findings().isEmpty()) {
			return List.of();
		}
		SafetySnapshots.AgentProfile agent = snapshot.agent(body.agentId());
		List<Finding> all = decision.detected();
		Instant now = Instant.now();
		List<NewViolation> out = new ArrayList<>();
		// one violation per value a policy acted on: the same address quoted ten times in one text is one leak
		Set<String> recorded = new HashSet<>();
		for (Guard.Applied a : decision.findings()) {
			Finding f = a.finding();
			String value = Detectors.isSpan(f) ? body.text().substring(f.start(), f.end()) : "";
			if (!recorded.add(a.policy().id() + "\u0000" + f.entity() + "\u0000" + value)) {
				continue;
			}
			out.add(new NewViolation(ws, now, (body.context() != null) ? body.context().traceId() : null,
					body.agentId(), agent.department(), agent.environment(), a.policy().id(), f.type().wire(),
					f.type().category().wire(), Guard.severity(f.type()), Guard.actionTaken(a.mode(), f), f.score(),
					"check", body.direction(), a.entity(), Redactor.excerpt(body.text(), all, f, this.excerptRadius),
					null));
		}
		return out;
	}

}
