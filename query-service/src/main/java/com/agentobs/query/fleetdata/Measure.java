package com.agentobs.query.fleetdata;

/**
 * A summed measure of a read: how raw traces compute it (weighted by {@code sample_rate}, so it
 * sums like the rollups) and which rollup column stores it. A rollup serves a read only if its
 * tables store every measure asked for ({@link RollupCatalog}).
 */
public enum Measure {

	REQUESTS("n", "t.sample_rate::BIGINT", "r.trace_count", false),
	SUCCESSES("ok", "CASE WHEN t.status = 'success' THEN t.sample_rate ELSE 0 END::BIGINT", "r.success_count", false),
	ERRORS("errs", "CASE WHEN t.status = 'error' THEN t.sample_rate ELSE 0 END::BIGINT", "r.error_count", false),
	TIMEOUTS("timeouts", "CASE WHEN t.status = 'timeout' THEN t.sample_rate ELSE 0 END::BIGINT", "r.timeout_count",
			false),
	RATE_LIMITS("rate_limits",
			"CASE WHEN agentobs_error_kind(t.status, t.error) = 'rate_limit' THEN t.sample_rate ELSE 0 END::BIGINT",
			"r.rate_limit_count", false),
	SERVER_ERRORS("server_errors",
			"CASE WHEN agentobs_error_kind(t.status, t.error) = 'server_error' THEN t.sample_rate ELSE 0 END::BIGINT",
			"r.server_error_count", false),
	LATENCY_SUM("lat_sum", "t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)", "r.latency_sum_ms", true),
	COST("cost", "t.sample_rate * COALESCE(t.cost_usd, 0)", "r.total_cost", true),
	TOKENS("tokens",
			"t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))",
			"r.total_tokens", false),
	TOKENS_INPUT("tin", "t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)", "r.tokens_input", false),
	TOKENS_OUTPUT("tout", "t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)", "r.tokens_output", false);

	private final String alias;

	private final String raw;

	private final String rollup;

	private final boolean decimal;

	Measure(String alias, String raw, String rollup, boolean decimal) {
		this.alias = alias;
		this.raw = raw;
		this.rollup = rollup;
		this.decimal = decimal;
	}

	/** The column name every part of a read gives this measure. */
	String alias() {
		return this.alias;
	}

	/** The expression over one raw trace (alias {@code t}). */
	String raw() {
		return this.raw;
	}

	/** The expression over one rollup row (alias {@code r}). */
	String rollup() {
		return this.rollup;
	}

	/** Money and latency sums are NUMERIC (exact); counts are BIGINT. */
	boolean decimal() {
		return this.decimal;
	}

}
