package com.agentobs.evaluation.online;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.rubric.RubricStore;
import com.agentobs.evaluation.scoring.EvaluationStore;
import com.agentobs.evaluation.scoring.NewEvaluation;
import com.agentobs.evaluation.scoring.TraceLoader;
import com.agentobs.evaluation.scoring.TraceSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs backfills one page at a time: claim the oldest runnable run (lease), read the next page of
 * its window after the cursor, score it with the run's rule outside any transaction, then write
 * the evaluations and move the cursor in one transaction that re-checks, under the run's row lock,
 * that it is still running at the same cursor (a cancel or another worker wins, nothing is written
 * twice). Between pages it sleeps so a run never scans faster than its {@code rate_per_second}.
 */
@Component
public class BackfillWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackfillWorker.class);

	private final BackfillStore backfills;

	private final RuleStore rules;

	private final RubricStore rubrics;

	private final TraceLoader traces;

	private final EvaluationStore evaluations;

	private final OnlineEvaluation online;

	private final WorkspaceTransactions transactions;

	private final BackfillProperties settings;

	private final String holder;

	private final Counter scanned;

	private final Counter written;

	private volatile ScheduledExecutorService executor;

	BackfillWorker(BackfillStore backfills, RuleStore rules, RubricStore rubrics, TraceLoader traces,
			EvaluationStore evaluations, OnlineEvaluation online, WorkspaceTransactions transactions,
			BackfillProperties settings, MeterRegistry meters) {
		this.backfills = backfills;
		this.rules = rules;
		this.rubrics = rubrics;
		this.traces = traces;
		this.evaluations = evaluations;
		this.online = online;
		this.transactions = transactions;
		this.settings = settings;
		this.holder = "backfill-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		this.scanned = meters.counter("agentobs.evaluation.backfill.scanned");
		this.written = meters.counter("agentobs.evaluation.backfill.written");
	}

	private record Page(Backfill run, EvaluatorRule rule, Rubric rubric, List<TraceSample> traces, int limit,
			String failure) {
	}

	/** Claims and runs one page of the oldest runnable backfill; false when there was none. */
	public boolean runOnce() {
		BackfillStore.Claim claim = this.backfills.claim(this.holder, this.settings.lease()).orElse(null);
		if (claim == null) {
			return false;
		}
		UUID ws = claim.workspaceId();
		long started = System.nanoTime();
		Page page = this.transactions.inWorkspace(ws, () -> read(ws, claim.id()));
		if (page == null) {
			return true;
		}
		if (page.failure() != null) {
			this.transactions.runInWorkspace(ws,
					() -> this.backfills.setStatus(ws, claim.id(), Backfill.FAILED, page.failure()));
			return true;
		}
		List<NewEvaluation> results = this.online.scoreRule(ws, page.rule(), page.rubric(), page.traces());
		int inserted = this.transactions.inWorkspace(ws, () -> write(ws, page, results));
		this.scanned.increment(page.traces().size());
		this.written.increment(Math.max(0, inserted));
		// the rate bound: a page of n traces takes at least n / rate seconds
		long minimumNanos = (long) (page.traces().size() * 1e9 / page.run().ratePerSecond());
		long rest = minimumNanos - (System.nanoTime() - started);
		if (rest > 0) {
			LockSupport.parkNanos(rest);
		}
		return true;
	}

	private Page read(UUID ws, UUID id) {
		Backfill run = this.backfills.find(ws, id).orElse(null);
		if (run == null || !Backfill.RUNNING.equals(run.status())) {
			return null;
		}
		EvaluatorRule rule = this.rules.find(ws, run.ruleId()).orElse(null);
		if (rule == null) {
			return new Page(run, null, null, List.of(), 0, "the rule no longer exists");
		}
		Rubric rubric = this.rubrics.find(ws, rule.rubricId()).orElse(null);
		if (rubric == null || rubric.archived()) {
			return new Page(run, rule, null, List.of(), 0, "the rule's rubric is archived");
		}
		int limit = Math.max(1, Math.min(this.settings.pageSize(), run.ratePerSecond()));
		List<TraceSample> page = this.traces.page(ws, run.from(), run.to(), run.cursorTimestamp(),
				run.cursorTraceId(), limit);
		return new Page(run, rule, rubric, page, limit, null);
	}

	/** Writes one page if the run is still running at the cursor it was read at; -1 when it is not. */
	private int write(UUID ws, Page page, List<NewEvaluation> results) {
		Backfill now = this.backfills.lock(ws, page.run().backfillId()).orElse(null);
		if (now == null || !Backfill.RUNNING.equals(now.status())
				|| !Objects.equals(now.cursorTimestamp(), page.run().cursorTimestamp())
				|| !Objects.equals(now.cursorTraceId(), page.run().cursorTraceId())) {
			return -1;
		}
		int inserted = this.evaluations.insertAll(ws, results, now.backfillId()).size();
		List<TraceSample> scannedTraces = page.traces();
		TraceSample last = scannedTraces.isEmpty() ? null : scannedTraces.get(scannedTraces.size() - 1);
		Instant cursorTimestamp = (last != null) ? last.timestamp() : null;
		this.backfills.advance(ws, now.backfillId(), cursorTimestamp, (last != null) ? last.traceId() : null,
				scannedTraces.size(), inserted, scannedTraces.size() < page.limit());
		return inserted;
	}

	private void drain() {
		try {
			while (this.executor != null && runOnce()) {
				// keep going while there is work; each page sleeps to its run's rate
			}
		}
		catch (RuntimeException ex) {
			log.warn("Backfill page failed; its lease lapses and it is retried", ex);
		}
	}

	@Override
	public void start() {
		if (this.settings.enabled() && this.executor == null) {
			ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((r) -> {
				Thread t = new Thread(r, "evaluation-backfill");
				t.setDaemon(true);
				return t;
			});
			this.executor = started;
			long interval = this.settings.interval().toMillis();
			started.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
