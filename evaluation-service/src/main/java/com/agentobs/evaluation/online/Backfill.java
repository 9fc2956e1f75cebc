package com.agentobs.evaluation.online;

import java.time.Instant;
import java.util.UUID;

/**
 * A backfill run: one rule over a past window. Also the response of
 * {@code GET /api/v1/quality/backfills}; {@code progress_pct} = traces scanned ÷ traces in the window.
 */
record Backfill(UUID backfillId, UUID ruleId, String ruleName, Instant from, Instant to, String status,
		int ratePerSecond, long totalTraces, long processedTraces, long writtenCount, Double progressPct,
		Instant cursorTimestamp, String cursorTraceId, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

	static final String QUEUED = "queued";

	static final String RUNNING = "running";

	static final String DONE = "done";

	static final String CANCELLED = "cancelled";

	static final String FAILED = "failed";

	boolean active() {
		return QUEUED.equals(this.status) || RUNNING.equals(this.status);
	}

}
