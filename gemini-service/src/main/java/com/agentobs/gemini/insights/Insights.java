package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a generator wrote for one fact sheet: the cards, who wrote them, why the model's text
 * was not used ({@code null} when it was, or when offline was the provider), and the model's
 * token accounting (zero offline).
 */
public record Insights(List<InsightCard> cards, String provider, String fallbackReason, int inputTokens,
		int outputTokens, BigDecimal costUsd) {

	public Insights {
		cards = List.copyOf(cards);
	}

}
