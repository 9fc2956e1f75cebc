package com.agentobs.guardrail.safety.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.guardrail.safety.SafetyProperties;
import com.agentobs.guardrail.safety.check.CheckController.CheckFinding;
import com.agentobs.guardrail.safety.check.CheckController.CheckRequest;
import com.agentobs.guardrail.safety.check.CheckController.CheckResponse;
import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.detect.Finding;
import com.agentobs.guardrail.safety.detect.Redactor;
import com.agentobs.guardrail.safety.violation.NewViolation;

import org.springframework.stereotype.Component;

/**
 * One inline check for a caller already authorised in a workspace: validation (400 naming the
 * field), the decision from memory, and the outcome handed to {@link CheckRecorder} to be written
 * afterwards. The controller and {@link CheckFastPath} both answer through it.
 */
@Component
class InlineCheck {

	/** Longest text accepted; the detectors look at the first {@link Detectors#MAX_SCAN_CHARS}. */
	static final int MAX_TEXT_CHARS = 1_000_000;

	private final SafetySnapshots snapshots;

	private final CheckRecorder recorder;

	private final int excerptRadius;

	InlineCheck(SafetySnapshots snapshots, CheckRecorder recorder, SafetyProperties properties) {
		this.snapshots = snapshots;
		this.recorder = recorder;
		this.excerptRadius = properties.excerptRadius();
	}

	/**
	 * The answer for a caller already authorised in workspace {@code ws}; bad input throws the 400 or
	 * 413 to answer, before anything is recorded.
	 */
	ApiResponse<CheckResponse> check(UUID ws, CheckRequest body) {
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
			// 413, as for any body over a limit, still naming the field
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The text is too large: at most " + MAX_TEXT_CHARS
					+ " characters", Map.of("field", "text", "limit_chars", MAX_TEXT_CHARS));
		}
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
