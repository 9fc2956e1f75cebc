package com.agentobs.synth.model;

import java.util.List;
import java.util.Map;

/**
 * Every constant of the demo organisation in one place. Generators read
 * these; the report prints the same numbers as targets, so spec, data and report cannot drift apart.
 */
public final class SynthSpec {

	private SynthSpec() {
	}

	/** one department row, plus the agent count and flavour. */
	public record Department(String code, String name, int budgetMonthlyUsd, List<String> agentTypes,
			List<String> primaryIntents, int agentCount, double volumeMultiplier, double outputTokenMultiplier,
			boolean flatDayCurve) {
	}

	public static final List<Department> DEPARTMENTS = List.of(
			new Department("engineering", "Engineering", 50_000,
					List.of("code-assistant", "documentation-bot", "review-helper"),
					List.of("code_generation", "data_analysis", "research"), 12, 1.4, 1.25, false),
			new Department("sales", "Sales", 30_000, List.of("sales-copilot", "lead-qualifier", "proposal-writer"),
					List.of("customer_support", "content_creation", "data_analysis"), 8, 1.4, 1.0, false),
			new Department("support", "Customer Support", 25_000,
					List.of("support-bot", "ticket-classifier", "kb-assistant"),
					List.of("customer_support", "research", "translation"), 10, 1.0, 1.0, true),
			new Department("marketing", "Marketing", 35_000,
					List.of("content-generator", "social-media-bot", "analytics-assistant"),
					List.of("content_creation", "data_analysis", "research"), 10, 1.0, 1.0, false),
			new Department("finance", "Finance", 15_000, List.of("expense-analyzer", "report-generator", "forecast-bot"),
					List.of("data_analysis", "automation", "research"), 9, 1.0, 1.0, false),
			new Department("hr", "Human Resources", 10_000,
					List.of("onboarding-assistant", "policy-bot", "feedback-analyzer"),
					List.of("customer_support", "content_creation", "data_analysis"), 8, 1.0, 1.0, false),
			new Department("operations", "Operations", 20_000,
					List.of("inventory-bot", "logistics-optimizer", "status-reporter"),
					List.of("automation", "data_analysis", "customer_support"), 11, 1.0, 1.0, false),
			new Department("product", "Product Management", 40_000,
					List.of("feature-analyzer", "roadmap-assistant", "user-research-bot"),
					List.of("research", "data_analysis", "content_creation"), 11, 1.0, 1.0, false),
			new Department("data", "Data Science", 45_000, List.of("ml-assistant", "data-cleaner", "viz-generator"),
					List.of("data_analysis", "code_generation", "research"), 12, 1.0, 1.0, false),
			new Department("legal", "Legal", 12_000, List.of("contract-analyzer", "compliance-checker", "doc-reviewer"),
					List.of("research", "data_analysis", "customer_support"), 9, 1.0, 1.0, false));

	/** all seven intent categories. */
	public static final List<String> INTENTS = List.of("customer_support", "code_generation", "data_analysis",
			"content_creation", "automation", "research", "translation");

	/** 90 % primary intents weighted 55/25/10, 10 % spread over all seven. */
	public static final double[] PRIMARY_INTENT_WEIGHTS = { 55, 25, 10 };

	public static final double OTHER_INTENT_SHARE = 0.10;

	/** version weights (newest first) and the version each one replaced. */
	public static final List<String> VERSIONS = List.of("v2.1", "v2.0", "v1.9", "v1.8", "v1.7");

	public static final double[] VERSION_WEIGHTS = { 40, 30, 20, 8, 2 };

	/** latency modifier by version. */
	public static final double[] VERSION_LATENCY = { 0.85, 0.9, 1.0, 1.1, 1.2 };

	/** environment weights of agents; volume factor; latency modifier. */
	public static final List<String> ENVIRONMENTS = List.of("production", "staging", "development");

	public static final List<String> ENVIRONMENT_TYPES = List.of("prod", "staging", "dev");

	public static final double[] ENVIRONMENT_WEIGHTS = { 70, 20, 10 };

	public static final double[] ENVIRONMENT_VOLUME = { 0.7, 0.2, 0.1 };

	public static final double[] ENVIRONMENT_LATENCY = { 1.0, 1.1, 1.25 };

	/** agent status weights. */
	public static final List<String> STATUSES = List.of("active", "beta", "deprecated");

	public static final double[] STATUS_WEIGHTS = { 80, 15, 5 };

	/** traffic per hour 00…23 (sum 187). */
	public static final double[] HOUR_WEIGHTS = { 1, 1, 1, 1, 1, 2, 5, 10, 15, 20, 20, 18, 15, 18, 20, 15, 10, 5, 3, 2,
			1, 1, 1, 1 };

	/** weekend volume factor. */
	public static final double WEEKEND_FACTOR = 0.3;

	/** latency ~ lognormal(μ, σ) in ms. */
	public static final double LATENCY_MU = 7.0;

	public static final double LATENCY_SIGMA = 0.5;

	/** status weights success / error / timeout and the error kinds. */
	public static final double SUCCESS_WEIGHT = 95;

	public static final double ERROR_WEIGHT = 4;

	public static final double TIMEOUT_WEIGHT = 1;

	public static final List<String> ERROR_KINDS = List.of("timeout", "rate_limit", "server_error");

