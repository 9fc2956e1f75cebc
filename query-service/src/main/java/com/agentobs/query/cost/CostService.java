package com.agentobs.query.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.filter.StandardFilters;
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
class CostService {

	private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

	private final FleetReader reader;

	private final Sources sources;

	private final Departments departments;

	private final Clock clock = Clock.systemUTC();

	CostService(FleetReader reader, Sources sources, Departments departments) {
		this.reader = reader;
		this.sources = sources;
		this.departments = departments;
	}

	/** Budget used % compares the window's cost with the monthly budget pro-rated to the window. */
	View byDepartment(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		StandardFilters pf = f.previousPeriod();
		Source cur = this.sources.totals(f.from(), f.to());
		Reading reading = this.reader.read(cur, scope, false,
				List.of(List.of(Dim.DEPARTMENT), List.of(Dim.DEPARTMENT, Dim.AGENT)));
		Map<List<Object>, Totals> now = reading.totals(List.of(Dim.DEPARTMENT));
		Map<List<Object>, Totals> before = this.reader.totalsBy(this.sources.totals(pf.from(), pf.to()), scope,
				List.of(Dim.DEPARTMENT));
		Map<List<Object>, Totals> byAgent = reading.totals(List.of(Dim.DEPARTMENT, Dim.AGENT));
		BigDecimal windowDays = BigDecimal.valueOf(f.window().toSeconds())
			.divide(BigDecimal.valueOf(86400), 6, RoundingMode.HALF_UP);
		List<CostResponses.DepartmentCost> rows = new ArrayList<>();
		for (Departments.Department d : this.departments.all(f.workspaceId())) {
			if (scope.departmentId() != null && !scope.departmentId().equals(d.id())) {
				continue;
			}
			Totals t = now.getOrDefault(List.of(d.id()), Totals.EMPTY);
			Totals p = before.getOrDefault(List.of(d.id()), Totals.EMPTY);
			List<CostResponses.AgentCost> top = byAgent.entrySet()
				.stream()
				.filter((e) -> d.id().equals(e.getKey().get(0)))
				.sorted(Comparator.comparing((Map.Entry<List<Object>, Totals> e) -> e.getValue().costUsd()).reversed())
				.limit(5)
				.map((e) -> new CostResponses.AgentCost(e.getKey().get(1).toString(), e.getValue().costCents()))
				.toList();
			Double used = null;
			if (d.budgetMonthlyUsd() != null && d.budgetMonthlyUsd().signum() > 0) {
				BigDecimal budget = d.budgetMonthlyUsd().multiply(windowDays).divide(DAYS_PER_MONTH, 6,
						RoundingMode.HALF_UP);
				used = t.costUsd().multiply(BigDecimal.valueOf(100)).divide(budget, 1, RoundingMode.HALF_UP)
					.doubleValue();
			}
			rows.add(new CostResponses.DepartmentCost(d.code(), d.name(), t.costCents(), d.budgetMonthlyUsd(), used,
					Change.pct(t.costUsd(), p.costUsd()), top));
		}
		rows.sort(Comparator.comparing(CostResponses.DepartmentCost::totalCost).reversed());
		return View.of(rows, Map.of("budget_used_basis", "monthly budget pro-rated to the selected window"));
	}

	View providerComparison(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		Source cur = this.sources.totals(f.from(), f.to());
		Reading reading = this.reader.read(cur, scope, true, List.of(List.of(Dim.PROVIDER)));
		Map<List<Object>, Totals> totals = reading.totals(List.of(Dim.PROVIDER));
		Map<List<Object>, LatencyHistogram> hists = reading.histograms(List.of(Dim.PROVIDER));
		List<CostResponses.ProviderRow> rows = new ArrayList<>();
		totals.forEach((k, t) -> {
			String provider = (k.get(0) != null) ? k.get(0).toString() : "unknown";
			BigDecimal perRequest = (t.requests() == 0) ? null
					: t.costUsd().divide(BigDecimal.valueOf(t.requests()), 6, RoundingMode.HALF_UP);
			rows.add(new CostResponses.ProviderRow(provider, displayName(provider), t.costCents(), t.requests(),
					t.avgLatencyMs(), Series.quantile(hists.get(k), 0.90), perRequest, null));
		});
		rows.sort(Comparator.comparing(CostResponses.ProviderRow::totalCost).reversed());
		return View.of(rows, Map.of("quality_note", "quality_score_avg needs the evaluations table (not yet)"));
	}

