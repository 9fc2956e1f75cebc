package com.agentobs.contracts.stream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;

/**
 * The payload of one {@link TraceStreams#INGEST} entry: the traces accepted by one ingest
 * request of one workspace, and any spans that arrived without their trace (OTLP child
 * spans exported before the root).
 */
public record TraceIngestedEvent(UUID workspaceId, Instant receivedAt, String source, List<IngestTrace> traces,
		List<IngestSpan> spans) {

	public static final String SOURCE_REST = "rest";

	public static final String SOURCE_OTLP = "otlp";

	public TraceIngestedEvent {
		traces = (traces != null) ? List.copyOf(traces) : List.of();
		spans = (spans != null) ? List.copyOf(spans) : List.of();
	}

}
