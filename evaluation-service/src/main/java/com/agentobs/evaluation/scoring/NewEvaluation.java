package com.agentobs.evaluation.scoring;

import java.util.UUID;

/** A result to store for one trace, rubric version and evaluator ({@code rule_id} null for humans). */
public record NewEvaluation(TraceSample trace, UUID rubricId, int rubricVersion, String evaluator, UUID ruleId,
		EvaluationResult result, double passThreshold, String label, String reviewer) {

	public Boolean passed() {
		return (this.result.score() != null) ? this.result.score() >= this.passThreshold : null;
	}

}
