package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Deterministic templates over the fact sheet: the same sheet gives byte-identical cards, no
 * key and no network. Every number in a card is a fact's display, so the offline text always
 * passes the grounding check. A template whose facts are absent is skipped.
 */
class OfflineInsightGenerator implements InsightGenerator {

	private static final Map<String, List<Function<FactSheet, Optional<InsightCard>>>> TABS = Map.ofEntries(
			Map.entry("experiments",
					List.of(OfflineInsightGenerator::experiments, OfflineInsightGenerator::canaries,
							OfflineInsightGenerator::reliability, OfflineInsightGenerator::traffic)),
			Map.entry("configuration",
					List.of(OfflineInsightGenerator::drift, OfflineInsightGenerator::approvals,
							OfflineInsightGenerator::reliability, OfflineInsightGenerator::traffic)),
			Map.entry("automations",
					List.of(OfflineInsightGenerator::playbookRuns, OfflineInsightGenerator::playbookApprovals,
							OfflineInsightGenerator::reliability, OfflineInsightGenerator::traffic)),
			Map.entry("quality",
					List.of(OfflineInsightGenerator::qualityScore, OfflineInsightGenerator::qualityPass,
							OfflineInsightGenerator::lowestQuality, OfflineInsightGenerator::reliability,
							OfflineInsightGenerator::traffic)),
			Map.entry("safety",
					List.of(OfflineInsightGenerator::violations, OfflineInsightGenerator::violationTypes,
							OfflineInsightGenerator::violationAgent, OfflineInsightGenerator::traffic)),
			Map.entry("incidents",
					List.of(OfflineInsightGenerator::incidents, OfflineInsightGenerator::openNow,
							OfflineInsightGenerator::timeToResolve, OfflineInsightGenerator::incidentCause,
							OfflineInsightGenerator::reliability)),
			Map.entry("home",
					List.of(OfflineInsightGenerator::traffic, OfflineInsightGenerator::reliability,
							OfflineInsightGenerator::spend, OfflineInsightGenerator::budget,
							OfflineInsightGenerator::leastReliable)),
			Map.entry("usage",
					List.of(OfflineInsightGenerator::traffic, OfflineInsightGenerator::busiest,
							OfflineInsightGenerator::fleet, OfflineInsightGenerator::reliability)),
			Map.entry("cost",
					List.of(OfflineInsightGenerator::spend, OfflineInsightGenerator::costliest,
							OfflineInsightGenerator::budget, OfflineInsightGenerator::traffic)),
			Map.entry("performance",
					List.of(OfflineInsightGenerator::latency, OfflineInsightGenerator::reliability,
							OfflineInsightGenerator::leastReliable, OfflineInsightGenerator::slowest)),
			Map.entry("business",
					List.of(OfflineInsightGenerator::roi, OfflineInsightGenerator::goals,
							OfflineInsightGenerator::topValue, OfflineInsightGenerator::valueForecast,
							OfflineInsightGenerator::spend)));

	static final String PROVIDER = "offline";

	@Override
	public Insights generate(UUID workspaceId, FactSheet sheet) {
		return new Insights(cards(sheet), PROVIDER, null, 0, 0, BigDecimal.ZERO);
	}

	static List<InsightCard> cards(FactSheet sheet) {
		if (sheet.fact("requests").map(Fact::value).orElse(BigDecimal.ZERO).signum() == 0) {
			return List.of(new InsightCard("No traffic",
					"No requests were recorded in " + sheet.display("window")
							+ " for these filters, so there is nothing to summarise yet.",
					"info", List.of(chart(sheet))));
		}
		return TABS.getOrDefault(sheet.tab(), List.of())
			.stream()
			.map((template) -> template.apply(sheet))
			.flatMap(Optional::stream)
			.limit(5)
			.toList();
	}

