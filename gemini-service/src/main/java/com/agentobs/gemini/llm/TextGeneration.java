package com.agentobs.gemini.llm;

import java.math.BigDecimal;

/**
 * One answer with its accounting: tokens as the provider counted them (estimated at four
 * characters a token offline), the cost at the configured prices, and how many attempts it took.
 */
public record TextGeneration(String text, String provider, String model, int inputTokens, int outputTokens,
		BigDecimal costUsd, String finishReason, int attempts) {

}