	/**
	 * Calendar month (UTC) to date; projection = cost so far / elapsed days × days in month;
	 * exceeded when cost ≥ budget, warning when projection ≥ warning % of budget.
	 */
	View budgetTracking(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		Instant now = this.clock.instant();
		OffsetDateTime start = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
		OffsetDateTime end = start.plusMonths(1);
		Source month = this.sources.totals(start.toInstant(), now);
		Map<List<Object>, Totals> byDept = this.reader.totalsBy(month, scope, List.of(Dim.DEPARTMENT));
		BigDecimal elapsedDays = BigDecimal.valueOf(Duration.between(start.toInstant(), now).toSeconds())
			.divide(BigDecimal.valueOf(86400), 6, RoundingMode.HALF_UP)
			.max(new BigDecimal("0.041667"));
		BigDecimal monthDays = BigDecimal.valueOf(Duration.between(start, end).toDays());
		int daysRemaining = (int) Math.max(0, Duration.between(now, end.toInstant()).toDays());
		List<CostResponses.DepartmentBudget> rows = new ArrayList<>();
		BigDecimal totalCost = BigDecimal.ZERO;
		BigDecimal totalBudget = BigDecimal.ZERO;
		BigDecimal warnWeighted = BigDecimal.ZERO;
		for (Departments.Department d : this.departments.all(f.workspaceId())) {
			if (scope.departmentId() != null && !scope.departmentId().equals(d.id())) {
				continue;
			}
			BigDecimal cost = byDept.getOrDefault(List.of(d.id()), Totals.EMPTY).costUsd();
			BigDecimal budget = d.budgetMonthlyUsd();
			BigDecimal projected = cost.multiply(monthDays).divide(elapsedDays, 2, RoundingMode.HALF_UP);
			rows.add(new CostResponses.DepartmentBudget(d.code(), cents(cost), budget,
					(budget != null) ? cents(budget.subtract(cost)) : null, projected,
					status(cost, projected, budget, d.budgetWarningPct())));
			totalCost = totalCost.add(cost);
			if (budget != null) {
				totalBudget = totalBudget.add(budget);
				warnWeighted = warnWeighted.add(budget.multiply(d.budgetWarningPct()));
			}
		}
		BigDecimal warnPct = (totalBudget.signum() == 0) ? BigDecimal.valueOf(80)
				: warnWeighted.divide(totalBudget, 2, RoundingMode.HALF_UP);
		BigDecimal projected = totalCost.multiply(monthDays).divide(elapsedDays, 2, RoundingMode.HALF_UP);
		BigDecimal limit = (totalBudget.signum() == 0) ? null : totalBudget;
		return View.of(new CostResponses.BudgetTracking(cents(totalCost), limit,
				(limit != null) ? cents(limit.subtract(totalCost)) : null, daysRemaining, projected,
				status(totalCost, projected, limit, warnPct), start.toInstant(), end.toInstant(), rows),
				Map.of("period", "calendar month (UTC)"));
	}

	View overTime(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		Source series = this.sources.series(f.from(), f.to(), 24);
		Map<List<Object>, Totals> cells = this.reader.totalsBy(series, scope,
				List.of(Dim.BUCKET, Dim.MODEL, Dim.PROVIDER));
		List<CostResponses.ModelCostPoint> rows = new ArrayList<>();
		cells.forEach((k, t) -> rows.add(new CostResponses.ModelCostPoint((Instant) k.get(0),
				(k.get(1) != null) ? k.get(1).toString() : "unknown", (k.get(2) != null) ? k.get(2).toString() : null,
				t.costCents(), t.requests())));
		rows.sort(Comparator.comparing(CostResponses.ModelCostPoint::timestamp)
			.thenComparing(CostResponses.ModelCostPoint::model));
		return View.of(rows, Map.of("bucket_seconds", series.bucket().toSeconds(), "time_buckets",
				series.bucketStarts().stream().map(Instant::toString).toList()));
	}

	private static String status(BigDecimal cost, BigDecimal projected, BigDecimal budget, BigDecimal warnPct) {
		if (budget == null || budget.signum() == 0) {
			return "on_track";
		}
		if (cost.compareTo(budget) >= 0) {
			return "exceeded";
		}
		BigDecimal warnAt = budget.multiply(warnPct).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP);
		return (projected.compareTo(warnAt) >= 0) ? "warning" : "on_track";
	}

	private static BigDecimal cents(BigDecimal v) {
		return v.setScale(2, RoundingMode.HALF_UP);
	}

	static String displayName(String provider) {
		return switch (provider) {
			case "openai" -> "OpenAI";
			case "anthropic" -> "Anthropic";
			case "google" -> "Google";
			default -> provider;
		};
	}

}
