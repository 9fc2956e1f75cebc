package com.agentobs.evaluation.online;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An evaluator rule as {@code GET /api/v1/quality/rules} answers it. */
record RuleView(UUID ruleId, String name, UUID rubricId, String rubricName, String evaluator,
		List<String> departments, List<String> environments, List<String> agentIds, List<String> versions,
		List<String> intents, double samplingRate, String samplingSeed, Double dailyCostCapUsd, boolean enabled,
		Instant createdAt, Instant updatedAt) {

	RuleDefinition definition() {
		return new RuleDefinition(this.name, this.rubricId, this.evaluator, this.departments, this.environments,
				this.agentIds, this.versions, this.intents, this.samplingRate, this.samplingSeed,
				this.dailyCostCapUsd, this.enabled);
	}

}
