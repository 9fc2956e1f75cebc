package com.agentobs.query.business;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.Scope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduled business pass, under a lease so one instance runs it at a time. Per workspace: the
 * open goals' daily progress, current value and status are stored; then 90-day forecasts of
 * requests, cost and value are fitted for the fleet and every department with traffic, on complete
 * UTC days only (today is partial and would pull the trend down), each with a backtest on its last
 * third (at most 30 days). Fitting never happens at request time: reads only read what this wrote.
 */
@Component
public class BusinessJob implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BusinessJob.class);

	/** Shorter histories get a forecast but no backtest (too few days to hold any out). */
	static final int MIN_BACKTEST_DAYS = 21;

	private final BusinessProperties properties;

	private final BusinessLease lease;

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final Traffic traffic;

	private final ValueModels valueModels;

	private final Goals goals;

	private final GoalEvaluator evaluator;

	private final ForecastStore forecasts;

	private final StringRedisTemplate redis;

	private final Clock clock = Clock.systemUTC();

	private final String holder = "query-" + UUID.randomUUID();

	private volatile ScheduledExecutorService executor;

	BusinessJob(BusinessProperties properties, BusinessLease lease, WorkspaceTransactions transactions,
			JdbcClient jdbc, Traffic traffic, ValueModels valueModels, Goals goals, GoalEvaluator evaluator,
			ForecastStore forecasts, StringRedisTemplate redis) {
		this.properties = properties;
		this.lease = lease;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.traffic = traffic;
		this.valueModels = valueModels;
		this.goals = goals;
		this.evaluator = evaluator;
		this.forecasts = forecasts;
		this.redis = redis;
	}

	@Override
	public void start() {
		if (!this.properties.jobEnabled()) {
			return;
		}
		ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "business-job");
			thread.setDaemon(true);
			return thread;
		});
		ex.scheduleWithFixedDelay(this::leasedPass, this.properties.firstRunDelay().toMillis(),
				this.properties.jobInterval().toMillis(), TimeUnit.MILLISECONDS);
		this.executor = ex;
	}

	private void leasedPass() {
		try {
			if (this.lease.acquire("business", this.holder, this.clock.instant(),
					this.properties.jobInterval().multipliedBy(2))) {
				for (UUID ws : this.jdbc.sql("SELECT agentobs_business_workspaces()").query(UUID.class).list()) {
					refresh(ws);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Business pass failed: {}", ex.toString());
		}
	}

	/** One workspace: goals, then forecasts, then the cache version bump. Returns the runs written. */
	public int refresh(UUID ws) {
		Instant now = this.clock.instant();
		int runs = this.transactions.inWorkspace(ws, () -> {
			Map<UUID, ValueModel> models = this.valueModels.byDepartment(ws);
			refreshGoals(ws, models, now);
			return refreshForecasts(ws, models, now);
		});
		try {
			this.redis.opsForValue().increment(DataVersion.key(ws));
		}
		catch (RuntimeException ex) {
			// the cached reads expire on their TTL anyway
			log.info("Could not bump data_version after the business pass [workspace_id={}]: {}", ws, ex.toString());
		}
		return runs;
	}

	private void refreshGoals(UUID ws, Map<UUID, ValueModel> models, Instant now) {
		List<Goal> open = this.goals.all(ws, false);
		for (GoalEvaluator.Evaluation e : this.evaluator.evaluate(ws, open, models, now)) {
			this.goals.writeProgress(ws, e.goal().goalId(), e.days());
			this.goals.setEvaluation(ws, e.goal().goalId(), e.currentValue(), e.status().code());
		}
	}

	private int refreshForecasts(UUID ws, Map<UUID, ValueModel> models, Instant now) {
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalDate from = today.minusDays(this.properties.historyDays());
		List<FleetRow> rows = this.traffic.daily(new Scope(ws, null, null, null, null),
				from.atStartOfDay().toInstant(ZoneOffset.UTC), today.atStartOfDay().toInstant(ZoneOffset.UTC));
		// scope (null = fleet) → day → sums
		Map<UUID, Map<LocalDate, Traffic.Sum>> byScope = new LinkedHashMap<>();
		byScope.put(null, new HashMap<>());
		for (FleetRow row : rows) {
			Traffic.Sum sum = Traffic.Sum.of(row, models);
			LocalDate day = Traffic.day(row);
			byScope.get(null).merge(day, sum, Traffic.Sum::plus);
			if (row.key().departmentId() != null) {
				byScope.computeIfAbsent(row.key().departmentId(), (k) -> new HashMap<>())
					.merge(day, sum, Traffic.Sum::plus);
			}
		}
		LocalDate earliest = byScope.get(null).keySet().stream().min(LocalDate::compareTo).orElse(null);
		if (earliest == null) {
			return 0;
		}
		LocalDate first = earliest;
		LocalDate last = today.minusDays(1);
		if (java.time.temporal.ChronoUnit.DAYS.between(first, last) >= Forecaster.MIN_DAYS) {
			// a workspace's first day of traffic is almost always partial (it started mid-day): leave it out
			first = first.plusDays(1);
		}
		int runs = 0;
		for (Map.Entry<UUID, Map<LocalDate, Traffic.Sum>> scope : byScope.entrySet()) {
			List<Traffic.Sum> days = new ArrayList<>();
			for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
				days.add(scope.getValue().getOrDefault(d, Traffic.Sum.ZERO));
			}
			if (days.size() < Forecaster.MIN_DAYS) {
				continue;
			}
			for (String series : ForecastStore.SERIES) {
				double[] y = days.stream().mapToDouble((s) -> pick(series, s)).toArray();
				Forecaster.Forecast forecast = Forecaster.forecast(y, this.properties.horizonDays());
				Forecaster.Backtest backtest = (y.length >= MIN_BACKTEST_DAYS)
						? Forecaster.backtest(y, y.length - Math.min(30, y.length / 3)) : null;
				this.forecasts.replace(ws, series, scope.getKey(), forecast, backtest, first, last, now);
				runs++;
			}
		}
		return runs;
	}

	static double pick(String series, Traffic.Sum s) {
		return switch (series) {
			case "requests" -> s.requests();
			case "cost_usd" -> s.cost().doubleValue();
			default -> s.value().doubleValue();
		};
	}

	@Override
	public void stop() {
		ScheduledExecutorService ex = this.executor;
		if (ex != null) {
			ex.shutdownNow();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
