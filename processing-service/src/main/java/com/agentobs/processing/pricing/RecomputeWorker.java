package com.agentobs.processing.pricing;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.processing.write.PriceCache;
import com.agentobs.processing.write.PriceTable;
import com.agentobs.processing.write.TraceEnricher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Runs cost recomputes one page at a time: claim the oldest queued run (lease), then in one workspace
 * transaction lock the run, re-check it is still running at the same cursor (an undo wins), take the
 * workspace's totals lock, re-price the next page of its traces with the workspace's current prices (read
 * fresh, not from the write path's cache; for a span-derived trace its eligible spans, then its cost as the sum
 * of its spans'), keep each changed span's and trace's previous cost and move the cursor: the progress a client
 * polls. After the last page the window's rollups are rebuilt from raw in the transaction that marks the run
 * done, then the workspace's data version is bumped so cached Cost tab reads refresh.
 */
@Component
class RecomputeWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecomputeWorker.class);

	private final RecomputeStore runs;

	private final PriceCache prices;

	private final WorkspaceTransactions transactions;

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	private final RecomputeProperties settings;

	private final String holder;

	private volatile ScheduledExecutorService executor;

	RecomputeWorker(RecomputeStore runs, PriceCache prices, WorkspaceTransactions transactions,
			StringRedisTemplate redis, ObjectMapper mapper, RecomputeProperties settings) {
		this.runs = runs;
		this.prices = prices;
		this.transactions = transactions;
		this.redis = redis;
		this.mapper = mapper;
		this.settings = settings;
		this.holder = "recompute-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/** What one page did. */
	private enum Step {
		NONE, PAGE, FINISHED, STOPPED
	}

	/** Claims the oldest runnable recompute and runs one page of it; false when there was none. */
	boolean runOnce() {
		RecomputeStore.Claim claim = this.runs.claim(this.holder, this.settings.lease()).orElse(null);
		if (claim == null) {
			return false;
		}
		UUID ws = claim.workspaceId();
		Step step;
		try {
			step = this.transactions.inWorkspace(ws, () -> page(ws, claim.id()));
		}
		catch (RuntimeException ex) {
			log.warn("Cost recompute {} failed [workspace_id={}]", claim.id(), ws, ex);
			this.transactions.runInWorkspace(ws, () -> this.runs.setStatus(ws, claim.id(), Recompute.FAILED,
					ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage())));
			return true;
		}
		if (step == Step.FINISHED) {
			try {
				this.redis.opsForValue().increment(DataVersion.key(ws));
			}
			catch (RuntimeException ex) {
				log.warn("Could not bump the data version after cost recompute {} [workspace_id={}]", claim.id(), ws, ex);
			}
		}
		return true;
	}

	/** Runs every page of every queued recompute now (tests and the end of a short run). */
	void drain() {
		int guard = 0;
		while (runOnce() && guard++ < 100_000) {
			// next page
		}
	}

	private Step page(UUID ws, UUID id) {
		Recompute run = this.runs.lock(ws, id).orElse(null);
		if (run == null || !Recompute.RUNNING.equals(run.status())) {
			return Step.STOPPED;
		}
		this.runs.lockTotals(ws);
		int limit = this.settings.pageSize();
		List<RecomputeStore.TraceRow> page = this.runs.page(ws, run, limit);
		PriceTable table = page.isEmpty() ? null : this.prices.fresh(ws);
		List<RecomputeStore.TraceRow> fromSpans = page.stream().filter(RecomputeStore.TraceRow::totalsFromSpans).toList();
		Map<String, List<RecomputeStore.SpanRow>> spans = fromSpans.isEmpty() ? Map.of()
				: this.runs.spans(ws, run, fromSpans);
		int changed = 0;
		BigDecimal before = BigDecimal.ZERO;
		BigDecimal after = BigDecimal.ZERO;
		for (RecomputeStore.TraceRow t : page) {
			BigDecimal cost;
			String source;
			String provider;
			boolean spansChanged = false;
			if (t.totalsFromSpans()) {
				for (RecomputeStore.SpanRow s : spans.getOrDefault(t.traceId(), List.of())) {
					spansChanged |= repriceSpan(ws, id, table, s);
				}
				if (!spansChanged) {
					continue;
				}
				RecomputeStore.SpanSums sums = this.runs.spanSums(ws, t.traceId());
				cost = sums.cost();
				source = (cost == null) ? TraceEnricher.UNKNOWN : sums.anyCatalog() ? TraceEnricher.CATALOG
						: (t.costSource() != null && !TraceEnricher.UNKNOWN.equals(t.costSource())) ? t.costSource()
								: TraceEnricher.CATALOG;
				provider = (t.provider() != null) ? t.provider() : sums.provider();
			}
			else {
				PriceTable.Price price = table.find(t.model(), t.timestamp());
				cost = PriceTable.cost(price,
						TraceEnricher.usage(t.tokensInput(), t.tokensOutput(), t.tokensTotal(), usage(t.usageJson())));
				source = (cost != null) ? TraceEnricher.CATALOG : TraceEnricher.UNKNOWN;
				provider = (t.provider() != null) ? t.provider() : (price != null) ? price.provider() : null;
			}
			boolean same = Objects.equals(cost, t.cost()) && source.equals(t.costSource())
					&& Objects.equals(provider, t.provider());
			if (same && !spansChanged) {
				continue;
			}
			if (!same) {
				this.runs.reprice(ws, id, t, cost, source, provider);
			}
			changed++;
			before = before.add((t.cost() != null) ? t.cost() : BigDecimal.ZERO);
			after = after.add((cost != null) ? cost : BigDecimal.ZERO);
		}
		RecomputeStore.TraceRow last = page.isEmpty() ? null : page.get(page.size() - 1);
		this.runs.advance(ws, id, last, page.size(), changed, before, after);
		if (page.size() < limit) {
			this.runs.rebuildRollups(ws, run.from(), run.to());
			this.runs.setStatus(ws, id, Recompute.DONE, null);
			return Step.FINISHED;
		}
		return Step.PAGE;
	}

	/** Re-prices one span as the write path prices it (by its model at its start); true when it changed. */
	private boolean repriceSpan(UUID ws, UUID id, PriceTable table, RecomputeStore.SpanRow s) {
		PriceTable.Price price = table.find(s.model(), s.startedAt());
		BigDecimal cost = PriceTable.cost(price,
				TraceEnricher.usage(s.tokensInput(), s.tokensOutput(), null, usage(s.usageJson())));
		String source = (cost != null) ? TraceEnricher.CATALOG : TraceEnricher.UNKNOWN;
		String provider = (s.provider() != null) ? s.provider() : (price != null) ? price.provider() : null;
		if (Objects.equals(cost, s.cost()) && source.equals(s.costSource()) && Objects.equals(provider, s.provider())) {
			return false;
		}
		this.runs.repriceSpan(ws, id, s, cost, source, provider);
		return true;
	}

	private Object usage(String json) {
		if (json == null) {
			return null;
		}
		try {
			return this.mapper.readValue(json, Map.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "cost-recompute");
			t.setDaemon(true);
			return t;
		});
		this.executor = ex;
		ex.scheduleWithFixedDelay(() -> {
			try {
				while (runOnce()) {
					if (Thread.currentThread().isInterrupted()) {
						return;
					}
				}
			}
			catch (RuntimeException e) {
				log.warn("Cost recompute worker pass failed", e);
			}
		}, this.settings.poll().toMillis(), this.settings.poll().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService ex = this.executor;
		if (ex != null) {
			ex.shutdownNow();
			try {
				ex.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
