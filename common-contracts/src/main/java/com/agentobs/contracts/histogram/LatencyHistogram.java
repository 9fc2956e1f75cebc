package com.agentobs.contracts.histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the rollups' mergeable latency histograms. Buckets are logarithmic with growth
 * factor 1.05 (bucket 0 = [0, 1) ms, bucket b = [1.05^(b-1), 1.05^b) ms); the bucketing
 * itself is done in SQL by {@code agentobs_latency_bucket} (V003), the one place it is
 * defined. A quantile read at the bucket's geometric midpoint is within ±2.5 % of the
 * exact value. Merge by adding counts per bucket.
 */
public final class LatencyHistogram {

	public static final double GROWTH = 1.05;

	/** The largest relative error of a quantile read from a histogram. */
	public static final double MAX_RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

	private final TreeMap<Integer, Long> counts = new TreeMap<>();

	private long total;

	public void add(int bucket, long count) {
		if (count <= 0) {
			return;
		}
		this.counts.merge(bucket, count, Long::sum);
		this.total += count;
	}

	public void addAll(Map<String, ? extends Number> sparse) {
		sparse.forEach((bucket, count) -> add(Integer.parseInt(bucket), count.longValue()));
	}

	public void merge(LatencyHistogram other) {
		other.counts.forEach(this::add);
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
		for (Map.Entry<Integer, Long> entry : this.counts.entrySet()) {
			cumulative += entry.getValue();
			if (cumulative >= rank) {
				return representative(entry.getKey());
			}
		}
		return representative(this.counts.lastKey());
	}

	/** The geometric midpoint of a bucket, in milliseconds. */
	public static double representative(int bucket) {
		return (bucket <= 0) ? 0.0 : Math.round(Math.pow(GROWTH, bucket - 0.5) * 10.0) / 10.0;
	}

}
