package com.agentobs.gemini.insights;

import java.util.List;
import java.util.UUID;

// POST /api/v1/insights/postmortem-draft → data
/**
 * A postmortem draft for a person to edit; nothing is stored. The timeline is every incident
 * event in time order, as recorded; the prose is written from the facts only.
 *
 * @param status always {@code draft}: a person reviews it and saves it with the postmortem action
 * @param provider who wrote the prose: {@code offline} or {@code gemini}
 * @param fallbackReason why the model's text was not used (null when it was, or offline by configuration)
 * @param rootCauseHypothesis a hypothesis, marked as such, never a finding
 */
record PostmortemDraft(UUID incidentId, String status, String provider, String fallbackReason, String summary,
		String impact, List<PostmortemFacts.TimelineEntry> timeline, String rootCauseHypothesis,
		List<String> actionItems, List<Fact> facts, List<Evidence> evidence, InsightsResponse.Usage usage) {

	static final String STATUS = "draft";

	PostmortemDraft {
		timeline = List.copyOf(timeline);
		actionItems = List.copyOf(actionItems);
		facts = List.copyOf(facts);
		evidence = List.copyOf(evidence);
	}

}
