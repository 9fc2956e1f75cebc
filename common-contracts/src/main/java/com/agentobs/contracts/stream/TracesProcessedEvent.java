package com.agentobs.contracts.stream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link TraceStreams#PROCESSED} after a batch committed: the traces that
 * were new in this workspace (a replay publishes none) and the time range it touched.
 */
public record TracesProcessedEvent(UUID workspaceId, List<String> traceIds, int spanCount, Instant from, Instant to,
		Instant processedAt) {

	public TracesProcessedEvent {
		traceIds = (traceIds != null) ? List.copyOf(traceIds) : List.of();
	}

}
