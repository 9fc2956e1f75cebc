package com.agentobs.contracts.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One step of a trace (LLM generation, tool call, retrieval, guardrail check). Spans may
 * arrive inside their trace or on their own (OTLP exports child spans before the root),
 * so {@code traceId} is always set.
 */
public record IngestSpan(String traceId, String spanId, String parentSpanId, String spanType, String name,
		Instant startedAt, Instant endedAt, Integer latencyMs, String model, String modelProvider,
		Integer tokensInput, Integer tokensOutput, BigDecimal costUsd, String status, Map<String, Object> attributes) {

	public IngestSpan {
		attributes = (attributes != null) ? attributes : Map.of();
	}

}
