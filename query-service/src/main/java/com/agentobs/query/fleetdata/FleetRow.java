package com.agentobs.query.fleetdata;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * One result row of a fleet read: its key, its sums and, when the read asked for it, its merged
 * latency histogram ({@code null} when the row had no latency data or the read did not ask).
 */
public record FleetRow(FleetKey key, Totals totals, LatencyHistogram latency) {

	/** A percentile of the row's latency in ms rounded to the unit, {@code null} without latency data. */
	public Double latencyMs(double q) {
		return Series.quantile(this.latency, q);
	}

}
