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

	/** Agents with fewer scored requests than this are not named as the lowest scoring. */
	static final long MIN_AGENT_SCORES = 10;

	private final RollupFacts rollups;

	private final OperationsFacts operations;

	FactSheets(RollupFacts rollups, OperationsFacts operations) {
		this.rollups = rollups;
		this.operations = operations;
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

		switch (tab) {
			case BUSINESS -> business(filters, facts);
			case QUALITY -> quality(filters, facts, evidence);
			case SAFETY -> safety(filters, facts, evidence);
			case INCIDENTS -> incidents(filters, facts);
			case EXPERIMENTS -> states(this.operations.experimentStates(filters), facts, List.of(
					new State("experiment", "running", "experiments_running", "Experiments running"),
					new State("experiment", "completed", "experiments_completed", "Experiments completed"),
					new State("experiment", "draft", "experiments_draft", "Experiments in draft"),
					new State("canary", "running", "canaries_running", "Canaries rolling out"),
					new State("canary", "promoted", "canaries_promoted", "Canaries promoted"),
					new State("canary", "aborted", "canaries_aborted", "Canaries aborted")));
			case CONFIGURATION -> states(this.operations.configurationStates(filters), facts, List.of(
					new State("drifted_agents", "any", "agents_in_drift", "Agents drifted from their desired configuration"),
					new State("drift", "desired_vs_observed", "drift_desired_vs_observed", "Agents whose observed configuration differs"),
					new State("drift", "env_vs_production", "drift_env_vs_production", "Agents differing from production"),
					new State("approval", "pending", "approvals_pending", "Change approvals pending"),
					new State("approval", "approved", "approvals_approved", "Changes approved in the window"),
					new State("approval", "rejected", "approvals_rejected", "Changes rejected in the window")));
			case AUTOMATIONS -> automations(this.operations.automationStates(filters), facts);
			default -> {
			}
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
			// from the cent-rounded value and cost, as the Business tab computes it
			BigDecimal valueCents = value.setScale(2, RoundingMode.HALF_UP);
			BigDecimal costCents = cost.setScale(2, RoundingMode.HALF_UP);
			if (costCents.signum() > 0) {
				facts.add(Fact.pct("roi_pct", "Return on investment",
						valueCents.subtract(costCents).multiply(HUNDRED).divide(costCents, MathContext.DECIMAL64)));
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

	/**
	 * Automated evaluators' scores in the window: how many requests were scored, the average score
	 * (0–100) and its change in points, the pass rate, the poor share, and the lowest-scoring agent.
	 */
	private void quality(StandardFilters filters, List<Fact> facts, List<Evidence> evidence) {
		List<OperationsFacts.AgentQuality> rows = this.operations.quality(filters);
		List<OperationsFacts.AgentQuality> current = rows.stream().filter(OperationsFacts.AgentQuality::current).toList();
		long scored = current.stream().mapToLong(OperationsFacts.AgentQuality::scored).sum();
		facts.add(Fact.count("scored_requests", "Requests scored by the evaluators", scored));
		if (scored == 0) {
			return;
		}
		BigDecimal sum = current.stream().map(OperationsFacts.AgentQuality::scoreSum).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal average = ratio(sum, scored);
		facts.add(Fact.score("avg_quality_score", "Average quality score", average));
		List<OperationsFacts.AgentQuality> before = rows.stream().filter((r) -> !r.current()).toList();
		long scoredBefore = before.stream().mapToLong(OperationsFacts.AgentQuality::scored).sum();
		if (scoredBefore > 0) {
			BigDecimal sumBefore = before.stream()
				.map(OperationsFacts.AgentQuality::scoreSum)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			facts.add(Fact.score("avg_quality_score_before", "Average quality score in the previous window",
					ratio(sumBefore, scoredBefore)));
		}
		long passed = current.stream().mapToLong(OperationsFacts.AgentQuality::passed).sum();
		long poor = current.stream().mapToLong(OperationsFacts.AgentQuality::poor).sum();
		facts.add(Fact.pct("quality_pass_rate_pct", "Scored requests that passed",
				ratio(BigDecimal.valueOf(passed), scored).multiply(HUNDRED)));
		facts.add(Fact.pct("quality_poor_share_pct", "Scored requests rated poor",
				ratio(BigDecimal.valueOf(poor), scored).multiply(HUNDRED)));
		current.stream()
			.filter((a) -> a.scored() >= MIN_AGENT_SCORES)
			.min(Comparator.comparing((OperationsFacts.AgentQuality a) -> ratio(a.scoreSum(), a.scored()))
				.thenComparing(OperationsFacts.AgentQuality::agentId))
			.ifPresent((lowest) -> {
				facts.add(Fact.text("lowest_quality_agent", "Agent with the lowest average score", lowest.agentId()));
				facts.add(Fact.score("lowest_quality_agent_score", "Its average score",
						ratio(lowest.scoreSum(), lowest.scored())));
				addEvidence(evidence, Evidence.agent(lowest.agentId()));
			});
	}

	/**
	 * Guardrail violations in the window, counted like the Safety tab (false positives included and
	 * counted apart): total, change, blocked, severe, false positives, top type and agent.
	 */
	private void safety(StandardFilters filters, List<Fact> facts, List<Evidence> evidence) {
		List<OperationsFacts.Violations> rows = this.operations.violations(filters);
		List<OperationsFacts.Violations> current = rows.stream().filter(OperationsFacts.Violations::current).toList();
		long total = current.stream().mapToLong(OperationsFacts.Violations::violations).sum();
		long before = rows.stream().filter((r) -> !r.current()).mapToLong(OperationsFacts.Violations::violations).sum();
		facts.add(Fact.count("violations", "Guardrail violations in the window", total));
		change(facts, "violations_change_pct", "Change in violations vs the previous window", BigDecimal.valueOf(total),
				BigDecimal.valueOf(before), before > 0);
		if (total == 0) {
			return;
		}
		facts.add(Fact.count("violations_blocked", "Violations blocked",
				current.stream().mapToLong(OperationsFacts.Violations::blocked).sum()));
		facts.add(Fact.count("violations_severe", "High or critical violations",
				current.stream().mapToLong(OperationsFacts.Violations::severe).sum()));
		facts.add(Fact.count("violations_false_positive", "Violations marked false positives",
				current.stream().mapToLong(OperationsFacts.Violations::falsePositives).sum()));
		java.util.Map<String, Long> byType = new java.util.TreeMap<>();
		java.util.Map<String, Long> byAgent = new java.util.TreeMap<>();
		current.forEach((r) -> {
			byType.merge(r.type(), r.violations(), Long::sum);
			byAgent.merge(r.agentId(), r.violations(), Long::sum);
		});
		java.util.Map.Entry<String, Long> type = largest(byType);
		facts.add(Fact.text("top_violation_type", "Most frequent violation type", type.getKey()));
		facts.add(Fact.count("top_violation_type_count", "Its violations", type.getValue()));
		java.util.Map.Entry<String, Long> agent = largest(byAgent);
		facts.add(Fact.text("top_violation_agent", "Agent with the most violations", agent.getKey()));
		facts.add(Fact.count("top_violation_agent_count", "Its violations", agent.getValue()));
		facts.add(Fact.pct("top_violation_agent_share_pct", "Its share of violations",
				ratio(BigDecimal.valueOf(agent.getValue()), total).multiply(HUNDRED)));
		addEvidence(evidence, Evidence.agent(agent.getKey()));
	}

	/**
	 * Incidents detected in the window (severe = sev1 or sev2), the median minutes to resolve of
	 * those resolved, the most frequent recorded cause, and what is open or firing now.
	 */
	private void incidents(StandardFilters filters, List<Fact> facts) {
		List<OperationsFacts.Incident> rows = this.operations.incidents(filters);
		List<OperationsFacts.Incident> current = rows.stream().filter(OperationsFacts.Incident::current).toList();
		long before = rows.size() - current.size();
		facts.add(Fact.count("incidents", "Incidents detected in the window", current.size()));
		change(facts, "incidents_change_pct", "Change in incidents vs the previous window",
				BigDecimal.valueOf(current.size()), BigDecimal.valueOf(before), before > 0);
		facts.add(Fact.count("incidents_severe", "Of them sev1 or sev2",
				current.stream().filter((i) -> "sev1".equals(i.severity()) || "sev2".equals(i.severity())).count()));
		List<BigDecimal> minutes = current.stream()
			.map(OperationsFacts.Incident::minutesToResolve)
			.filter(java.util.Objects::nonNull)
			.sorted()
			.toList();
		facts.add(Fact.count("incidents_resolved", "Of them resolved", minutes.size()));
		if (!minutes.isEmpty()) {
			int mid = minutes.size() / 2;
			BigDecimal median = (minutes.size() % 2 == 1) ? minutes.get(mid)
					: minutes.get(mid - 1).add(minutes.get(mid)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
			facts.add(Fact.minutes("incidents_median_minutes_to_resolve", "Median minutes from detection to resolution",
					median));
		}
		java.util.Map<String, Long> byCause = new java.util.TreeMap<>();
		current.stream()
			.filter((i) -> i.cause() != null && !i.cause().isBlank())
			.forEach((i) -> byCause.merge(i.cause(), 1L, Long::sum));
		if (!byCause.isEmpty()) {
			java.util.Map.Entry<String, Long> cause = largest(byCause);
			facts.add(Fact.text("top_incident_cause", "Most frequent recorded cause", cause.getKey()));
			facts.add(Fact.count("top_incident_cause_count", "Its incidents", cause.getValue()));
		}
		facts.add(Fact.count("open_incidents", "Incidents open now", this.operations.openIncidents(filters)));
		facts.add(Fact.count("firing_alerts", "Alerts firing now", this.operations.firingAlerts(filters)));
	}

	/** One status count to quote: which kind and status, and the fact it becomes. */
	private record State(String kind, String status, String key, String label) {
	}

	/** Every listed state as a count fact (zero when no row has it): current states are read, never guessed. */
	private static void states(List<OperationsFacts.StateCount> rows, List<Fact> facts, List<State> wanted) {
		for (State state : wanted) {
			long n = rows.stream()
				.filter((r) -> r.kind().equals(state.kind()) && r.status().equals(state.status()))
				.mapToLong(OperationsFacts.StateCount::count)
				.sum();
			facts.add(Fact.count(state.key(), state.label(), n));
		}
	}

	/** Live playbook runs started in the window by outcome, their success share, and runs awaiting approval now. */
	private static void automations(List<OperationsFacts.StateCount> rows, List<Fact> facts) {
		long total = rows.stream().filter((r) -> r.kind().equals("execution")).mapToLong(OperationsFacts.StateCount::count).sum();
		facts.add(Fact.count("playbook_runs", "Live playbook runs started in the window", total));
		states(rows, facts, List.of(new State("execution", "succeeded", "playbook_runs_succeeded", "Runs that succeeded"),
				new State("execution", "failed", "playbook_runs_failed", "Runs that failed"),
				new State("execution", "rolled_back", "playbook_runs_rolled_back", "Runs rolled back"),
				new State("awaiting_now", "awaiting_approval", "playbook_runs_awaiting_approval",
						"Runs awaiting approval now")));
		if (total > 0) {
			long succeeded = rows.stream()
				.filter((r) -> r.kind().equals("execution") && r.status().equals("succeeded"))
				.mapToLong(OperationsFacts.StateCount::count)
				.sum();
			facts.add(Fact.pct("playbook_success_pct", "Share of runs that succeeded",
					ratio(BigDecimal.valueOf(succeeded), total).multiply(HUNDRED)));
		}
	}

	/** The entry with the largest count; ties go to the first key in order. */
	private static java.util.Map.Entry<String, Long> largest(java.util.Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.max(java.util.Map.Entry.<String, Long>comparingByValue()
				.thenComparing(java.util.Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.orElseThrow();
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
