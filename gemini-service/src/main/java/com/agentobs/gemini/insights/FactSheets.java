package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;

import org.springframework.stereotype.Component;

/**
 * Turns the rollup reads into a tab's fact sheet. Every derived figure (rates, averages,
 * changes, shares) is computed here, once, and rounded to how it is shown; writers only quote.
 * A change is left out when the previous window had nothing to compare with.
 */
@Component
class FactSheets {

	/** Agents with fewer requests than this are not named as the least reliable or slowest. */
	static final long MIN_AGENT_REQUESTS = 10;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final RollupFacts rollups;

	FactSheets(RollupFacts rollups) {
		this.rollups = rollups;
	}

	FactSheet build(InsightTab tab, StandardFilters filters) {
		List<RollupFacts.AgentTotals> rows = this.rollups.agentTotals(filters);
		List<RollupFacts.AgentTotals> current = rows.stream().filter(RollupFacts.AgentTotals::current).toList();
		Sum now = Sum.of(current);
		Sum before = Sum.of(rows.stream().filter((r) -> !r.current()).toList());
		List<Fact> facts = new ArrayList<>();
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(Evidence.chart(tab.code(), tab.label()));
		facts.add(Fact.text("window", "Time window", windowLabel(filters)));
		facts.add(Fact.count("requests", "Requests in the window", now.requests));
		if (now.requests == 0) {
			return new FactSheet(tab.code(), facts, evidence);
		}
		change(facts, "requests_change_pct", "Change in requests vs the previous window",
				BigDecimal.valueOf(now.requests), BigDecimal.valueOf(before.requests), before.requests > 0);
		facts.add(Fact.count("active_agents", "Agents with traffic", current.size()));
		facts.add(Fact.pct("success_rate_pct", "Successful requests",
				ratio(BigDecimal.valueOf(now.successes), now.requests).multiply(HUNDRED)));
		facts.add(Fact.count("errors", "Failed requests", now.errors));
		facts.add(Fact.pct("error_rate_pct", "Failed requests share",
				ratio(BigDecimal.valueOf(now.errors), now.requests).multiply(HUNDRED)));
		facts.add(Fact.count("timeouts", "Timeouts", now.timeouts));
		facts.add(Fact.count("rate_limits", "Rate-limited requests", now.rateLimits));
		BigDecimal avgLatency = ratio(now.latencySumMs, now.requests);
		facts.add(Fact.ms("avg_latency_ms", "Average latency", avgLatency));
		if (before.requests > 0) {
			change(facts, "avg_latency_change_pct", "Change in average latency vs the previous window", avgLatency,
					ratio(before.latencySumMs, before.requests), true);
		}
		facts.add(Fact.usd("cost_usd", "Cost in the window", now.costUsd, 2));
		change(facts, "cost_change_pct", "Change in cost vs the previous window", now.costUsd, before.costUsd,
				before.costUsd.signum() > 0);
		facts.add(Fact.usd("cost_per_request_usd", "Cost per request", ratio(now.costUsd, now.requests), 4));
		facts.add(Fact.count("tokens", "Tokens", now.tokens));

		Comparator<RollupFacts.AgentTotals> byAgent = Comparator.comparing(RollupFacts.AgentTotals::agentId);
		RollupFacts.AgentTotals busiest = current.stream()
			.max(Comparator.comparingLong(RollupFacts.AgentTotals::requests).thenComparing(byAgent.reversed()))
			.orElseThrow();
		facts.add(Fact.text("top_agent", "Agent with the most requests", busiest.agentId()));
		facts.add(Fact.count("top_agent_requests", "Its requests", busiest.requests()));
		facts.add(Fact.pct("top_agent_share_pct", "Its share of requests",
				ratio(BigDecimal.valueOf(busiest.requests()), now.requests).multiply(HUNDRED)));
		evidence.add(Evidence.agent(busiest.agentId()));

		RollupFacts.AgentTotals costliest = current.stream()
			.max(Comparator.comparing(RollupFacts.AgentTotals::costUsd).thenComparing(byAgent.reversed()))
			.orElseThrow();
		if (now.costUsd.signum() > 0) {
			facts.add(Fact.text("top_cost_agent", "Agent with the highest cost", costliest.agentId()));
			facts.add(Fact.usd("top_cost_agent_usd", "Its cost", costliest.costUsd(), 2));
			facts.add(Fact.pct("top_cost_agent_share_pct", "Its share of cost",
					costliest.costUsd().multiply(HUNDRED).divide(now.costUsd, MathContext.DECIMAL64)));
			addEvidence(evidence, Evidence.agent(costliest.agentId()));
		}

		List<RollupFacts.AgentTotals> sizeable = current.stream()
			.filter((a) -> a.requests() >= MIN_AGENT_REQUESTS)
			.toList();
		sizeable.stream()
			.filter((a) -> a.errors() > 0)
			.max(Comparator.comparing((RollupFacts.AgentTotals a) -> ratio(BigDecimal.valueOf(a.errors()), a.requests()))
				.thenComparing(byAgent.reversed()))
			.ifPresent((worst) -> {
				facts.add(Fact.text("least_reliable_agent", "Agent with the highest error rate", worst.agentId()));
				facts.add(Fact.pct("least_reliable_agent_error_rate_pct", "Its error rate",
						ratio(BigDecimal.valueOf(worst.errors()), worst.requests()).multiply(HUNDRED)));
				addEvidence(evidence, Evidence.agent(worst.agentId()));
			});
		sizeable.stream()
			.max(Comparator.comparing((RollupFacts.AgentTotals a) -> ratio(a.latencySumMs(), a.requests()))
				.thenComparing(byAgent.reversed()))
			.ifPresent((slowest) -> {
				facts.add(Fact.text("slowest_agent", "Agent with the highest average latency", slowest.agentId()));
				facts.add(Fact.ms("slowest_agent_latency_ms", "Its average latency",
						ratio(slowest.latencySumMs(), slowest.requests())));
				addEvidence(evidence, Evidence.agent(slowest.agentId()));
			});

		if (tab == InsightTab.BUSINESS) {
			business(filters, facts);
		}
		if (tab == InsightTab.COST || tab == InsightTab.HOME) {
			budget(filters).ifPresent((budgetFacts) -> {
				facts.addAll(budgetFacts);
				addEvidence(evidence, Evidence.chart(InsightTab.COST.code(), InsightTab.COST.label()));
			});
		}
		return new FactSheet(tab.code(), facts, evidence);
	}

