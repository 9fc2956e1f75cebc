package com.agentobs.query.fleetdata;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plans which tables answer a window. Every read is exact to the instant: raw traces for the
 * partial hours at the edges, hourly rollups for whole hours, daily rollups for whole UTC days
 * ({@link Grain}). Time series buckets of an hour or more are aligned to whole UTC hours (or
 * days) so they are sums of rollup rows; sub-hour buckets read raw traces, for windows up to
 * {@code rawMaxWindow} (24 h by default).
 */
public final class Sources {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final Duration rawMaxWindow;

	public Sources(Duration rawMaxWindow) {
		this.rawMaxWindow = rawMaxWindow;
	}

	/** Totals and breakdowns over the whole window. */
	public Source totals(Instant from, Instant to) {
		return new Source(Grain.MIXED, from, to, null, null);
	}

	/** A time series of about {@code points} buckets. */
	public Source series(Instant from, Instant to, int points) {
		Duration window = Duration.between(from, to);
		return seriesWithBucket(from, to, window.dividedBy(points));
	}

	/**
	 * A series of {@code hours} hourly buckets ending with the hour that contains {@code to}
	 * (the last one partial when {@code to} is not on the hour).
	 */
	public Source lastHours(Instant to, int hours) {
		Instant lastStart = to.minusNanos(1).truncatedTo(ChronoUnit.HOURS);
		Instant from = lastStart.minus(HOUR.multipliedBy(hours - 1L));
		return new Source(Grain.HOURLY, from, to, HOUR, from);
	}

	/**
	 * A time series with buckets of at least {@code width}: under an hour on a short window,
	 * raw traces with buckets from {@code from}; otherwise the width rounded up to whole hours
	 * (hourly grain; 6 or 12 hours: 6-hour grain on UTC 6-hour blocks) or whole days (mixed), with
	 * origins on those boundaries, so the first and last buckets may be partial.
	 */
	public Source seriesWithBucket(Instant from, Instant to, Duration width) {
		if (width.compareTo(Duration.ofSeconds(1)) < 0) {
			width = Duration.ofSeconds(1);
		}
		if (width.compareTo(HOUR) < 0 && Duration.between(from, to).compareTo(this.rawMaxWindow) <= 0) {
			return new Source(Grain.RAW, from, to, Duration.ofSeconds(width.toSeconds()), from);
		}
		if (width.compareTo(DAY) < 0) {
			Duration hours = roundUp(width, HOUR);
			if (hours.toSeconds() % Tiers.BLOCK_SECONDS == 0) {
				// 6 or 12 hours: buckets on the UTC 6-hour blocks, so whole buckets are 6-hour rollup rows
				return new Source(Grain.SIX_HOURLY, from, to, hours, Tiers.blockFloor(from));
			}
			return new Source(Grain.HOURLY, from, to, hours, from.truncatedTo(ChronoUnit.HOURS));
		}
		return new Source(Grain.MIXED, from, to, roundUp(width, DAY), from.truncatedTo(ChronoUnit.DAYS));
	}

	private static Duration roundUp(Duration width, Duration unit) {
		long units = (width.toSeconds() + unit.toSeconds() - 1) / unit.toSeconds();
		return unit.multipliedBy(Math.max(1, units));
	}

}
