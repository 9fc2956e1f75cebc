package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A window cut into tiers, the one window rule every read follows: raw traces for
 * [from, hourFrom) and [hourTo, to) (the partial hours), daily rollups for whole UTC days
 * [dayFrom, dayTo), 6-hour rollups for the whole UTC blocks [blockFrom, blockTo) around them
 * (when the rollup has them), hourly rollups for the other whole hours. A window without a whole
 * hour, or a {@link Grain#RAW} source, is all raw. So every read is exact to the instant.
 */
public record Tiers(Instant from, Instant to, Instant hourFrom, Instant hourTo, Instant dayFrom, Instant dayTo,
		boolean rawOnly, Instant blockFrom, Instant blockTo) {

	/** Six hours: the block of {@link Grain#SIX_HOURLY} (UTC 00, 06, 12, 18). */
	static final long BLOCK_SECONDS = 6 * 3600;

	/** Raw rows at the window's edges, [from, raw_lo) and [raw_hi, to): two index ranges. */
	private static final String RAW_FROM = """
			FROM traces t
			WHERE t.workspace_id = :ws
			  AND ((t.timestamp >= :from AND t.timestamp < :raw_lo) OR (t.timestamp >= :raw_hi AND t.timestamp < :to))""";

	/** Hourly rows of the whole hours outside the coarser tiers ([hour_lo, hour_hi): blocks or days). */
	private static final String HOURLY_WHERE = """
			WHERE r.workspace_id = :ws
			  AND ((r.hour >= :hour_from AND r.hour < :hour_lo) OR (r.hour >= :hour_hi AND r.hour < :hour_to))""";

	/** 6-hour rows of the whole blocks outside the whole days ([block_lo, block_hi)). */
	private static final String BLOCKS_WHERE = """
			WHERE r.workspace_id = :ws
			  AND ((r.block >= :block_from AND r.block < :block_lo) OR (r.block >= :block_hi AND r.block < :block_to))""";

	private static final String DAILY_WHERE = "WHERE r.workspace_id = :ws AND r.day >= :day_from AND r.day < :day_to";

	/**
	 * The tiers of a source. A {@link Grain#SIX_HOURLY} source is planned as hourly, a
	 * {@link Grain#MIXED} one as hours and days; both also get the whole 6-hour blocks inside their
	 * whole hours ({@code blockFrom}/{@code blockTo}, around the whole days), read from the
	 * rollup's 6-hour table when it has one; callers that only know hours and days ignore them.
	 */
	public static Tiers of(Source source) {
		Instant from = source.from();
		Instant to = source.to();
		Instant hourFrom = ceil(from, ChronoUnit.HOURS);
		Instant hourTo = to.truncatedTo(ChronoUnit.HOURS);
		if (source.grain() == Grain.RAW || !hourFrom.isBefore(hourTo)) {
			return new Tiers(from, to, to, to, to, to, true, to, to);
		}
		Instant dayFrom = ceil(hourFrom, ChronoUnit.DAYS);
		Instant dayTo = hourTo.truncatedTo(ChronoUnit.DAYS);
		if (source.grain() != Grain.MIXED || !dayFrom.isBefore(dayTo)) {
			dayFrom = hourTo;
			dayTo = hourTo;
		}
		Instant blockFrom = hourTo;
		Instant blockTo = hourTo;
		if (source.grain() == Grain.SIX_HOURLY || source.grain() == Grain.MIXED) {
			Instant lo = blockFloor(hourFrom);
			blockFrom = lo.equals(hourFrom) ? lo : lo.plusSeconds(BLOCK_SECONDS);
			blockTo = blockFloor(hourTo);
			if (!blockFrom.isBefore(blockTo)) {
				blockFrom = hourTo;
				blockTo = hourTo;
			}
		}
		return new Tiers(from, to, hourFrom, hourTo, dayFrom, dayTo, false, blockFrom, blockTo);
	}

	/** The start of the 6-hour UTC block holding {@code t}. */
	static Instant blockFloor(Instant t) {
		long s = t.getEpochSecond();
		return Instant.ofEpochSecond(s - Math.floorMod(s, BLOCK_SECONDS));
	}

	private static Instant ceil(Instant t, ChronoUnit unit) {
		Instant floor = t.truncatedTo(unit);
		return floor.equals(t) ? t : floor.plus(1, unit);
	}

	/** An instant as a UTC {@code OffsetDateTime}, which the driver binds as {@code timestamptz}. */
	public static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** Binds the window's bounds ({@code :from … :day_to}); {@code :ws} is bound by the scope. */
	void bind(Map<String, Object> params) {
		params.put("ws", null);
		params.put("from", at(this.from));
		params.put("to", at(this.to));
		params.put("hour_from", at(this.hourFrom));
		params.put("hour_to", at(this.hourTo));
		params.put("day_from", at(this.dayFrom));
		params.put("day_to", at(this.dayTo));
	}

	/** Raw traces, or one of the rollup's tables. */
	enum Kind {

		RAW, ROLLUP

	}

	/** One sub-select of a read: raw traces or one table of a rollup, and its FROM … WHERE. */
	record Part(Kind kind, RollupCatalog.Rollup rollup, RollupCatalog.Table table, String from) {
	}

	/** The sub-selects of this window read from {@code rollup} for {@code measures}. */
	List<Part> parts(RollupCatalog.Rollup rollup, Set<Measure> measures, Map<String, Object> params) {
		params.put("raw_lo", at(this.hourFrom));
		params.put("raw_hi", at(this.hourTo));
		List<Part> parts = new ArrayList<>();
		if (this.from.isBefore(this.hourFrom) || this.hourTo.isBefore(this.to)) {
			parts.add(new Part(Kind.RAW, rollup, null, RAW_FROM));
		}
		if (this.rawOnly) {
			return parts;
		}
		// whole hours outside the whole 6-hour blocks (when the rollup has them) or outside the days
		RollupCatalog.Table blocksTable = rollup.blocks(measures);
		boolean blocks = blocksTable != null && this.blockFrom.isBefore(this.blockTo);
		Instant hourLo = blocks ? this.blockFrom : this.dayFrom;
		Instant hourHi = blocks ? this.blockTo : this.dayTo;
		params.put("hour_lo", at(hourLo));
		params.put("hour_hi", at(hourHi));
		if (this.hourFrom.isBefore(hourLo) || hourHi.isBefore(this.hourTo)) {
			parts.add(rollupPart(rollup, rollup.hourly(), HOURLY_WHERE));
		}
		if (blocks) {
			// whole blocks outside the whole days (all of them when the window has no day tier)
			boolean days = this.dayFrom.isBefore(this.dayTo);
			Instant blockLo = days ? this.dayFrom : this.blockTo;
			Instant blockHi = days ? this.dayTo : this.blockTo;
			params.put("block_from", at(this.blockFrom));
			params.put("block_lo", at(blockLo));
			params.put("block_hi", at(blockHi));
			params.put("block_to", at(this.blockTo));
			if (this.blockFrom.isBefore(blockLo) || blockHi.isBefore(this.blockTo)) {
				parts.add(rollupPart(rollup, blocksTable, BLOCKS_WHERE));
			}
		}
		if (this.dayFrom.isBefore(this.dayTo)) {
			parts.add(rollupPart(rollup, rollup.daily(), DAILY_WHERE));
		}
		return parts;
	}

	private static Part rollupPart(RollupCatalog.Rollup rollup, RollupCatalog.Table table, String where) {
		return new Part(Kind.ROLLUP, rollup, table, "FROM " + table.name() + " r\n" + where);
	}

}
