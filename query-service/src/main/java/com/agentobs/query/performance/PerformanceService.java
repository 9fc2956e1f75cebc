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
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.FleetReader;
import com.agentobs.query.fleetdata.Reading;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Series;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Sources;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

@Service
class PerformanceService {

	static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99");

	private final FleetReader reader;

	private final Sources sources;

	private final Departments departments;

	PerformanceService(FleetReader reader, Sources sources, Departments departments) {
		this.reader = reader;
		this.sources = sources;
		this.departments = departments;
	}

	View overview(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		StandardFilters pf = f.previousPeriod();
		// the series covers exactly [from, to): one scan for the window and its buckets, one for the previous
		Source series = this.sources.series(f.from(), f.to(), 24);
		Reading cur = this.reader.read(series, scope, true, List.of(List.of(), List.of(Dim.BUCKET)));
		Reading prev = this.reader.read(this.sources.totals(pf.from(), pf.to()), scope, true, List.of(List.of()));
		Totals now = cur.total();
		Totals before = prev.total();
		LatencyHistogram h = cur.histogram();
		LatencyHistogram ph = prev.histogram();
		double minutes = f.window().toSeconds() / 60.0;
		Map<List<Object>, Totals> bt = cur.totals(List.of(Dim.BUCKET));
		Map<List<Object>, LatencyHistogram> bh = cur.histograms(List.of(Dim.BUCKET));
		double bucketMinutes = series.bucket().toSeconds() / 60.0;
		List<PerformanceResponses.OverTime> overTime = new ArrayList<>();
		int met = 0;
		int active = 0;
		for (Instant b : series.bucketStarts()) {
			Totals t = Series.at(bt, b);
			LatencyHistogram bhist = bh.get(List.of(b));
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
		Scope scope = this.departments.scope(f);
		Source series = this.sources.seriesWithBucket(f.from(), f.to(), bucket(f));
		Map<List<Object>, LatencyHistogram> hists = this.reader.histogramsBy(series, scope,
				List.of(Dim.AGENT, Dim.BUCKET));
		List<String> agents = hists.keySet().stream().map((k) -> k.get(0).toString()).distinct().sorted().toList();
		int from = Math.min(agents.size(), f.offset());
		List<String> page = agents.subList(from, Math.min(agents.size(), from + f.limit()));
		List<Instant> starts = series.bucketStarts();
		List<List<Double>> grid = page.stream()
			.map((a) -> starts.stream().map((b) -> Series.quantile(hists.get(List.of(a, b)), q)).toList())
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
		Scope scope = this.departments.scope(f).withEnvironment(null);
		Source cur = this.sources.totals(f.from(), f.to());
		Reading reading = this.reader.read(cur, scope, true, List.of(List.of(Dim.ENVIRONMENT)));
		Map<List<Object>, Totals> totals = reading.totals(List.of(Dim.ENVIRONMENT));
		Map<List<Object>, LatencyHistogram> hists = reading.histograms(List.of(Dim.ENVIRONMENT));
		Totals prod = totals.getOrDefault(List.of("production"), Totals.EMPTY);
		Double prodP90 = Series.quantile(hists.get(List.of("production")), 0.90);
		List<PerformanceResponses.EnvironmentRow> rows = new ArrayList<>();
		for (String env : StandardFiltersParser.ENVIRONMENTS) {
			Totals t = totals.getOrDefault(List.of(env), Totals.EMPTY);
			Double p90 = Series.quantile(hists.get(List.of(env)), 0.90);
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
		Scope scope = this.departments.scope(f);
		Source cur = this.sources.totals(f.from(), f.to());
		Reading reading = this.reader.read(cur, scope, true, List.of(List.of(Dim.VERSION)));
		Map<List<Object>, Totals> totals = reading.totals(List.of(Dim.VERSION));
		Map<List<Object>, LatencyHistogram> hists = reading.histograms(List.of(Dim.VERSION));
		List<PerformanceResponses.VersionRow> rows = new ArrayList<>();
		totals.forEach((k, t) -> {
			LatencyHistogram h = hists.get(k);
			rows.add(new PerformanceResponses.VersionRow((k.get(0) != null) ? k.get(0).toString() : "unknown",
					t.requests(), t.avgLatencyMs(), Series.quantile(h, 0.5), Series.quantile(h, 0.9),
					Series.quantile(h, 0.99), t.errorRatePct(), (t.requests() == 0) ? null
							: t.costUsd().divide(BigDecimal.valueOf(t.requests()), 6, RoundingMode.HALF_UP)));
		});
		rows.sort(Comparator.comparing(PerformanceResponses.VersionRow::version).reversed());
		return View.of(rows);
	}

}
