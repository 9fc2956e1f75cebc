package com.agentobs.guardrail.safety.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.detect.Finding;
import com.agentobs.guardrail.safety.detect.Redactor;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Redacts text the platform itself wrote (model-written insights, postmortem drafts) before a person
 * reads it or it leaves for a model: every PII, secret and custom-pattern span the workspace's detectors
 * find is replaced by its typed placeholder, whatever the policies' modes, because such text has no
 * agent whose policy could allow it. Nothing is recorded: this is not an agent's traffic.
 */
@RestController
@RequiresRole(Role.VIEWER)
class RedactController {

	/** Texts per request, and characters over all of them. */
	static final int MAX_TEXTS = 100;

	// POST /api/v1/guardrails/redact
	record RedactRequest(List<String> texts) {
	}

	/** {@code texts} in the request's order; {@code redactions}: how many spans each lost. */
	record RedactResponse(List<String> texts, List<Integer> redactions, boolean scanComplete) {
	}

	private final SafetySnapshots snapshots;

	RedactController(SafetySnapshots snapshots) {
		this.snapshots = snapshots;
	}

	@PostMapping("/api/v1/guardrails/redact")
	ApiResponse<RedactResponse> redact(Caller caller, @RequestBody RedactRequest body) {
		long started = System.nanoTime();
		if (body == null || body.texts() == null || body.texts().isEmpty() || body.texts().size() > MAX_TEXTS) {
			throw ApiException.validation("texts", "must hold 1 to " + MAX_TEXTS + " texts");
		}
		long chars = 0;
		for (int i = 0; i < body.texts().size(); i++) {
			if (body.texts().get(i) == null) {
				throw ApiException.validation("texts[" + i + "]", "must be a string");
			}
			chars += body.texts().get(i).length();
		}
		if (chars > InlineCheck.MAX_TEXT_CHARS) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The texts are too large: at most "
					+ InlineCheck.MAX_TEXT_CHARS + " characters in all", Map.of("field", "texts",
							"limit_chars", InlineCheck.MAX_TEXT_CHARS));
		}
		Detectors detectors = this.snapshots.get(caller.workspaceId()).detectors();
		List<String> texts = new ArrayList<>();
		List<Integer> redactions = new ArrayList<>();
		boolean complete = true;
		for (String text : body.texts()) {
			List<Finding> spans = detectors.scan(text).stream().filter(Detectors::isSpan).toList();
			texts.add(spans.isEmpty() ? text : Redactor.redact(text, spans));
			redactions.add(spans.size());
			complete &= text.length() <= Detectors.MAX_SCAN_CHARS;
		}
		return ApiResponse.of(new RedactResponse(texts, redactions, complete),
				ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

}
