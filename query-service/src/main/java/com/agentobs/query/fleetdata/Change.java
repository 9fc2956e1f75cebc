package com.agentobs.query.fleetdata;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;

/** "% change vs previous period": relative change against the equal-length window just before. */
public final class Change {

	private Change() {
	}

	/** Percent change rounded to one decimal, {@code null} when either side is unknown or the base is 0. */
	public static Double pct(Number current, Number previous) {
		if (current == null || previous == null || previous.doubleValue() == 0.0) {
			return null;
		}
		return Totals.round(100.0 * (current.doubleValue() - previous.doubleValue()) / previous.doubleValue(), 1);
	}

	public static String label(StandardFilters filters) {
		return (filters.range() == TimeRange.CUSTOM) ? "vs previous period" : "vs previous " + filters.range().code();
	}

	/** A {@code {value, change, change_label}} metric object. */
	public record Metric(Double value, Double change, String changeLabel) {

		public static Metric of(Number current, Number previous, StandardFilters filters) {
			return new Metric((current != null) ? current.doubleValue() : null, pct(current, previous),
					label(filters));
		}

	}

}
