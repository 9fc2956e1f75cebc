package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.List;

// GET /api/v1/insights?tab=… → data
/**
 * A tab's cards with the facts they were written from.
 *
 * @param provider who wrote the cards: {@code offline} or {@code gemini}
 * @param fallbackReason why the model's text was not used (null when it was, or offline by configuration)
 * @param dataVersion the workspace data version the facts were read at
 */
record InsightsResponse(String tab, String provider, String fallbackReason, long dataVersion,
		List<InsightCard> cards, List<Fact> facts, List<Evidence> evidence, Usage usage) {

	/** The model's token accounting for this answer (zero offline). */
	record Usage(int inputTokens, int outputTokens, BigDecimal costUsd) {
	}

}
