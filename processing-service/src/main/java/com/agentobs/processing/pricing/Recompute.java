package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One "recompute costs" run as the API shows it: progress is {@code processed_traces} of
 * {@code total_traces} (counted when queued), then the rollups of the window; {@code changed_traces} and the
 * summed cost of those traces before and after.
 */
record Recompute(UUID recomputeId, UUID actionId, String model, Instant from, Instant to, String scope, String status,
		long totalTraces, long processedTraces, long changedTraces, BigDecimal costBeforeUsd, BigDecimal costAfterUsd,
		Instant cursorTimestamp, String cursorTraceId, String error, Instant createdAt, Instant startedAt,
		Instant finishedAt) {

	static final String QUEUED = "queued";

	static final String RUNNING = "running";

	static final String DONE = "done";

	static final String FAILED = "failed";

	static final String ROLLED_BACK = "rolled_back";

	/** Share done, 0 to 1 (1 once done). */
	@JsonProperty("progress")
	public double progress() {
		if (DONE.equals(this.status)) {
			return 1.0;
		}
		return (this.totalTraces == 0) ? 0.0 : Math.min(1.0, (double) this.processedTraces / this.totalTraces);
	}

}
