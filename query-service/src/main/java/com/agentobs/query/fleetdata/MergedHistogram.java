package com.agentobs.query.fleetdata;

import java.util.Arrays;

import com.agentobs.contracts.histogram.LatencyHistogram;

/**
 * A latency histogram merged by {@link FleetReader}: dense counts indexed by bucket (the
 * buckets of {@link LatencyHistogram}). Quantiles follow exactly the rule of
 * {@link LatencyHistogram#quantile} (the first bucket whose cumulative count reaches
 * {@code q × total}, read at its representative), without building a sorted map per key —
 * which cost more than the merge itself on a per-(agent, bucket) grid.
 */
public final class MergedHistogram {

	private final long[] counts;

	private final long total;

	MergedHistogram(long[] counts, long total) {
		this.counts = counts;
		this.total = total;
	}

	public long total() {
		return this.total;
	}

	/** The quantile {@code q} in [0, 1] in milliseconds, or {@code null} when empty. */
	public Double quantile(double q) {
		if (this.total == 0) {
			return null;
		}
		double rank = q * this.total;
		long cumulative = 0;
		int last = -1;
		for (int b = 0; b < this.counts.length; b++) {
			long c = this.counts[b];
			if (c <= 0) {
				continue;
			}
			cumulative += c;
			last = b;
			if (cumulative >= rank) {
				return LatencyHistogram.representative(b);
			}
		}
		return LatencyHistogram.representative(last);
	}

	/** The same counts as a {@link LatencyHistogram}. */
	public LatencyHistogram toLatencyHistogram() {
		LatencyHistogram h = new LatencyHistogram();
		for (int b = 0; b < this.counts.length; b++) {
			h.add(b, this.counts[b]);
		}
		return h;
	}

	@Override
	public String toString() {
		return "MergedHistogram" + Arrays.toString(this.counts);
	}

}
