package com.agentobs.guardrail.safety.check;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.safety.SafetyProperties;
import com.agentobs.guardrail.safety.violation.NewViolation;
import com.agentobs.guardrail.safety.violation.ViolationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes what checks found off the caller's thread: the check enqueues, a flusher writes every
 * {@code flush-interval} in one transaction per workspace (violations, and the agent-hour counts
 * of {@code guardrail_check_log_hourly}). A full queue drops the record and counts it in
 * {@code agentobs.guardrail.recorder.dropped}: the check's answer never waits for the database.
 */
@Component
class CheckRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CheckRecorder.class);

	/** One check's outcome. */
	record CheckRecord(UUID workspaceId, String agentId, Instant at, String decision, boolean flagged,
			double latencyMs, List<NewViolation> violations) {
	}

	private final BlockingQueue<CheckRecord> queue;

	private final WorkspaceTransactions transactions;

	private final ViolationStore store;

	private final long flushMillis;

	private final Counter dropped;

	private volatile ScheduledExecutorService flusher;

	CheckRecorder(SafetyProperties properties, WorkspaceTransactions transactions, ViolationStore store,
			MeterRegistry registry) {
		this.queue = new ArrayBlockingQueue<>(properties.recorderQueue());
		this.transactions = transactions;
		this.store = store;
		this.flushMillis = properties.flushInterval().toMillis();
		this.dropped = Counter.builder("agentobs.guardrail.recorder.dropped")
			.description("check outcomes not recorded because the recorder's queue was full")
			.register(registry);
	}

	void record(CheckRecord record) {
		if (!this.queue.offer(record)) {
			this.dropped.increment();
		}
	}

	/** Writes everything queued so far (the flusher's step; tests call it to avoid waiting). */
	void flush() {
		List<CheckRecord> batch = new ArrayList<>();
		this.queue.drainTo(batch);
		if (batch.isEmpty()) {
			return;
		}
		Map<UUID, List<CheckRecord>> byWorkspace = new HashMap<>();
		for (CheckRecord r : batch) {
			byWorkspace.computeIfAbsent(r.workspaceId(), (k) -> new ArrayList<>()).add(r);
		}
		byWorkspace.forEach((ws, records) -> {
			try {
				this.transactions.runInWorkspace(ws, () -> write(ws, records));
			}
			catch (RuntimeException ex) {
				log.warn("Could not record {} guardrail checks of workspace {}: {}", records.size(), ws, ex.toString());
			}
		});
	}

	private void write(UUID ws, List<CheckRecord> records) {
		List<NewViolation> violations = new ArrayList<>();
		Map<String, Tally> tallies = new HashMap<>();
		for (CheckRecord r : records) {
			violations.addAll(r.violations());
			Instant hour = r.at().truncatedTo(ChronoUnit.HOURS);
			tallies.computeIfAbsent(hour + " " + r.agentId(), (k) -> new Tally(hour, r.agentId())).add(r);
		}
		if (!violations.isEmpty()) {
			this.store.insert(violations);
		}
		this.store.addChecks(tallies.values().stream().map((t) -> t.counts(ws)).toList());
	}

	/** One agent-hour's counts while a batch is summed. */
	private static final class Tally {

		private final Instant hour;

		private final String agentId;

		private long checks;

		private long flagged;

		private long redacted;

		private long blocked;

		private final long[] buckets = new long[ViolationStore.LATENCY_BOUNDS_MS.length + 1];

		Tally(Instant hour, String agentId) {
			this.hour = hour;
			this.agentId = agentId;
		}

		void add(CheckRecord r) {
			this.checks++;
			this.flagged += r.flagged() ? 1 : 0;
			this.redacted += "redact".equals(r.decision()) ? 1 : 0;
			this.blocked += "block".equals(r.decision()) ? 1 : 0;
			this.buckets[ViolationStore.bucket(r.latencyMs())]++;
		}

		ViolationStore.CheckCounts counts(UUID ws) {
			return new ViolationStore.CheckCounts(ws, this.hour, this.agentId, this.checks, this.flagged, this.redacted,
					this.blocked, this.buckets);
		}

	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "guardrail-check-recorder");
			t.setDaemon(true);
			return t;
		});
		executor.scheduleWithFixedDelay(this::flushQuietly, this.flushMillis, this.flushMillis, TimeUnit.MILLISECONDS);
		this.flusher = executor;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Guardrail check recorder failed: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.flusher;
		this.flusher = null;
		if (executor != null) {
			executor.shutdown();
			flushQuietly(); // what is queued at shutdown is written, not dropped
		}
	}

	@Override
	public boolean isRunning() {
		return this.flusher != null;
	}

}
