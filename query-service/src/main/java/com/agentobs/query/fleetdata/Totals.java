package com.agentobs.query.fleetdata;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Weighted sums over a source (represented requests, not stored rows); a measure the read did
 * not ask for ({@link FleetQuery#measuring}) is 0. Error rate counts every non-success (timeouts
 * are errors); the breakdown's timeout share is what is neither a rate limit nor a server error.
 */
public record Totals(long requests, long successes, long errors, long timeouts, long rateLimits, long serverErrors,
		BigDecimal latencySumMs, BigDecimal costUsd, long tokens, long tokensInput, long tokensOutput) {

	public static final Totals EMPTY = new Totals(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0);

	public long failures() {
		return this.requests - this.successes;
	}

	/** Non-success share in percent (0–100), {@code null} without traffic. */
	public Double errorRatePct() {
		return (this.requests == 0) ? null : round(100.0 * failures() / this.requests, 2);
	}

	public Double avgLatencyMs() {
		return (this.requests == 0) ? null
				: this.latencySumMs.divide(BigDecimal.valueOf(this.requests), 1, RoundingMode.HALF_UP).doubleValue();
	}

	/** Cost in USD rounded to the cent. */
	public BigDecimal costCents() {
		return this.costUsd.setScale(2, RoundingMode.HALF_UP);
	}

	public long timeoutKind() {
		return failures() - this.rateLimits - this.serverErrors;
	}

	public Totals plus(Totals o) {
		return new Totals(this.requests + o.requests, this.successes + o.successes, this.errors + o.errors,
				this.timeouts + o.timeouts, this.rateLimits + o.rateLimits, this.serverErrors + o.serverErrors,
				this.latencySumMs.add(o.latencySumMs), this.costUsd.add(o.costUsd), this.tokens + o.tokens,
				this.tokensInput + o.tokensInput, this.tokensOutput + o.tokensOutput);
	}

	public static double round(double value, int places) {
		return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
	}

}
