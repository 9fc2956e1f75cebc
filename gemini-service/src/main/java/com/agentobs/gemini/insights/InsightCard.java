package com.agentobs.gemini.insights;

import java.util.List;

/**
 * One insight: a title, a body whose every number is a fact's display, a severity
 * ({@code info | warning | critical}) and the evidence ids it rests on.
 */
public record InsightCard(String title, String body, String severity, List<String> evidence) {

	public InsightCard {
		evidence = List.copyOf(evidence);
	}

}
