package com.agentobs.alert.engine;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * The rollup measures of one group over one window: requests, non-success requests, requests
 * faster than the SLO's latency threshold, latency sum, cost, tokens and, when the measure needs
 * them, the merged latency histogram and the guardrail violations (false positives left out).
 */
record WindowCounts(long total, long bad, long fast, double latencySumMs, double costUsd, long tokens,
		LatencyHistogram histogram, long violations) {

	static final WindowCounts EMPTY = new WindowCounts(0, 0, 0, 0, 0, 0, null, 0);

	WindowCounts withHistogram(LatencyHistogram h) {
		return new WindowCounts(this.total, this.bad, this.fast, this.latencySumMs, this.costUsd, this.tokens, h,
				this.violations);
	}

	WindowCounts plusViolations(long n) {
		return new WindowCounts(this.total, this.bad, this.fast, this.latencySumMs, this.costUsd, this.tokens,
				this.histogram, this.violations + n);
	}

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
				this.latencySumMs + o.latencySumMs, this.costUsd + o.costUsd, this.tokens + o.tokens, merged,
				this.violations + o.violations);
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
			// violations per 100 requests (%): a share, so a quiet night and a busy afternoon compare
			case "violation_rate" -> (this.total > 0) ? 100.0 * this.violations / this.total : null;
			default -> throw new IllegalArgumentException("unknown measure " + measure);
		};
	}

}