	/** per-agent reliability factor on error + timeout weights. */
	public static final double RELIABILITY_MIN = 0.3;

	public static final double RELIABILITY_MAX = 1.2;

	/** models by agent version class; providers as the APIs report them. */
	public static final List<String> MODELS_NEW = List.of("gpt-4-turbo", "claude-3-sonnet", "gemini-pro");

	public static final List<String> MODELS_OLD = List.of("gpt-3.5-turbo", "claude-2", "gemini-1.0-pro");

	public static final Map<String, String> MODEL_PROVIDERS = Map.of("gpt-4-turbo", "openai", "gpt-3.5-turbo",
			"openai", "claude-3-sonnet", "anthropic", "claude-2", "anthropic", "gemini-pro", "google", "gemini-1.0-pro",
			"google");

	/** price per 1k tokens (USD), also seeded by V003 into model_prices (read from there at run time). */
	public static final Map<String, Double> MODEL_PRICES = Map.of("gpt-4-turbo", 0.01, "gpt-3.5-turbo", 0.002,
			"claude-3-sonnet", 0.015, "claude-2", 0.008, "gemini-pro", 0.00025, "gemini-1.0-pro", 0.0001);

	/** token ranges (inclusive). */
	public static final int TOKENS_IN_MIN = 50;

	public static final int TOKENS_IN_MAX = 500;

	public static final int TOKENS_OUT_MIN = 100;

	public static final int TOKENS_OUT_MAX = 1000;

	/** user segments of traces. */
	public static final List<String> SEGMENTS = List.of("power_user", "regular", "new", "dormant");

	public static final double[] SEGMENT_WEIGHTS = { 10, 70, 15, 5 };

	/** size of each user pool (500 users); new users: first seen in the last 30 days. */
	public static final double[] SEGMENT_POOL_SHARE = { 0.05, 0.70, 0.15, 0.10 };

	public static final int NEW_USER_WINDOW_DAYS = 30;

	/** dormant users stop after day 60 of 90 (scaled to other history lengths). */
	public static final double DORMANT_STOP_FRACTION = 60.0 / 90.0;

	/** evaluations / spans. */
	public static final double SPAN_SHARE = 0.30;

	public static final int SPANS_MIN = 2;

	public static final int SPANS_MAX = 5;

	/** volume scale on the 50…200 draw; sampling of production agents (1 in N). */
	public static final double DEFAULT_VOLUME_SCALE = 1.2;

	public static final int DEFAULT_SAMPLE_RATE = 100;

	/** one HR agent at 5× volume over the last 10 days. */
	public static final double RUNAWAY_MULTIPLIER = 5.0;

	public static final int RUNAWAY_DAYS = 10;

	/** 4 problem agents: the single-agent incidents fall on them first. */
	public static final int PROBLEM_AGENTS = 4;

	/**
	 * How a severity sizes an injected incident: its count over the history, its scope (agents of one
	 * department; 0 = every agent of the department that has traffic), its length in hours, the share of
	 * requests it fails on top of the usual failures, the latency factor, and whether it may start at night or
	 * on a weekend. {@code minFailuresPerHour} is the expected number of failed stored traces its scope must reach
	 * in one whole clock hour of it: below that an hour's window cannot tell it from noise at the seeded volume,
	 * so the planner moves it to busier agents or hours.
	 */
	public record IncidentSeverity(String name, int count, int agents, int minHours, int maxHours, double failShare,
			double latencyFactor, boolean anyHour, double minFailuresPerHour) {
	}

	/** 30 incidents: 2 department-wide sev1, 6 sev2 on several agents, 12 sev3 on two, 10 sev4 on one. */
	public static final List<IncidentSeverity> INCIDENT_SEVERITIES = List.of(
			new IncidentSeverity("sev1", 2, 0, 2, 3, 0.6, 3.0, true, 14),
			new IncidentSeverity("sev2", 6, 4, 2, 3, 0.5, 2.0, true, 14),
			new IncidentSeverity("sev3", 12, 2, 2, 4, 0.6, 1.5, false, 10),
			new IncidentSeverity("sev4", 10, 1, 2, 4, 0.7, 1.3, false, 9));

	/** Incidents lie in this last share of the history (the first two weeks are the anomaly rules' baseline). */
	public static final double INCIDENT_HISTORY_SHARE = 0.82;

	/** Share of a day's traffic in each hour: the hour weights, or for flat-day departments half of them plus an even half. */
	private static final double[][] HOUR_SHARES = hourShares();

	public static double hourShare(Department department, int hour) {
		return HOUR_SHARES[department.flatDayCurve() ? 1 : 0][hour];
	}

	private static double[][] hourShares() {
		double sum = 0;
		for (double w : HOUR_WEIGHTS) {
			sum += w;
		}
		double[][] shares = new double[2][24];
		for (int h = 0; h < 24; h++) {
			shares[0][h] = HOUR_WEIGHTS[h] / sum;
			shares[1][h] = 0.5 * HOUR_WEIGHTS[h] / sum + 0.5 / 24;
		}
		return shares;
	}

	public static final int index(List<String> values, String value) {
		int i = values.indexOf(value);
		if (i < 0) {
			throw new IllegalArgumentException("unknown value " + value);
		}
		return i;
	}

}
