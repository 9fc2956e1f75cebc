package com.agentobs.query.home;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.histogram.LatencyHistogram;
import com.agentobs.query.fleetdata.AgentDirectory;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetResult;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Series;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Tiers;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class HomeService {

	static final String QUALITY_NOTE = "no trace was scored by an evaluator in this range";

	static final String HEATMAP_QUALITY_NOTE = "Q from the hourly quality rollup (automated evaluators); "
			+ "a bucket shorter than an hour takes its hour's average";

	/** The quality SLO: average automated score above 80; its budget allows 20 % of scores below pass. */
	static final double QUALITY_TARGET = 80;

	static final double QUALITY_ALLOWED_FAIL_SHARE = 0.20;

	static final double LATENCY_TARGET_MS = 2000;

	static final double ERROR_TARGET_PCT = 2;

	private static final String SELECT_ACTIVITY = """
			SELECT action_id, action_type, action_scope, actor_type, target_type, target_id, status, created_at,
			       completed_at
			FROM action_audit_log
			WHERE workspace_id = :ws AND created_at >= :from AND created_at < :to
			ORDER BY created_at DESC, action_id
			LIMIT :limit
			""";

	private final Fleet fleet;

	private final JdbcClient jdbc;

	private final QualityRollup quality;

	HomeService(Fleet fleet, JdbcClient jdbc, QualityRollup quality) {
		this.fleet = fleet;
		this.jdbc = jdbc;
		this.quality = quality;
	}

	View homeKpis(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters prevF = f.previousPeriod();
		Source cur = this.fleet.sources().totals(f.from(), f.to());
		// one scan for the totals, the department split and the latency histogram (agent-level
		// rollups); provider cost needs the model-level rollups: a second, measures-only scan
		FleetResult reading = this.fleet.read(cur, scope).groupBy().groupBy(Dim.DEPARTMENT).withLatency().fetch();
		Totals now = reading.total();
		LatencyHistogram hist = reading.latency();
		Totals before = this.fleet.read(prevF.from(), prevF.to(), scope).total();
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());

		List<HomeKpisResponse.DepartmentShare> byDept = new ArrayList<>();
		reading.rows(Dim.DEPARTMENT).stream().forEach((row) -> byDept
			.add(new HomeKpisResponse.DepartmentShare(Departments.code(depts, row.key().departmentId()),
					row.totals().requests(), pct(row.totals().requests(), now.requests()))));
		byDept.sort(Comparator.comparingLong(HomeKpisResponse.DepartmentShare::value).reversed());

		// 24 hourly points ending with the current hour for 24 h; 24 equal buckets otherwise
		Source series = f.window().equals(Duration.ofHours(24)) ? this.fleet.sources().lastHours(f.to(), 24)
				: this.fleet.sources().series(f.from(), f.to(), 24);
		FleetRows buckets = this.fleet.read(series, scope).groupBy(Dim.BUCKET).rows();
		List<HomeKpisResponse.Point> sparkline = new ArrayList<>();
		List<HomeKpisResponse.CostPoint> costSparkline = new ArrayList<>();
		for (Instant b : series.bucketStarts()) {
			Totals bucket = buckets.totals(FleetKey.ofBucket(b));
			sparkline.add(new HomeKpisResponse.Point(b, bucket.requests()));
			costSparkline.add(new HomeKpisResponse.CostPoint(b, bucket.costCents()));
		}

		List<HomeKpisResponse.ProviderCost> byProvider = new ArrayList<>();
		this.fleet.read(cur, scope).groupBy(Dim.PROVIDER).rows().stream().forEach((row) -> byProvider
			.add(new HomeKpisResponse.ProviderCost((row.key().provider() != null) ? row.key().provider() : "unknown",
					row.totals().costCents(), pct(row.totals().costUsd(), now.costUsd()))));
		byProvider.sort(Comparator.comparing(HomeKpisResponse.ProviderCost::cost).reversed());

		String label = Change.label(f);
		return View.of(new HomeKpisResponse(
				new HomeKpisResponse.TotalRequests(now.requests(), Change.pct(now.requests(), before.requests()),
						label, byDept, sparkline),
				new HomeKpisResponse.AvgLatency(now.avgLatencyMs(), Series.quantile(hist, 0.50),
						Series.quantile(hist, 0.90), Series.quantile(hist, 0.95), Series.quantile(hist, 0.99),
						Change.pct(now.avgLatencyMs(), before.avgLatencyMs()), label),
				new HomeKpisResponse.ErrorRate(now.errorRatePct(),
						Change.pct(now.errorRatePct(), before.errorRatePct()), label,
						new HomeKpisResponse.ErrorBreakdown(now.timeoutKind(), now.rateLimits(),
								now.serverErrors())),
				new HomeKpisResponse.TotalCost(now.costCents(), Change.pct(now.costUsd(), before.costUsd()), label,
						byProvider, costSparkline),
				qualityScore(f, prevF, label)),
				Map.of("percentile_method", "merged latency histograms, relative error <= 2.5%"));
	}

	/** The average evaluator score, its change in points against the previous period, and its bands. */
	private HomeKpisResponse.QualityScore qualityScore(StandardFilters f, StandardFilters prevF, String label) {
		QualityRollup.Quality now = this.quality.read(f, f.from(), f.to());
		if (now.average() == null) {
			return new HomeKpisResponse.QualityScore(null, null, label, null, QUALITY_NOTE);
		}
		QualityRollup.Quality before = this.quality.read(f, prevF.from(), prevF.to());
		Double change = (before.average() != null) ? Math.round((now.average() - before.average()) * 10) / 10.0 : null;
		return new HomeKpisResponse.QualityScore(now.average(), change, label, now.bands(), null);
	}

	/** Bucket widths: 1h→5 min, 24h→1 h, 7d→6 h, 30d/90d→1 day; custom ≈ window / 24. */
	static Duration heatmapBucket(StandardFilters f) {
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

	View healthHeatmap(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Source series = this.fleet.sources().seriesWithBucket(f.from(), f.to(), heatmapBucket(f));
		List<Instant> starts = series.bucketStarts();
		FleetRows cells = this.fleet.read(series, scope).groupBy(Dim.AGENT, Dim.BUCKET).withLatency().rows();
		Map<String, List<QualityRollup.Cell>> quality = this.quality.cells(f, f.from(), f.to(),
				QualityRollup.By.AGENT);
		record Scored(AgentDirectory.Agent agent, List<Integer> scores, double sortKey) {
		}
		List<Scored> rows = new ArrayList<>();
		for (AgentDirectory.Agent agent : this.fleet.agents(scope)) {
			List<Integer> scores = new ArrayList<>();
			double sum = 0;
			int n = 0;
			for (Instant b : starts) {
				FleetKey key = FleetKey.ofAgentBucket(agent.agentId(), b);
				Totals t = cells.totals(key);
				if (t.requests() == 0) {
					scores.add(null);
					continue;
				}
				Double p90 = Series.quantile(cells.latency(key), 0.90);
				Double q = QualityRollup.average(quality.get(agent.agentId()), b, series.bucket());
				int score = HealthScore.score(t.errorRatePct(), p90, q);
				scores.add(score);
				sum += score;
				n++;
			}
			rows.add(new Scored(agent, scores, (n == 0) ? 1000 : sum / n));
		}
		rows.sort(Comparator.comparingDouble(Scored::sortKey).thenComparing((s) -> s.agent().agentId()));
		int fromIndex = Math.min(rows.size(), f.offset());
		List<Scored> page = rows.subList(fromIndex, Math.min(rows.size(), fromIndex + f.limit()));
		Map<String, List<Integer>> bands = new LinkedHashMap<>();
		bands.put("healthy", List.of(100, 100));
		bands.put("degraded", List.of(70, 99));
		bands.put("unhealthy", List.of(40, 69));
		bands.put("critical", List.of(0, 39));
		HealthHeatmapResponse data = new HealthHeatmapResponse(
				page.stream()
					.map((s) -> new HealthHeatmapResponse.AgentRow(s.agent().agentId(), s.agent().name(),
							s.agent().department(), s.agent().environment(), s.agent().version()))
					.toList(),
				starts, page.stream().map(Scored::scores).toList(), bands, HealthScore.FORMULA);
		return new View(data, View.Paging.offset(rows.size(), f.page(), f.limit()),
				Map.of("bucket_seconds", series.bucket().toSeconds(), "quality_note",
						quality.isEmpty() ? QUALITY_NOTE : HEATMAP_QUALITY_NOTE));
	}

	View sloCompliance(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		// Hourly buckets up to 7 days; daily beyond (keeps the 30-day view on the daily rollup).
		Duration width = (f.window().compareTo(Duration.ofDays(7)) <= 0) ? Duration.ofHours(1) : Duration.ofDays(1);
		Source series = this.fleet.sources().seriesWithBucket(f.from(), f.to(), width);
		// the series covers exactly [from, to): one scan gives the whole window, the buckets
		// and the departments, each with its merged histogram
		FleetResult reading = this.fleet.read(series, scope)
			.groupBy()
			.groupBy(Dim.BUCKET)
			.groupBy(Dim.DEPARTMENT)
			.withLatency()
			.fetch();
		Totals total = reading.total();
		LatencyHistogram hist = reading.latency();
		FleetRows buckets = reading.rows(Dim.BUCKET);
		List<SloComplianceResponse.TrendPoint> latencyTrend = new ArrayList<>();
		List<SloComplianceResponse.TrendPoint> errorTrend = new ArrayList<>();
		int latencyMet = 0;
		int errorMet = 0;
		int active = 0;
		for (Instant b : series.bucketStarts()) {
			Totals t = buckets.totals(FleetKey.ofBucket(b));
			Double p90 = Series.quantile(buckets.latency(FleetKey.ofBucket(b)), 0.90);
			latencyTrend.add(new SloComplianceResponse.TrendPoint(b, p90));
			errorTrend.add(new SloComplianceResponse.TrendPoint(b, t.errorRatePct()));
			if (t.requests() > 0) {
				active++;
				latencyMet += (p90 != null && p90 < LATENCY_TARGET_MS) ? 1 : 0;
				errorMet += (t.errorRatePct() < ERROR_TARGET_PCT) ? 1 : 0;
			}
		}
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());
		List<SloComplianceResponse.DepartmentValue> deptLatency = new ArrayList<>();
		List<SloComplianceResponse.DepartmentValue> deptErrors = new ArrayList<>();
		reading.rows(Dim.DEPARTMENT).stream().forEach((row) -> {
			String code = Departments.code(depts, row.key().departmentId());
			Totals t = row.totals();
			Double p90 = row.latencyMs(0.90);
			deptLatency.add(new SloComplianceResponse.DepartmentValue(code, p90,
					(p90 == null) ? null : p90 < LATENCY_TARGET_MS));
			Double err = t.errorRatePct();
			deptErrors.add(new SloComplianceResponse.DepartmentValue(code, err,
					(err == null) ? null : err < ERROR_TARGET_PCT));
		});
		Double p90 = Series.quantile(hist, 0.90);
		Double err = total.errorRatePct();
		double slowShare = slowShare(hist, LATENCY_TARGET_MS);
		List<SloComplianceResponse.Slo> slos = List.of(
				new SloComplianceResponse.Slo("latency_p90", "Latency P90 under 2000 ms", "latency_p90_ms", "<",
						LATENCY_TARGET_MS, p90, (p90 == null) ? null : p90 < LATENCY_TARGET_MS,
						share(latencyMet, active),
						(hist.total() == 0) ? null : budget(slowShare, 0.10), latencyTrend, deptLatency, null),
				new SloComplianceResponse.Slo("error_rate", "Error rate under 2 %", "error_rate_pct", "<",
						ERROR_TARGET_PCT, err, (err == null) ? null : err < ERROR_TARGET_PCT,
						share(errorMet, active),
						(err == null) ? null : budget(err / 100.0, ERROR_TARGET_PCT / 100.0), errorTrend, deptErrors,
						null),
				qualitySlo(f, series, width));
		return View.of(new SloComplianceResponse(slos), Map.of("bucket_seconds", series.bucket().toSeconds(),
				"note", "targets are the default SLOs until SLOs are configurable"));
	}

	/**
	 * The quality row: the window's average automated score against 80, compliance = share of
	 * scored buckets whose average is above it, error budget = scores below their rubric's pass
	 * threshold against the 20 % allowed, per department the same average.
	 */
	private SloComplianceResponse.Slo qualitySlo(StandardFilters f, Source series, Duration width) {
		QualityRollup.Quality window = this.quality.read(f, f.from(), f.to());
		if (window.average() == null) {
			return new SloComplianceResponse.Slo("quality_avg", "Average quality above 80", "quality_avg", ">",
					QUALITY_TARGET, null, null, null, null, List.of(), List.of(), QUALITY_NOTE);
		}
		List<QualityRollup.Cell> fleetCells = this.quality.cells(f, f.from(), f.to(), QualityRollup.By.FLEET)
			.get("");
		List<SloComplianceResponse.TrendPoint> trend = new ArrayList<>();
		int met = 0;
		int active = 0;
		for (Instant b : series.bucketStarts()) {
			Double avg = QualityRollup.average(fleetCells, b, width);
			trend.add(new SloComplianceResponse.TrendPoint(b, avg));
			if (avg != null) {
				active++;
				met += (avg > QUALITY_TARGET) ? 1 : 0;
			}
		}
		List<SloComplianceResponse.DepartmentValue> departments = new ArrayList<>();
		new java.util.TreeMap<>(this.quality.cells(f, f.from(), f.to(), QualityRollup.By.DEPARTMENT))
			.forEach((code, cells) -> {
				Double avg = QualityRollup.average(cells);
				departments.add(new SloComplianceResponse.DepartmentValue(code.isEmpty() ? null : code, avg,
						(avg == null) ? null : avg > QUALITY_TARGET));
			});
		double failShare = 1 - (double) window.passed() / window.scored();
		return new SloComplianceResponse.Slo("quality_avg", "Average quality above 80", "quality_avg", ">",
				QUALITY_TARGET, window.average(), window.average() > QUALITY_TARGET, share(met, active),
				budget(failShare, QUALITY_ALLOWED_FAIL_SHARE), trend, departments, null);
	}

	View activity(StandardFilters f) {
		List<ActivityItem> items = this.jdbc.sql(SELECT_ACTIVITY)
			.param("ws", f.workspaceId())
			.param("from", Tiers.at(f.from()))
			.param("to", Tiers.at(f.to()))
			.param("limit", f.limit())
			.query((rs, i) -> new ActivityItem(rs.getObject("action_id", UUID.class), rs.getString("action_type"),
					rs.getString("action_scope"), rs.getString("actor_type"), rs.getString("target_type"),
					rs.getString("target_id"), rs.getString("status"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					(rs.getObject("completed_at", OffsetDateTime.class) != null)
							? rs.getObject("completed_at", OffsetDateTime.class).toInstant() : null))
			.list();
		return View.of(items, Map.of("source", "action_audit_log", "alerts_note",
				"alerts are listed in Active Alerts (alert-service), not here"));
	}

	/** Share of latency weight above the threshold (by bucket representative). */
	static double slowShare(LatencyHistogram hist, double thresholdMs) {
		if (hist.total() == 0) {
			return 0;
		}
		double above = 0;
		long total = hist.total();
		// cumulative share at or below the threshold, from the quantile function
		double lo = 0;
		double hi = 1;
		for (int i = 0; i < 30; i++) {
			double mid = (lo + hi) / 2;
			Double q = hist.quantile(mid);
			if (q != null && q <= thresholdMs) {
				lo = mid;
			}
			else {
				hi = mid;
			}
		}
		above = 1 - lo;
		return (total == 0) ? 0 : above;
	}

	private static double budget(double badShare, double allowedShare) {
		double remaining = 100.0 * (1 - badShare / allowedShare);
		return Totals.round(Math.max(0, Math.min(100, remaining)), 1);
	}

	private static Double share(int met, int active) {
		return (active == 0) ? null : Totals.round(100.0 * met / active, 1);
	}

	static double pct(long part, long whole) {
		return (whole == 0) ? 0 : Totals.round(100.0 * part / whole, 1);
	}

	static double pct(BigDecimal part, BigDecimal whole) {
		return (whole.signum() == 0) ? 0
				: part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP).doubleValue();
	}

}
