package com.agentobs.evaluation.experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The schedules: experiment results every {@code results-interval} for every running experiment
 * (and once for any started experiment that has none),
 * and the canary controller every {@code canary-tick}. Both are safe on several instances (results
 * are append-only snapshots; canaries are leased).
 */
@Component
class ExperimentJobs implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExperimentJobs.class);

	private final ExperimentStore store;

	private final ExperimentResults results;

	private final CanaryAnalyzer canaries;

	private final WorkspaceTransactions transactions;

	private final ExperimentProperties settings;

	private final Clock clock;

	private volatile ScheduledExecutorService executor;

	ExperimentJobs(ExperimentStore store, ExperimentResults results, CanaryAnalyzer canaries,
			WorkspaceTransactions transactions, ExperimentProperties settings, Clock clock) {
		this.store = store;
		this.results = results;
		this.canaries = canaries;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	/** Computes the results of every running experiment now; returns how many. */
	int computeAll() {
		int done = 0;
		Instant now = Instant.now(this.clock);
		for (Map.Entry<UUID, UUID> e : this.store.running()) {
			UUID ws = e.getKey();
			try {
				this.transactions.runInWorkspace(ws, () -> this.store.find(ws, e.getValue())
					.ifPresent((experiment) -> this.results.compute(ws, experiment, now)));
				done++;
			}
			catch (RuntimeException ex) {
				log.warn("Results of experiment {} failed [workspace_id={}]", e.getValue(), ws, ex);
			}
		}
		return done;
	}

	@Override
	public void start() {
		if (!this.settings.enabled() || this.executor != null) {
			return;
		}
		ScheduledExecutorService started = Executors.newScheduledThreadPool(1, (r) -> {
			Thread t = new Thread(r, "experiment-jobs");
			t.setDaemon(true);
			return t;
		});
		// the first pass soon after start: experiments loaded without results get theirs within a minute
		started.scheduleWithFixedDelay(this::safeCompute, this.settings.firstResultsDelay().toMillis(),
				this.settings.resultsInterval().toMillis(), TimeUnit.MILLISECONDS);
		started.scheduleWithFixedDelay(this::safeTick, this.settings.canaryTick().toMillis(),
				this.settings.canaryTick().toMillis(), TimeUnit.MILLISECONDS);
		this.executor = started;
	}

	private void safeCompute() {
		try {
			computeAll();
		}
		catch (RuntimeException ex) {
			log.warn("Experiment results run failed", ex);
		}
	}

	private void safeTick() {
		try {
			this.canaries.tick();
		}
		catch (RuntimeException ex) {
			log.warn("Canary controller tick failed", ex);
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
