package com.agentobs.evaluation.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response records of the Quality tab's reads ({@code /api/v1/quality/*}). */
final class QualityResponses {

	private QualityResponses() {
	}

	/** Score bands: excellent ≥ 90, good ≥ 75, fair ≥ 60, poor < 60. */
	record Bands(long excellent, long good, long fair, long poor) {
	}

	// GET /api/v1/quality/overview
	record Overview(Double avgScore, Double avgScoreChange, Double passRatePct, Double belowThresholdPct,
			long scoredCount, long errorCount, long traceCount, Double scoredSharePct, long reviewBacklog,
			long reviewsCompleted, Bands distribution) {
	}

	// GET /api/v1/quality/trend
	record TrendPoint(Instant bucket, Double avgScore, Double passRatePct, long count) {
	}

	// GET /api/v1/quality/by-agent | by-department | version-comparison
	record GroupScore(String key, String department, Double avgScore, Double passRatePct, long count, Bands bands) {
	}

	// GET /api/v1/quality/low-scores
	record LowScore(String traceId, Instant timestamp, String agentId, String department, String version,
			String intent, String rubricId, String rubricName, int rubricVersion, String evaluator, double score,
			String reasoning) {
	}

	// GET /api/v1/quality/traces/{trace_id}
	record TraceScores(String traceId, Instant timestamp, String agentId, String department, String status,
			Integer latencyMs, String input, String output, List<ScoreDetail> scores) {
	}

	record ScoreDetail(long evaluationId, String rubricId, String rubricName, int rubricVersion, String evaluator,
			String status, Double score, Boolean passed, Map<String, Object> criteriaScores, String label,
			String reasoning, String error, String reviewer, Integer judgeTokens, Double judgeCostUsd,
			Instant createdAt) {
	}

	// GET /api/v1/quality/agreement: a human reviewer vs an automated evaluator on the same traces
	record EvaluatorAgreement(String rubricId, String rubricName, String evaluator, long pairs, Double kappa,
			Double pearson, Double agreementPct, Double meanAbsDiff, Confusion confusion) {
	}

	/** Pass/fail pairs: automated verdict first, human second. */
	record Confusion(long bothPass, long automatedPassHumanFail, long automatedFailHumanPass, long bothFail) {
	}

	// GET /api/v1/quality/by-rubric: average per criterion of each rubric (automated evaluators)
	record CriterionScore(String rubricId, String rubricName, String criterion, String criterionName,
			Double avgScore, long count) {
	}

	// GET /api/v1/quality/vs-cost: per agent, quality against cost per request
	record QualityCost(String agentId, String department, Double avgScore, long scoredCount, long requests,
			double totalCostUsd, Double costPerRequestUsd) {
	}

	// GET /api/v1/quality/by-intent: lowest-scoring intents first
	record IntentScore(String intent, Double avgScore, Double passRatePct, long count) {
	}

}
