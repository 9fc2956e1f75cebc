package com.agentobs.query.fleetdata;

import java.time.Duration;
import java.time.Instant;

/**
 * A planned read: the grain, the window {@code [from, to)} and, for time series, the bucket
 * width and the origin buckets are aligned to. Every grain is exact to the instant: rollup
 * grains read the partial hours at the edges from raw traces.
 */
public record Source(Grain grain, Instant from, Instant to, Duration bucket, Instant origin) {

	public Source {
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("from must be before to");
		}
	}

	/** The bucket starts covering the window, in order. */
	public java.util.List<Instant> bucketStarts() {
		if (this.bucket == null) {
			return java.util.List.of();
		}
		java.util.List<Instant> starts = new java.util.ArrayList<>();
		for (Instant t = this.origin; t.isBefore(this.to); t = t.plus(this.bucket)) {
			starts.add(t);
		}
		return starts;
	}

}
