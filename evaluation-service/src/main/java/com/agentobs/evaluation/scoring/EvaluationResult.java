package com.agentobs.evaluation.scoring;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One evaluator's verdict: {@code scored} with a 0–100 score, or {@code error} /
 * {@code budget_exhausted} without one (never a guessed score).
 */
public record EvaluationResult(String status, Double score, Map<String, Double> criteriaScores, String reasoning,
		String error, Integer judgeTokens, BigDecimal judgeCostUsd) {

	public static final String SCORED = "scored";

	public static final String ERROR = "error";

	public static final String BUDGET_EXHAUSTED = "budget_exhausted";

	public EvaluationResult {
		criteriaScores = (criteriaScores != null) ? Map.copyOf(criteriaScores) : Map.of();
		if (SCORED.equals(status) && (score == null || score < 0 || score > 100)) {
			throw new IllegalArgumentException("a scored result needs a score in [0, 100]");
		}
	}

	public static EvaluationResult scored(double score, Map<String, Double> criteria, String reasoning) {
		return new EvaluationResult(SCORED, Math.round(score * 100) / 100.0, criteria, reasoning, null, null, null);
	}

	public static EvaluationResult error(String error, Integer tokens, BigDecimal cost) {
		return new EvaluationResult(ERROR, null, Map.of(), null, error, tokens, cost);
	}

	public static EvaluationResult budgetExhausted() {
		return new EvaluationResult(BUDGET_EXHAUSTED, null, Map.of(), null, "daily cost cap reached", null, null);
	}

	public EvaluationResult withJudgeUsage(Integer tokens, BigDecimal cost) {
		return new EvaluationResult(this.status, this.score, this.criteriaScores, this.reasoning, this.error, tokens,
				cost);
	}

}
