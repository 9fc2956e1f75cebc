package com.agentobs.contracts.histogram;

import java.util.Arrays;
import java.util.Map;

/**
 * Reads the rollups' mergeable latency histograms. Buckets are logarithmic with growth
 * factor 1.05 (bucket 0 = [0, 1) ms, bucket b = [1.05^(b-1), 1.05^b) ms); the bucketing
 * itself is done in SQL by {@code agentobs_latency_bucket} (V003), the one place it is
 * defined. A quantile read at the bucket's geometric midpoint is within ±2.5 % of the
 * exact value. Merge by adding counts per bucket. Counts are dense (an array indexed by
 * bucket: a few hundred buckets cover any latency), so merging many rollup rows per key costs
 * an array add per cell.
 */
public final class LatencyHistogram {

	public static final double GROWTH = 1.05;

	/** The largest relative error of a quantile read from a histogram. */
	public static final double MAX_RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

	private long[] counts = new long[0];

	private long total;

	public void add(int bucket, long count) {
		if (count <= 0) {
			return;
		}
		if (bucket < 0) {
			throw new IllegalArgumentException("negative latency bucket " + bucket);
		}
		if (bucket >= this.counts.length) {
			this.counts = Arrays.copyOf(this.counts, Math.max(bucket + 1, Math.max(128, this.counts.length * 2)));
		}
		this.counts[bucket] += count;
		this.total += count;
	}

	public void addAll(Map<String, ? extends Number> sparse) {
		sparse.forEach((bucket, count) -> add(Integer.parseInt(bucket), count.longValue()));
	}

	public void merge(LatencyHistogram other) {
		for (int b = 0; b < other.counts.length; b++) {
			add(b, other.counts[b]);
		}
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
			if (this.counts[b] == 0) {
				continue;
			}
			cumulative += this.counts[b];
			last = b;
			if (cumulative >= rank) {
				return representative(b);
			}
		}
		return representative(last);
	}

	/** The geometric midpoint of a bucket, in milliseconds. */
	public static double representative(int bucket) {
		return (bucket <= 0) ? 0.0 : Math.round(Math.pow(GROWTH, bucket - 0.5) * 10.0) / 10.0;
	}

}
