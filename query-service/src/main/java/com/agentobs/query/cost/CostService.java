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
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetResult;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

@Service
class CostService {

	private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

	private final Fleet fleet;

	private final Clock clock = Clock.systemUTC();

	CostService(Fleet fleet) {
		this.fleet = fleet;
	}

	/** Budget used % compares the window's cost with the monthly budget pro-rated to the window. */
	View byDepartment(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		FleetResult reading = this.fleet.read(f.from(), f.to(), scope)
			.groupBy(Dim.DEPARTMENT)
			.groupBy(Dim.DEPARTMENT, Dim.AGENT)
			.fetch();
		FleetRows now = reading.rows(Dim.DEPARTMENT);
		FleetRows before = this.fleet.read(pf.from(), pf.to(), scope).groupBy(Dim.DEPARTMENT).rows();
		List<FleetRow> byAgent = reading.rows(Dim.DEPARTMENT, Dim.AGENT).list();
		BigDecimal windowDays = BigDecimal.valueOf(f.window().toSeconds())
			.divide(BigDecimal.valueOf(86400), 6, RoundingMode.HALF_UP);
		List<CostResponses.DepartmentCost> rows = new ArrayList<>();
		for (Departments.Department d : this.fleet.departments(f.workspaceId())) {
			if (scope.departmentId() != null && !scope.departmentId().equals(d.id())) {
				continue;
			}
			Totals t = now.totals(FleetKey.ofDepartment(d.id()));
			Totals p = before.totals(FleetKey.ofDepartment(d.id()));
			List<CostResponses.AgentCost> top = byAgent.stream()
				.filter((r) -> d.id().equals(r.key().departmentId()))
				.sorted(Comparator.comparing((FleetRow r) -> r.totals().costUsd()).reversed())
				.limit(5)
				.map((r) -> new CostResponses.AgentCost(r.key().agentId(), r.totals().costCents()))
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
		Scope scope = this.fleet.scope(f);
		List<CostResponses.ProviderRow> rows = new ArrayList<>();
		this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.PROVIDER).withLatency().rows().stream().forEach((r) -> {
			Totals t = r.totals();
			String provider = (r.key().provider() != null) ? r.key().provider() : "unknown";
			BigDecimal perRequest = (t.requests() == 0) ? null
					: t.costUsd().divide(BigDecimal.valueOf(t.requests()), 6, RoundingMode.HALF_UP);
			rows.add(new CostResponses.ProviderRow(provider, displayName(provider), t.costCents(), t.requests(),
					t.avgLatencyMs(), r.latencyMs(0.90), perRequest, null));
		});
		rows.sort(Comparator.comparing(CostResponses.ProviderRow::totalCost).reversed());
		return View.of(rows, Map.of("quality_note", "quality_score_avg needs the evaluations table (not yet)"));
	}

	/**
	 * Calendar month (UTC) to date; projection = cost so far / elapsed days × days in month;
	 * exceeded when cost ≥ budget, warning when projection ≥ warning % of budget.
	 */
	View budgetTracking(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Instant now = this.clock.instant();
		OffsetDateTime start = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
		OffsetDateTime end = start.plusMonths(1);
		FleetRows byDept = this.fleet.read(start.toInstant(), now, scope).groupBy(Dim.DEPARTMENT).rows();
		BigDecimal elapsedDays = BigDecimal.valueOf(Duration.between(start.toInstant(), now).toSeconds())
			.divide(BigDecimal.valueOf(86400), 6, RoundingMode.HALF_UP)
			.max(new BigDecimal("0.041667"));
		BigDecimal monthDays = BigDecimal.valueOf(Duration.between(start, end).toDays());
		int daysRemaining = (int) Math.max(0, Duration.between(now, end.toInstant()).toDays());
		List<CostResponses.DepartmentBudget> rows = new ArrayList<>();
		BigDecimal totalCost = BigDecimal.ZERO;
		BigDecimal totalBudget = BigDecimal.ZERO;
		BigDecimal warnWeighted = BigDecimal.ZERO;
		for (Departments.Department d : this.fleet.departments(f.workspaceId())) {
			if (scope.departmentId() != null && !scope.departmentId().equals(d.id())) {
				continue;
			}
			BigDecimal cost = byDept.totals(FleetKey.ofDepartment(d.id())).costUsd();
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
		Scope scope = this.fleet.scope(f);
		Source series = this.fleet.sources().series(f.from(), f.to(), 24);
		List<CostResponses.ModelCostPoint> rows = new ArrayList<>();
		this.fleet.read(series, scope)
			.groupBy(Dim.BUCKET, Dim.MODEL, Dim.PROVIDER)
			.rows()
			.stream()
			.forEach((r) -> rows.add(new CostResponses.ModelCostPoint(r.key().bucket(),
					(r.key().model() != null) ? r.key().model() : "unknown", r.key().provider(),
					r.totals().costCents(), r.totals().requests())));
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
