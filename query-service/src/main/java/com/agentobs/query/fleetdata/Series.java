package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Helpers for reading time-bucketed results. */
public final class Series {

	private Series() {
	}

	/** The totals of one bucket (zero when the bucket had no traffic). */
	public static Totals at(Map<List<Object>, Totals> byBucket, Instant bucket) {
		return byBucket.getOrDefault(List.of(bucket), Totals.EMPTY);
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
