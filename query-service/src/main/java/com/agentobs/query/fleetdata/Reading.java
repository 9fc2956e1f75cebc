package com.agentobs.query.fleetdata;

import java.util.List;
import java.util.Map;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * What one {@link FleetReader#read} returns: per requested grouping, the totals (and, when
 * asked for, the merged latency histograms) keyed by the grouping's dimension values in order.
 * The empty grouping is the whole source: {@link #total()} and {@link #histogram()}.
 */
public final class Reading {

	private final List<List<Dim>> groupings;

	private final List<Map<List<Object>, Totals>> totals;

	private final List<Map<List<Object>, LatencyHistogram>> histograms;

	Reading(List<List<Dim>> groupings, List<Map<List<Object>, Totals>> totals,
			List<Map<List<Object>, LatencyHistogram>> histograms) {
		this.groupings = groupings;
		this.totals = totals;
		this.histograms = histograms;
	}

	/** Totals per key of {@code grouping} (one of the groupings the read was asked for). */
	public Map<List<Object>, Totals> totals(List<Dim> grouping) {
		return this.totals.get(index(grouping));
	}

	/** Merged histograms per key of {@code grouping}; keys without latency data are absent. */
	public Map<List<Object>, LatencyHistogram> histograms(List<Dim> grouping) {
		if (this.histograms == null) {
			throw new IllegalStateException("this read was made without histograms");
		}
		return this.histograms.get(index(grouping));
	}

	/** Totals over the whole source (needs the empty grouping). */
	public Totals total() {
		return totals(List.of()).getOrDefault(List.of(), Totals.EMPTY);
	}

	/** The merged histogram over the whole source (needs the empty grouping). */
	public LatencyHistogram histogram() {
		return histograms(List.of()).getOrDefault(List.of(), new LatencyHistogram());
	}

	private int index(List<Dim> grouping) {
		int i = this.groupings.indexOf(grouping);
		if (i < 0) {
			throw new IllegalArgumentException("grouping " + grouping + " was not read; read " + this.groupings);
		}
		return i;
	}

}
