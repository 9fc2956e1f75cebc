package com.agentobs.query.fleetdata;

import java.util.List;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * What one fleet read returns: the rows of each grouping it was asked for, from one scan. The
 * empty grouping ({@code groupBy()}) is the whole source: {@link #total()} and {@link #latency()}.
 */
public final class FleetResult {

	private final List<List<Dim>> groupings;

	private final List<FleetRows> rows;

	FleetResult(List<List<Dim>> groupings, List<FleetRows> rows) {
		this.groupings = groupings;
		this.rows = rows;
	}

	/** The rows of {@code grouping}, one of the groupings the read was asked for. */
	public FleetRows rows(Dim... grouping) {
		int i = this.groupings.indexOf(List.of(grouping));
		if (i < 0) {
			throw new IllegalArgumentException("grouping " + List.of(grouping) + " was not read; read " + this.groupings);
		}
		return this.rows.get(i);
	}

	/** Sums over the whole source (needs the empty grouping). */
	public Totals total() {
		return rows().totals(FleetKey.NONE);
	}

	/** The merged latency histogram over the whole source, empty without data (needs the empty grouping). */
	public LatencyHistogram latency() {
		LatencyHistogram h = rows().latency(FleetKey.NONE);
		return (h != null) ? h : new LatencyHistogram();
	}

}
