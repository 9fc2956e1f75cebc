package com.agentobs.alert.engine;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * The rollup measures of one group over one window: requests, non-success requests, requests
 * faster than the SLO's latency threshold, latency sum, cost, tokens and (when asked for) the
 * merged latency histogram.
 */
record WindowCounts(long total, long bad, long fast, double latencySumMs, double costUsd, long tokens,
		LatencyHistogram histogram) {

	static final WindowCounts EMPTY = new WindowCounts(0, 0, 0, 0, 0, 0, null);

	WindowCounts plus(WindowCounts o) {
		LatencyHistogram merged = null;
		if (this.histogram != null || o.histogram != null) {
			merged = new LatencyHistogram();
			if (this.histogram != null) {
				merged.merge(this.histogram);
			}
			if (o.histogram != null) {
				merged.merge(o.histogram);
			}
		}
		return new WindowCounts(this.total + o.total, this.bad + o.bad, this.fast + o.fast,
				this.latencySumMs + o.latencySumMs, this.costUsd + o.costUsd, this.tokens + o.tokens, merged);
	}

	/** The value of a rule measure; {@code null} when it has no value for an empty window. */
	Double measure(String measure) {
		return switch (measure) {
			case "request_count" -> (double) this.total;
			case "error_count" -> (double) this.bad;
			case "error_rate" -> (this.total > 0) ? 100.0 * this.bad / this.total : null;
			case "avg_latency_ms" -> (this.total > 0) ? this.latencySumMs / this.total : null;
			case "p90_latency_ms" -> (this.histogram != null) ? this.histogram.quantile(0.90) : null;
			case "cost_usd" -> this.costUsd;
			case "tokens" -> (double) this.tokens;
			default -> throw new IllegalArgumentException("unknown measure " + measure);
		};
	}

}
