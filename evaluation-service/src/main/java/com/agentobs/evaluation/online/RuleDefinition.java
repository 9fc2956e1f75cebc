package com.agentobs.evaluation.online;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.agentobs.contracts.error.ApiException;

/**
 * What an evaluator rule is: the rubric and evaluator it runs, its filters (empty = any), its
 * sampling and, for the judge, its daily USD cap. The params of the rule actions and their inverse.
 */
record RuleDefinition(String name, UUID rubricId, String evaluator, List<String> departments,
		List<String> environments, List<String> agentIds, List<String> versions, List<String> intents,
		double samplingRate, String samplingSeed, Double dailyCostCapUsd, boolean enabled) {

	static final List<String> EVALUATORS = List.of("heuristic", "llm_judge");

	private static final Pattern SEED = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

	RuleDefinition {
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		environments = (environments != null) ? List.copyOf(environments) : List.of();
		agentIds = (agentIds != null) ? List.copyOf(agentIds) : List.of();
		versions = (versions != null) ? List.copyOf(versions) : List.of();
		intents = (intents != null) ? List.copyOf(intents) : List.of();
		samplingSeed = (samplingSeed == null || samplingSeed.isBlank()) ? "default" : samplingSeed;
	}

	/** 400 naming the first bad field. */
	void validate() {
		if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
			throw ApiException.validation("name", "must be 1 to 200 characters");
		}
		if (this.rubricId == null) {
			throw ApiException.validation("rubric_id", "is required");
		}
		if (this.evaluator == null || !EVALUATORS.contains(this.evaluator)) {
			throw ApiException.validation("evaluator", "unknown evaluator", EVALUATORS);
		}
		if (!(this.samplingRate >= 0 && this.samplingRate <= 1)) {
			throw ApiException.validation("sampling_rate", "must be between 0 and 1");
		}
		if (!SEED.matcher(this.samplingSeed).matches()) {
			throw ApiException.validation("sampling_seed", "1 to 100 of A-Z a-z 0-9 _ . : -");
		}
		if (this.dailyCostCapUsd != null) {
			if (!"llm_judge".equals(this.evaluator)) {
				throw ApiException.validation("daily_cost_cap_usd", "only an llm_judge rule has a cost cap");
			}
			if (!(this.dailyCostCapUsd >= 0 && this.dailyCostCapUsd <= 100_000)) {
				throw ApiException.validation("daily_cost_cap_usd", "must be between 0 and 100000");
			}
		}
		list("departments", this.departments, 50);
		list("environments", this.environments, 50);
		list("agent_ids", this.agentIds, 255);
		list("versions", this.versions, 50);
		list("intents", this.intents, 100);
	}

	private static void list(String field, List<String> values, int maxLength) {
		if (values.size() > 1000) {
			throw ApiException.validation(field, "at most 1000 entries");
		}
		for (int i = 0; i < values.size(); i++) {
			String v = values.get(i);
			if (v == null || v.isBlank() || v.length() > maxLength) {
				throw ApiException.validation(field + "[" + i + "]", "must be 1 to " + maxLength + " characters");
			}
		}
	}

}
