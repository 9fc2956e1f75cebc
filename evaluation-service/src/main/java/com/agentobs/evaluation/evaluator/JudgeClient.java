package com.agentobs.evaluation.evaluator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * The model gateway as the judge sees it (gemini-service holds the providers and keys):
 * one prompt in, the model's text and its usage out.
 */
public interface JudgeClient {

	/** One call on behalf of {@code workspaceId}, whose trace is judged (the gateway checks the caller's role there). */
	JudgeReply complete(UUID workspaceId, JudgeRequest request);

	/**
	 * {@code POST {gateway}/api/v1/llm/generate} body: {@code model}, {@code system},
	 * {@code prompt}, {@code response_mime_type} ({@code application/json}),
	 * {@code response_schema} (a JSON Schema), {@code temperature}, {@code max_output_tokens},
	 * {@code purpose} ({@code quality_judge}).
	 */
	record JudgeRequest(String model, String system, String prompt, String responseMimeType,
			Map<String, Object> responseSchema, double temperature, int maxOutputTokens, String purpose) {
	}

	/** The gateway's answer ({@code data} of its envelope): {@code text} (the model's reply), token counts and {@code cost_usd}. */
	record JudgeReply(String text, String model, Integer inputTokens, Integer outputTokens, BigDecimal costUsd) {

		public int totalTokens() {
			return ((this.inputTokens != null) ? this.inputTokens : 0)
					+ ((this.outputTokens != null) ? this.outputTokens : 0);
		}

	}

	/** A call that did not produce a reply: {@code kind} is {@code timeout}, {@code rate_limited}, {@code http_NNN}, {@code io}. */
	class JudgeCallException extends RuntimeException {

		private final String kind;

		private final boolean retryable;

		public JudgeCallException(String kind, boolean retryable, String message) {
			super(message);
			this.kind = kind;
			this.retryable = retryable;
		}

		public String kind() {
			return this.kind;
		}

		public boolean retryable() {
			return this.retryable;
		}

	}

}
