package com.agentobs.query.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.StandardFiltersParser;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.histogram.LatencyHistogram;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetResult;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Series;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

@Service
class PerformanceService {

	static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99");

	private final Fleet fleet;

	PerformanceService(Fleet fleet) {
		this.fleet = fleet;
	}

	View overview(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		// the series covers exactly [from, to): one scan for the window and its buckets, one for the previous
		Source series = this.fleet.sources().series(f.from(), f.to(), 24);
		FleetResult cur = this.fleet.read(series, scope).groupBy().groupBy(Dim.BUCKET).withLatency().fetch();
		FleetResult prev = this.fleet.read(pf.from(), pf.to(), scope).withLatency().fetch();
		Totals now = cur.total();
		Totals before = prev.total();
		LatencyHistogram h = cur.latency();
		LatencyHistogram ph = prev.latency();
		double minutes = f.window().toSeconds() / 60.0;
		FleetRows buckets = cur.rows(Dim.BUCKET);
		double bucketMinutes = series.bucket().toSeconds() / 60.0;
		List<PerformanceResponses.OverTime> overTime = new ArrayList<>();
		int met = 0;
		int active = 0;
		for (Instant b : series.bucketStarts()) {
			Totals t = buckets.totals(FleetKey.ofBucket(b));
			LatencyHistogram bhist = buckets.latency(FleetKey.ofBucket(b));
			Double p90 = Series.quantile(bhist, 0.90);
			overTime.add(new PerformanceResponses.OverTime(b, Series.quantile(bhist, 0.50), p90,
					Series.quantile(bhist, 0.99), Totals.round(t.requests() / bucketMinutes, 2), t.errorRatePct()));
			if (t.requests() > 0) {
				active++;
				met += (p90 != null && p90 < 2000 && t.errorRatePct() < 2) ? 1 : 0;
			}
		}
		Double compliance = (active == 0) ? null : Totals.round(100.0 * met / active, 1);
		return View.of(new PerformanceResponses.Overview(metric(h, ph, 0.50, f), metric(h, ph, 0.90, f),
				metric(h, ph, 0.95, f), metric(h, ph, 0.99, f),
				Change.Metric.of(now.errorRatePct(), before.errorRatePct(), f),
				Change.Metric.of(Totals.round(now.requests() / minutes, 2), Totals.round(before.requests() / minutes, 2),
						f),
				Change.Metric.of(now.requests(), before.requests(), f), new Change.Metric(compliance, null,
						"share of buckets with p90 < 2000 ms and error rate < 2 %"),
				overTime), Map.of("bucket_seconds", series.bucket().toSeconds(), "percentile_method",
						"merged latency histograms, relative error <= 2.5%"));
	}

	private static Change.Metric metric(LatencyHistogram h, LatencyHistogram ph, double q, StandardFilters f) {
		return Change.Metric.of(Series.quantile(h, q), Series.quantile(ph, q), f);
	}

	View latencyHeatmap(StandardFilters f, String percentile) {
		String p = (percentile == null) ? "p90" : percentile;
		if (!PERCENTILES.contains(p)) {
			throw ApiException.validation("percentile", "must be one of " + PERCENTILES, PERCENTILES);
		}
		double q = Integer.parseInt(p.substring(1)) / 100.0;
		Scope scope = this.fleet.scope(f);
		Source series = this.fleet.sources().seriesWithBucket(f.from(), f.to(), bucket(f));
		FleetRows cells = this.fleet.read(series, scope).groupBy(Dim.AGENT, Dim.BUCKET).withLatency().rows();
		List<String> agents = cells.stream()
			.filter((r) -> r.latency() != null)
			.map((r) -> r.key().agentId())
			.distinct()
			.sorted()
			.toList();
		int from = Math.min(agents.size(), f.offset());
		List<String> page = agents.subList(from, Math.min(agents.size(), from + f.limit()));
		List<Instant> starts = series.bucketStarts();
		List<List<Double>> grid = page.stream()
			.map((a) -> starts.stream().map((b) -> Series.quantile(cells.latency(FleetKey.ofAgentBucket(a, b)), q)).toList())
			.toList();
		return new View(new PerformanceResponses.LatencyHeatmap(page, starts, grid, p),
				View.Paging.offset(agents.size(), f.page(), f.limit()), Map.of("bucket_seconds",
						series.bucket().toSeconds()));
	}

	static Duration bucket(StandardFilters f) {
		if (f.range() == TimeRange.CUSTOM) {
			return f.window().dividedBy(24);
		}
		return switch (f.range()) {
			case LAST_1H -> Duration.ofMinutes(5);
			case LAST_24H -> Duration.ofHours(1);
			case LAST_7D -> Duration.ofHours(6);
			default -> Duration.ofDays(1);
		};
	}

	/**
	 * Parity (ours): production = 100; otherwise
	 * {@code 100 × (1 − 0.5·min(1, |P90 − P90_prod| / P90_prod) − 0.5·min(1, |err − err_prod| / 5))}.
	 */
	View environmentParity(StandardFilters f) {
		Scope scope = this.fleet.scope(f).withEnvironment(null);
		FleetRows byEnv = this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.ENVIRONMENT).withLatency().rows();
		Totals prod = byEnv.totals(FleetKey.ofEnvironment("production"));
		Double prodP90 = Series.quantile(byEnv.latency(FleetKey.ofEnvironment("production")), 0.90);
		List<PerformanceResponses.EnvironmentRow> rows = new ArrayList<>();
		for (String env : StandardFiltersParser.ENVIRONMENTS) {
			Totals t = byEnv.totals(FleetKey.ofEnvironment(env));
			Double p90 = Series.quantile(byEnv.latency(FleetKey.ofEnvironment(env)), 0.90);
			Double score;
			if (env.equals("production")) {
				score = (t.requests() == 0) ? null : 100.0;
			}
			else if (t.requests() == 0 || prod.requests() == 0 || prodP90 == null || p90 == null || prodP90 == 0) {
				score = null;
			}
			else {
				double lat = Math.min(1, Math.abs(p90 - prodP90) / prodP90);
				double err = Math.min(1, Math.abs(t.errorRatePct() - prod.errorRatePct()) / 5);
				score = Totals.round(100 * (1 - 0.5 * lat - 0.5 * err), 1);
			}
			rows.add(new PerformanceResponses.EnvironmentRow(env, p90, t.errorRatePct(), t.requests(), score));
		}
		return View.of(rows, Map.of("parity_formula",
				"100 * (1 - 0.5*min(1, |p90 - p90_prod| / p90_prod) - 0.5*min(1, |err - err_prod| / 5)); production = 100",
				"environment_filter", "ignored: parity compares all environments"));
	}

	View versionComparison(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		List<PerformanceResponses.VersionRow> rows = new ArrayList<>();
		this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.VERSION).withLatency().rows().stream().forEach((r) -> {
			Totals t = r.totals();
			LatencyHistogram h = r.latency();
			rows.add(new PerformanceResponses.VersionRow((r.key().version() != null) ? r.key().version() : "unknown",
					t.requests(), t.avgLatencyMs(), Series.quantile(h, 0.5), Series.quantile(h, 0.9),
					Series.quantile(h, 0.99), t.errorRatePct(), (t.requests() == 0) ? null
							: t.costUsd().divide(BigDecimal.valueOf(t.requests()), 6, RoundingMode.HALF_UP)));
		});
		rows.sort(Comparator.comparing(PerformanceResponses.VersionRow::version).reversed());
		return View.of(rows);
	}

}
