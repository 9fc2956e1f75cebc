package com.agentobs.query.fleetdata;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.agentobs.contracts.histogram.LatencyHistogram;

/** The rows of one grouping, in the order the database returned them, and lookup by key. */
public final class FleetRows {

	private final Map<FleetKey, FleetRow> byKey;

	FleetRows(Map<FleetKey, FleetRow> byKey) {
		this.byKey = byKey;
	}

	public List<FleetRow> list() {
		return List.copyOf(this.byKey.values());
	}

	public Stream<FleetRow> stream() {
		return this.byKey.values().stream();
	}

	/** The sums of {@code key}, {@link Totals#EMPTY} when no row has it. */
	public Totals totals(FleetKey key) {
		FleetRow row = this.byKey.get(key);
		return (row != null) ? row.totals() : Totals.EMPTY;
	}

	/** The merged latency histogram of {@code key}, {@code null} without latency data. */
	public LatencyHistogram latency(FleetKey key) {
		FleetRow row = this.byKey.get(key);
		return (row != null) ? row.latency() : null;
	}

}
