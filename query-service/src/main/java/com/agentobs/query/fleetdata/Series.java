package com.agentobs.query.fleetdata;

/** Percentiles as the dashboards show them. */
public final class Series {

	private Series() {
	}

	/** A percentile in ms rounded to the unit, {@code null} when no latency was recorded. */
	public static Double quantile(com.agentobs.contracts.histogram.LatencyHistogram h, double q) {
		if (h == null) {
			return null;
		}
		Double value = h.quantile(q);
		return (value != null) ? (double) Math.round(value) : null;
	}

}
