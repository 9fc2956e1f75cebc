package com.agentobs.contracts.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One validated trace as ingestion hands it to processing (inside a
 * {@link com.agentobs.contracts.stream.TraceIngestedEvent}). {@code traceId} and
 * {@code timestamp} are always set (ingestion generates the id when the client sent
 * none), so a redelivered stream entry writes the same row. Tokens and cost are the
 * client's own; {@code null} means "not sent": processing then derives them (price table,
 * or the sum over the trace's spans when the trace has no tokens of its own).
 */
public record IngestTrace(String traceId, String agentId, Instant timestamp, String input, String output, String error,
		Integer latencyMs, String status, String model, String modelProvider, Integer tokensInput,
		Integer tokensOutput, Integer tokensTotal, BigDecimal costUsd, String environment, String version,
		String agentVersion, String intentCategory, String userId, String sessionId, Integer sampleRate,
		Map<String, Object> metadata, List<IngestSpan> spans) {

	public IngestTrace {
		metadata = (metadata != null) ? metadata : Map.of();
		spans = (spans != null) ? List.copyOf(spans) : List.of();
	}

	/** True when the client sent no token counts: the trace's totals come from its spans. */
	public boolean hasNoTokensOfItsOwn() {
		return this.tokensInput == null && this.tokensOutput == null && this.tokensTotal == null;
	}

}