	/**
	 * Value, cost and ROI of the window (value = successful requests × the department's value per
	 * outcome), the department delivering most, open goals by stored status, and the stored value forecast.
	 */
	private void business(StandardFilters filters, List<Fact> facts) {
		List<RollupFacts.DepartmentValue> depts = this.rollups.departmentValues(filters);
		BigDecimal value = depts.stream().map(RollupFacts.DepartmentValue::valueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal cost = depts.stream().map(RollupFacts.DepartmentValue::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (value.signum() > 0) {
			facts.add(Fact.usd("value_usd", "Value delivered in the window", value, 2));
			facts.add(Fact.usd("business_cost_usd", "Cost of the departments in the window", cost, 2));
			if (cost.signum() > 0) {
				facts.add(Fact.pct("roi_pct", "Return on investment",
						value.subtract(cost).multiply(HUNDRED).divide(cost, MathContext.DECIMAL64)));
			}
			RollupFacts.DepartmentValue top = depts.stream()
				.max(Comparator.comparing(RollupFacts.DepartmentValue::valueUsd)
					.thenComparing(RollupFacts.DepartmentValue::code, Comparator.reverseOrder()))
				.orElseThrow();
			facts.add(Fact.text("top_value_department", "Department delivering the most value", top.name()));
			facts.add(Fact.usd("top_value_department_usd", "Its value", top.valueUsd(), 2));
			facts.add(Fact.pct("top_value_department_share_pct", "Its share of value",
					top.valueUsd().multiply(HUNDRED).divide(value, MathContext.DECIMAL64)));
		}
		long without = depts.stream().filter((d) -> d.unitValueUsd().signum() == 0).count();
		facts.add(Fact.count("departments_without_value_model", "Departments without a value model", without));
		java.util.Map<String, Long> goals = this.rollups.goalStatuses(filters);
		long total = goals.values().stream().mapToLong(Long::longValue).sum();
		if (total > 0) {
			facts.add(Fact.count("goals_open", "Open goals", total));
			facts.add(Fact.count("goals_on_track", "Open goals on track or achieved",
					goals.getOrDefault("on_track", 0L) + goals.getOrDefault("achieved", 0L)));
			facts.add(Fact.count("goals_at_risk", "Open goals at risk", goals.getOrDefault("at_risk", 0L)));
			facts.add(Fact.count("goals_off_track", "Open goals off track", goals.getOrDefault("off_track", 0L)));
		}
		this.rollups.valueForecast(filters).ifPresent((f) -> {
			facts.add(Fact.usd("forecast_value_usd", "Value forecast for the coming days", f.predictedUsd(), 0));
			facts.add(Fact.count("forecast_days", "Days forecast", f.days()));
			facts.add(Fact.text("forecast_model", "Forecast model", f.model()));
			if (f.backtestMapePct() != null) {
				facts.add(Fact.pct("forecast_mape_pct", "Backtest error of the forecast (MAPE)", f.backtestMapePct()));
			}
		});
	}

	/** The department closest to (or furthest over) its monthly budget, month to date. */
	private Optional<List<Fact>> budget(StandardFilters filters) {
		return this.rollups.departmentBudgets(filters)
			.stream()
			.max(Comparator
				.comparing((RollupFacts.DepartmentBudget b) -> b.monthCostUsd().divide(b.budgetUsd(), MathContext.DECIMAL64))
				.thenComparing(RollupFacts.DepartmentBudget::code, Comparator.reverseOrder()))
			.map((b) -> {
				LocalDate today = filters.to().atZone(ZoneOffset.UTC).toLocalDate();
				long daysLeft = ChronoUnit.DAYS.between(today, today.withDayOfMonth(today.lengthOfMonth()));
				return List.of(Fact.text("budget_department", "Department closest to its budget", b.name()),
						Fact.usd("budget_department_month_usd", "Its cost this month", b.monthCostUsd(), 2),
						Fact.usd("budget_department_budget_usd", "Its monthly budget", b.budgetUsd(), 2),
						Fact.pct("budget_department_pct", "Share of the budget used",
								b.monthCostUsd().multiply(HUNDRED).divide(b.budgetUsd(), MathContext.DECIMAL64)),
						Fact.pct("budget_department_warning_pct", "Its warning threshold", b.warningPct()),
						Fact.count("days_left_in_month", "Days left in the month", daysLeft));
			});
	}

	private static void change(List<Fact> facts, String key, String label, BigDecimal now, BigDecimal before,
			boolean comparable) {
		if (comparable && before.signum() != 0) {
			facts.add(Fact.pct(key, label,
					now.subtract(before).multiply(HUNDRED).divide(before, MathContext.DECIMAL64)));
		}
	}

	private static void addEvidence(List<Evidence> evidence, Evidence item) {
		if (evidence.stream().noneMatch((e) -> e.id().equals(item.id()))) {
			evidence.add(item);
		}
	}

	private static BigDecimal ratio(BigDecimal numerator, long denominator) {
		return numerator.divide(BigDecimal.valueOf(denominator), 10, RoundingMode.HALF_UP);
	}

	private static String windowLabel(StandardFilters filters) {
		return (filters.range() == TimeRange.CUSTOM) ? "the selected window" : "the last " + filters.range().code();
	}

	private record Sum(long requests, long successes, long errors, long timeouts, long rateLimits,
			BigDecimal latencySumMs, BigDecimal costUsd, long tokens) {

		static Sum of(List<RollupFacts.AgentTotals> rows) {
			long requests = 0;
			long successes = 0;
			long errors = 0;
			long timeouts = 0;
			long rateLimits = 0;
			long tokens = 0;
			BigDecimal latency = BigDecimal.ZERO;
			BigDecimal cost = BigDecimal.ZERO;
			for (RollupFacts.AgentTotals row : rows) {
				requests += row.requests();
				successes += row.successes();
				errors += row.errors();
				timeouts += row.timeouts();
				rateLimits += row.rateLimits();
				tokens += row.tokens();
				latency = latency.add(row.latencySumMs());
				cost = cost.add(row.costUsd());
			}
			return new Sum(requests, successes, errors, timeouts, rateLimits, latency, cost, tokens);
		}

	}

}
