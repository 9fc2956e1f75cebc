package com.agentobs.query.traces;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

final class TraceResponses {

	private TraceResponses() {
	}

	// GET /api/v1/traces (one row)
	record TraceSummary(String traceId, String agentId, Instant timestamp, String status, Integer latencyMs,
			String model, String modelProvider, Integer tokensTotal, BigDecimal costUsd, String department,
			String environment, String version, String intentCategory, String userId, int sampleRate,
			String inputPreview, String outputPreview, String error) {
	}

	// GET /api/v1/traces/{trace_id}
	record TraceDetail(TraceSummary trace, String input, String output, Map<String, Object> metadata,
			String sessionId, String agentVersion, String userSegment, Integer tokensInput, Integer tokensOutput,
			List<SpanRow> timeline, Costs costs, List<Score> scores, List<ViolationRow> violations,
			Map<String, String> notes) {
	}

	/** One evaluator's result for the trace ({@code qualityBand}: the evaluator's label). */
	record Score(String evaluator, String rubricName, int rubricVersion, BigDecimal overallScore, String qualityBand,
			Map<String, Object> criterionScores, String reasoning, Instant evaluatedAt) {
	}

	/** One guardrail violation recorded for the trace ({@code details}: the stored excerpt, already redacted). */
	record ViolationRow(String violationType, String severity, String actionTaken, String policyName,
			BigDecimal confidence, boolean isFalsePositive, Instant detectedAt, Map<String, Object> details) {
	}

	record SpanRow(String spanId, String parentSpanId, String spanType, String name, Instant startedAt,
			Instant endedAt, long offsetMs, Integer latencyMs, String model, Integer tokensInput,
			Integer tokensOutput, BigDecimal costUsd, String status) {
	}

	record Costs(BigDecimal traceCostUsd, BigDecimal spansCostUsd, Map<String, BigDecimal> byModel) {
	}

}
