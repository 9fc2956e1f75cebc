package com.agentobs.gemini.llm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

// POST /api/v1/llm/generate
/**
 * @param prompt the user prompt
 * @param system an optional system instruction
 * @param responseSchema an optional JSON schema (object) the answer must conform to
 * @param maxOutputTokens the output budget, 1–8192 (default 1024)
 */
record GenerateTextRequest(@NotBlank @Size(max = 200_000) String prompt, @Size(max = 20_000) String system,
		JsonNode responseSchema, @Min(1) @Max(8192) Integer maxOutputTokens) {

	static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;

}
