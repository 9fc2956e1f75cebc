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
			List<SpanRow> timeline, Costs costs, Object scores, Object violations, Map<String, String> notes) {
	}

	record SpanRow(String spanId, String parentSpanId, String spanType, String name, Instant startedAt,
			Instant endedAt, long offsetMs, Integer latencyMs, String model, Integer tokensInput,
			Integer tokensOutput, BigDecimal costUsd, String status) {
	}

	record Costs(BigDecimal traceCostUsd, BigDecimal spansCostUsd, Map<String, BigDecimal> byModel) {
	}

}
