package com.agentobs.gemini.llm;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

// POST /api/v1/llm/generate → data
/**
 * @param text the answer as the model wrote it
 * @param json the answer parsed, when a response schema was given (it conforms to it)
 * @param provider {@code offline} or {@code gemini}
 */
record GenerateTextResponse(String text, JsonNode json, String provider, String model, int inputTokens,
		int outputTokens, BigDecimal costUsd, String finishReason, int attempts) {

}
