package com.agentobs.evaluation.rubric;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.agentobs.contracts.error.ApiException;

/**
 * What a rubric version says: criteria whose weights sum to 1, the pass threshold (0–100) and
 * the judge's instructions. {@link #validate()} answers 400 naming the field.
 */
public record RubricDefinition(String name, String description, List<Criterion> criteria, Double passThreshold,
		String judgePrompt) {

	static final double DEFAULT_PASS_THRESHOLD = 75;

	private static final double WEIGHT_TOLERANCE = 0.001;

	public RubricDefinition {
		criteria = (criteria != null) ? List.copyOf(criteria) : List.of();
		passThreshold = (passThreshold != null) ? passThreshold : DEFAULT_PASS_THRESHOLD;
	}

	RubricDefinition validate() {
		if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
			throw ApiException.validation("name", "must be 1 to 200 characters");
		}
		if (this.criteria.isEmpty() || this.criteria.size() > 20) {
			throw ApiException.validation("criteria", "must list 1 to 20 criteria");
		}
		Set<String> keys = new HashSet<>();
		double sum = 0;
		for (int i = 0; i < this.criteria.size(); i++) {
			Criterion c = this.criteria.get(i);
			String field = "criteria[" + i + "]";
			if (c.key() == null || !c.key().matches("[a-z][a-z0-9_]{0,49}")) {
				throw ApiException.validation(field + ".key", "must match [a-z][a-z0-9_]{0,49}");
			}
			if (!keys.add(c.key())) {
				throw ApiException.validation(field + ".key", "is used twice");
			}
			if (!(c.weight() > 0 && c.weight() <= 1)) {
				throw ApiException.validation(field + ".weight", "must be in (0, 1]");
			}
			if (!Criterion.CHECKS.contains(c.check())) {
				throw ApiException.validation(field + ".check", "unknown check", Criterion.CHECKS);
			}
			sum += c.weight();
		}
		if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
			throw ApiException.validation("criteria", "weights must sum to 1 (they sum to %.3f)".formatted(sum));
		}
		if (this.passThreshold < 0 || this.passThreshold > 100) {
			throw ApiException.validation("pass_threshold", "must be between 0 and 100");
		}
		return this;
	}

}