	private static Optional<InsightCard> traffic(FactSheet s) {
		String body = s.display("requests") + " requests in " + s.display("window")
				+ s.fact("requests_change_pct").map((c) -> ", " + movement(c) + " on the previous window.")
					.orElse("; the previous window had no traffic to compare with.");
		return Optional.of(new InsightCard("Traffic", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> reliability(FactSheet s) {
		BigDecimal success = s.fact("success_rate_pct").map(Fact::value).orElse(null);
		if (success == null) {
			return Optional.empty();
		}
		String severity = (success.compareTo(BigDecimal.valueOf(90)) < 0) ? "critical"
				: (success.compareTo(BigDecimal.valueOf(95)) < 0) ? "warning" : "info";
		String body = s.display("success_rate_pct") + "% of requests succeeded; " + s.display("errors")
				+ " failed, with " + s.display("timeouts") + " timeouts and " + s.display("rate_limits")
				+ " rate-limited requests.";
		return Optional.of(new InsightCard("Reliability", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> spend(FactSheet s) {
		if (!s.has("cost_usd")) {
			return Optional.empty();
		}
		Optional<Fact> change = s.fact("cost_change_pct");
		String severity = change.map((c) -> c.value().compareTo(BigDecimal.valueOf(25)) > 0 ? "warning" : "info")
			.orElse("info");
		String body = "$" + s.display("cost_usd") + " spent in " + s.display("window")
				+ change.map((c) -> ", " + movement(c) + " on the previous window").orElse("") + "; $"
				+ s.display("cost_per_request_usd") + " per request.";
		return Optional.of(new InsightCard("Spend", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> budget(FactSheet s) {
		if (!s.has("budget_department")) {
			return Optional.empty();
		}
		BigDecimal used = s.fact("budget_department_pct").orElseThrow().value();
		BigDecimal warning = s.fact("budget_department_warning_pct").orElseThrow().value();
		String severity = (used.compareTo(BigDecimal.valueOf(100)) >= 0) ? "critical"
				: (used.compareTo(warning) >= 0) ? "warning" : "info";
		String body = s.display("budget_department") + " has used " + s.display("budget_department_pct")
				+ "% of its $" + s.display("budget_department_budget_usd") + " monthly budget ($"
				+ s.display("budget_department_month_usd") + ") with " + s.display("days_left_in_month")
				+ " days left in the month.";
		return Optional.of(new InsightCard("Budget", body, severity, List.of("chart:cost")));
	}

	private static Optional<InsightCard> roi(FactSheet s) {
		if (!s.has("value_usd")) {
			return Optional.of(new InsightCard("No value measured",
					"No department with a value model had successful requests in " + s.display("window")
							+ "; set a value model so ROI can be computed.",
					"warning", List.of(chart(s))));
		}
		String body = "Agents delivered $" + s.display("value_usd") + " of value on $" + s.display("business_cost_usd")
				+ " of cost in " + s.display("window")
				+ s.fact("roi_pct").map((r) -> ": a return of " + signed(r) + "%.").orElse(".");
		String severity = s.fact("roi_pct").map((r) -> r.value().signum() < 0 ? "warning" : "info").orElse("info");
		return Optional.of(new InsightCard("Return on investment", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> goals(FactSheet s) {
		if (!s.has("goals_open")) {
			return Optional.empty();
		}
		BigDecimal off = s.fact("goals_off_track").orElseThrow().value();
		String severity = (off.signum() > 0) ? "warning" : "info";
		String body = s.display("goals_on_track") + " of " + s.display("goals_open")
				+ " open goals are on track or achieved; " + s.display("goals_at_risk") + " are at risk and "
				+ s.display("goals_off_track") + " off track.";
		return Optional.of(new InsightCard("Goals", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> topValue(FactSheet s) {
		if (!s.has("top_value_department")) {
			return Optional.empty();
		}
		String body = s.display("top_value_department") + " delivered the most value: $"
				+ s.display("top_value_department_usd") + ", " + s.display("top_value_department_share_pct")
				+ "% of the total.";
		return Optional.of(new InsightCard("Largest value", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> valueForecast(FactSheet s) {
		if (!s.has("forecast_value_usd")) {
			return Optional.empty();
		}
		String body = "The forecast expects $" + s.display("forecast_value_usd") + " of value over the next "
				+ s.display("forecast_days") + " days"
				+ s.fact("forecast_mape_pct").map((m) -> "; on held-out days it was off by " + m.display() + "% on average.")
					.orElse(".");
		return Optional.of(new InsightCard("Value forecast", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> qualityScore(FactSheet s) {
		if (!s.has("avg_quality_score")) {
			return Optional.of(new InsightCard("No quality scores",
					"No request in " + s.display("window") + " was scored by the automated evaluators for these filters.",
					"info", List.of(chart(s))));
		}
		Optional<Fact> before = s.fact("avg_quality_score_before");
		BigDecimal score = s.fact("avg_quality_score").orElseThrow().value();
		String severity = (score.compareTo(BigDecimal.valueOf(70)) < 0) ? "warning" : "info";
		String body = "The evaluators scored " + s.display("scored_requests") + " requests in " + s.display("window")
				+ " at " + s.display("avg_quality_score") + " on average"
				+ before.map((b) -> " (" + b.display() + " in the previous window).").orElse(".");
		return Optional.of(new InsightCard("Quality score", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> qualityPass(FactSheet s) {
		if (!s.has("quality_pass_rate_pct")) {
			return Optional.empty();
		}
		BigDecimal poor = s.fact("quality_poor_share_pct").orElseThrow().value();
		String severity = (poor.compareTo(BigDecimal.valueOf(10)) >= 0) ? "warning" : "info";
		String body = s.display("quality_pass_rate_pct") + "% of scored requests passed; "
				+ s.display("quality_poor_share_pct") + "% were rated poor.";
		return Optional.of(new InsightCard("Pass rate", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> lowestQuality(FactSheet s) {
		if (!s.has("lowest_quality_agent")) {
			return Optional.empty();
		}
		String body = s.display("lowest_quality_agent") + " has the lowest average score: "
				+ s.display("lowest_quality_agent_score") + ".";
		return Optional.of(new InsightCard("Lowest quality agent", body, "info",
				List.of("agent:" + s.display("lowest_quality_agent"))));
	}

	private static Optional<InsightCard> violations(FactSheet s) {
		if (!s.has("violations")) {
			return Optional.empty();
		}
		Optional<Fact> change = s.fact("violations_change_pct");
		String trend = change.map((c) -> ", " + movement(c) + " on the previous window").orElse("");
		if (s.fact("violations").orElseThrow().value().signum() == 0) {
			return Optional.of(new InsightCard("No violations",
					"The guardrails recorded no violation in " + s.display("window") + trend + ".", "info",
					List.of(chart(s))));
		}
		BigDecimal severe = s.fact("violations_severe").orElseThrow().value();
		String severity = (severe.signum() > 0) ? "warning" : "info";
		String body = s.display("violations") + " guardrail violations in " + s.display("window") + trend + "; "
				+ s.display("violations_blocked") + " were blocked, " + s.display("violations_severe")
				+ " were high or critical and " + s.display("violations_false_positive") + " were marked false positives.";
		return Optional.of(new InsightCard("Violations", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> violationTypes(FactSheet s) {
		if (!s.has("top_violation_type")) {
			return Optional.empty();
		}
		String body = s.display("top_violation_type") + " is the most frequent finding, with "
				+ s.display("top_violation_type_count") + " violations.";
		return Optional.of(new InsightCard("Most frequent finding", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> violationAgent(FactSheet s) {
		if (!s.has("top_violation_agent")) {
			return Optional.empty();
		}
		String body = s.display("top_violation_agent") + " triggered " + s.display("top_violation_agent_count")
				+ " violations, " + s.display("top_violation_agent_share_pct") + "% of the total.";
		return Optional.of(new InsightCard("Agent with most violations", body, "info",
				List.of("agent:" + s.display("top_violation_agent"))));
	}

	private static Optional<InsightCard> incidents(FactSheet s) {
		if (!s.has("incidents")) {
			return Optional.empty();
		}
		BigDecimal severe = s.fact("incidents_severe").orElseThrow().value();
		String severity = (severe.signum() > 0) ? "warning" : "info";
		String body = s.display("incidents") + " incidents were detected in " + s.display("window")
				+ s.fact("incidents_change_pct").map((c) -> " (" + movement(c) + " on the previous window)").orElse("")
				+ "; " + s.display("incidents_severe") + " were sev1 or sev2 and " + s.display("incidents_resolved")
				+ " are resolved.";
		return Optional.of(new InsightCard("Incidents", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> openNow(FactSheet s) {
		if (!s.has("open_incidents")) {
			return Optional.empty();
		}
		boolean open = s.fact("open_incidents").orElseThrow().value().signum() > 0;
		String body = s.display("open_incidents") + " incidents are open and " + s.display("firing_alerts")
				+ " alerts are firing right now.";
		return Optional.of(new InsightCard("Open now", body, open ? "warning" : "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> timeToResolve(FactSheet s) {
		if (!s.has("incidents_median_minutes_to_resolve")) {
			return Optional.empty();
		}
		String body = "Resolved incidents took " + s.display("incidents_median_minutes_to_resolve")
				+ " minutes from detection to resolution (median of " + s.display("incidents_resolved") + ").";
		return Optional.of(new InsightCard("Time to resolve", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> incidentCause(FactSheet s) {
		if (!s.has("top_incident_cause")) {
			return Optional.empty();
		}
		String body = "The most frequent recorded cause is " + s.display("top_incident_cause") + ", behind "
				+ s.display("top_incident_cause_count") + " of the window's incidents.";
		return Optional.of(new InsightCard("Top cause", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> experiments(FactSheet s) {
		if (!s.has("experiments_running")) {
			return Optional.empty();
		}
		String body = s.display("experiments_running") + " experiments are running, " + s.display("experiments_completed")
				+ " have completed and " + s.display("experiments_draft") + " are in draft.";
		return Optional.of(new InsightCard("Experiments", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> canaries(FactSheet s) {
		if (!s.has("canaries_running")) {
			return Optional.empty();
		}
		boolean aborted = s.fact("canaries_aborted").orElseThrow().value().signum() > 0;
		String body = s.display("canaries_running") + " canaries are rolling out; " + s.display("canaries_promoted")
				+ " were promoted and " + s.display("canaries_aborted") + " aborted on their checks.";
		return Optional.of(new InsightCard("Canaries", body, aborted ? "warning" : "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> drift(FactSheet s) {
		if (!s.has("agents_in_drift")) {
			return Optional.empty();
		}
		boolean drifted = s.fact("agents_in_drift").orElseThrow().value().signum() > 0;
		String body = drifted ? s.display("agents_in_drift") + " agents have drifted: "
				+ s.display("drift_desired_vs_observed") + " run a configuration other than the desired one and "
				+ s.display("drift_env_vs_production") + " differ from production."
				: "No agent has drifted from its desired configuration.";
		return Optional.of(new InsightCard("Configuration drift", body, drifted ? "warning" : "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> approvals(FactSheet s) {
		if (!s.has("approvals_pending")) {
			return Optional.empty();
		}
		String body = s.display("approvals_pending") + " change approvals are waiting; in " + s.display("window") + " "
				+ s.display("approvals_approved") + " changes were approved and " + s.display("approvals_rejected")
				+ " rejected.";
		return Optional.of(new InsightCard("Change approvals", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> playbookRuns(FactSheet s) {
		if (!s.has("playbook_runs")) {
			return Optional.empty();
		}
		if (!s.has("playbook_success_pct")) {
			return Optional.of(new InsightCard("Playbook runs",
					"No playbook ran live in " + s.display("window") + ".", "info", List.of(chart(s))));
		}
		boolean failed = s.fact("playbook_runs_failed").orElseThrow().value().signum() > 0;
		String body = s.display("playbook_runs") + " playbook runs in " + s.display("window") + ": "
				+ s.display("playbook_success_pct") + "% succeeded, " + s.display("playbook_runs_failed") + " failed and "
				+ s.display("playbook_runs_rolled_back") + " were rolled back.";
		return Optional.of(new InsightCard("Playbook runs", body, failed ? "warning" : "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> playbookApprovals(FactSheet s) {
		if (!s.has("playbook_runs_awaiting_approval")) {
			return Optional.empty();
		}
		boolean waiting = s.fact("playbook_runs_awaiting_approval").orElseThrow().value().signum() > 0;
		String body = s.display("playbook_runs_awaiting_approval") + " playbook runs are waiting for an approval.";
		return Optional.of(new InsightCard("Awaiting approval", body, waiting ? "warning" : "info", List.of(chart(s))));
	}

	/** "+12.5" or "-3.0": the sign spelled out, the digits the fact's display. */
	private static String signed(Fact f) {
		return (f.value().signum() < 0 ? "-" : "") + f.display();
	}

	private static Optional<InsightCard> busiest(FactSheet s) {
		if (!s.has("top_agent")) {
			return Optional.empty();
		}
		String body = s.display("top_agent") + " handled " + s.display("top_agent_share_pct") + "% of requests ("
				+ s.display("top_agent_requests") + ").";
		return Optional.of(new InsightCard("Busiest agent", body, "info", List.of("agent:" + s.display("top_agent"))));
	}

	private static Optional<InsightCard> fleet(FactSheet s) {
		if (!s.has("active_agents")) {
			return Optional.empty();
		}
		String body = s.display("active_agents") + " agents served traffic in " + s.display("window") + ", using "
				+ s.display("tokens") + " tokens.";
		return Optional.of(new InsightCard("Active agents", body, "info", List.of(chart(s))));
	}

	private static Optional<InsightCard> costliest(FactSheet s) {
		if (!s.has("top_cost_agent")) {
			return Optional.empty();
		}
		String body = s.display("top_cost_agent") + " accounts for " + s.display("top_cost_agent_share_pct")
				+ "% of cost ($" + s.display("top_cost_agent_usd") + ").";
		return Optional
			.of(new InsightCard("Largest cost", body, "info", List.of("agent:" + s.display("top_cost_agent"))));
	}

	private static Optional<InsightCard> latency(FactSheet s) {
		if (!s.has("avg_latency_ms")) {
			return Optional.empty();
		}
		Optional<Fact> change = s.fact("avg_latency_change_pct");
		String severity = change.map((c) -> c.value().compareTo(BigDecimal.valueOf(20)) > 0 ? "warning" : "info")
			.orElse("info");
		String body = "Average latency is " + s.display("avg_latency_ms") + " ms"
				+ change.map((c) -> ", " + movement(c) + " on the previous window.").orElse(".");
		return Optional.of(new InsightCard("Latency", body, severity, List.of(chart(s))));
	}

	private static Optional<InsightCard> leastReliable(FactSheet s) {
		if (!s.has("least_reliable_agent")) {
			return Optional.empty();
		}
		BigDecimal rate = s.fact("least_reliable_agent_error_rate_pct").orElseThrow().value();
		String severity = (rate.compareTo(BigDecimal.valueOf(10)) >= 0) ? "warning" : "info";
		String body = s.display("least_reliable_agent") + " fails most often: "
				+ s.display("least_reliable_agent_error_rate_pct") + "% of its requests failed.";
		return Optional.of(new InsightCard("Least reliable agent", body, severity,
				List.of("agent:" + s.display("least_reliable_agent"))));
	}

	private static Optional<InsightCard> slowest(FactSheet s) {
		if (!s.has("slowest_agent")) {
			return Optional.empty();
		}
		String body = s.display("slowest_agent") + " is the slowest agent, averaging "
				+ s.display("slowest_agent_latency_ms") + " ms per request.";
		return Optional
			.of(new InsightCard("Slowest agent", body, "info", List.of("agent:" + s.display("slowest_agent"))));
	}

	/** "up 12.5%", "down 3.0%" or "unchanged (0.0%)". */
	private static String movement(Fact change) {
		int sign = Objects.requireNonNull(change.value()).signum();
		return (sign > 0) ? "up " + change.display() + "%"
				: (sign < 0) ? "down " + change.display() + "%" : "unchanged (" + change.display() + "%)";
	}

	private static String chart(FactSheet s) {
		return "chart:" + s.tab();
	}

}
