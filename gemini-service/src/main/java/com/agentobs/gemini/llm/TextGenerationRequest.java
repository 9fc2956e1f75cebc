package com.agentobs.gemini.llm;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One generation: the prompt, an optional system instruction, an optional JSON schema the
 * answer must conform to (null = free text) and the output token budget.
 */
public record TextGenerationRequest(String prompt, String system, JsonNode responseSchema, int maxOutputTokens) {

	public TextGenerationRequest {
		Objects.requireNonNull(prompt, "prompt");
		if (maxOutputTokens < 1) {
			throw new IllegalArgumentException("maxOutputTokens must be positive");
		}
	}

}
