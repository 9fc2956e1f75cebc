package com.agentobs.query.fleetdata;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plans which table answers a window. Windows up to {@code rawMaxWindow} (24 h by default)
 * read raw traces; longer ones read daily rollups with hourly edges, or hourly rollups
 * when a dimension only the hourly table has (intent, user segment) is needed or when a
 * time series asks for buckets shorter than a day.
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
		return new Source(isShort(from, to) ? Grain.RAW : Grain.MIXED, from, to, null, null);
	}

	/** Breakdowns that need intent or user segment (only raw and hourly keep them). */
	public Source totalsWithIntent(Instant from, Instant to) {
		return new Source(isShort(from, to) ? Grain.RAW : Grain.HOURLY, from, to, null, null);
	}

	/** A time series of about {@code points} buckets. */
	public Source series(Instant from, Instant to, int points) {
		Duration window = Duration.between(from, to);
		return seriesWithBucket(from, to, window.dividedBy(points));
	}

	/**
	 * A time series with buckets of at least {@code width}; rollup reads round the width
	 * up to whole hours (hourly) or whole days (mixed), with origins on those boundaries.
	 */
	public Source seriesWithBucket(Instant from, Instant to, Duration width) {
		if (width.compareTo(Duration.ofSeconds(1)) < 0) {
			width = Duration.ofSeconds(1);
		}
		if (isShort(from, to)) {
			return new Source(Grain.RAW, from, to, Duration.ofSeconds(width.toSeconds()), from);
		}
		if (width.compareTo(DAY) < 0) {
			return new Source(Grain.HOURLY, from, to, roundUp(width, HOUR), from.truncatedTo(ChronoUnit.HOURS));
		}
		return new Source(Grain.MIXED, from, to, roundUp(width, DAY), from.truncatedTo(ChronoUnit.DAYS));
	}

	private boolean isShort(Instant from, Instant to) {
		return Duration.between(from, to).compareTo(this.rawMaxWindow) <= 0;
	}

	private static Duration roundUp(Duration width, Duration unit) {
		long units = (width.toSeconds() + unit.toSeconds() - 1) / unit.toSeconds();
		return unit.multipliedBy(Math.max(1, units));
	}

}
