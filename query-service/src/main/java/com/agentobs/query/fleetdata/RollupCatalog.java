package com.agentobs.query.fleetdata;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rollups the read path plans from, as data: each keeps some dimensions and measures at an
 * hourly, (optionally) 6-hourly and daily grain. A read is served by the first rollup, in
 * declaration order (coarsest first), that keeps every dimension it groups by and every measure it
 * asks for; whole hours, 6-hour blocks and days come from that rollup's tables, partial hours from
 * raw {@code traces} ({@link Tiers}). Adding a rollup = one entry here (its tables are created and
 * filled by db-migrations and processing-service).
 */
public final class RollupCatalog {

	/** The dimensions every rollup keeps. */
	private static final Set<Dim> FLEET = EnumSet.of(Dim.AGENT, Dim.DEPARTMENT, Dim.ENVIRONMENT, Dim.VERSION);

	/** The measures every rollup stores, besides its latency histogram. */
	static final Set<Measure> TRAFFIC = EnumSet.of(Measure.REQUESTS, Measure.SUCCESSES, Measure.ERRORS,
			Measure.TIMEOUTS, Measure.RATE_LIMITS, Measure.SERVER_ERRORS, Measure.LATENCY_SUM, Measure.COST,
			Measure.TOKENS);

	private static final Set<Measure> TRAFFIC_AND_TOKEN_SPLIT = plus(TRAFFIC, Measure.TOKENS_INPUT,
			Measure.TOKENS_OUTPUT);

	/** Every rollup of traces, coarsest first. */
	public static final List<Rollup> ROLLUPS = List.of(
			new Rollup("agent", FLEET, Table.hourly("traces_agent_hourly", TRAFFIC),
					Table.sixHourly("traces_agent_6h", TRAFFIC), Table.daily("traces_agent_daily", TRAFFIC)),
			new Rollup("model", plus(FLEET, Dim.MODEL, Dim.PROVIDER),
					Table.hourly("traces_model_hourly", TRAFFIC_AND_TOKEN_SPLIT),
					Table.sixHourly("traces_model_6h", TRAFFIC),
					Table.daily("traces_model_daily", TRAFFIC_AND_TOKEN_SPLIT)),
			new Rollup("intent", plus(FLEET, Dim.INTENT), Table.hourly("traces_intent_hourly", TRAFFIC), null,
					Table.daily("traces_intent_daily", TRAFFIC)),
			new Rollup("segment", plus(FLEET, Dim.SEGMENT), Table.hourly("traces_segment_hourly", TRAFFIC), null,
					Table.daily("traces_segment_daily", TRAFFIC)));

	private RollupCatalog() {
	}

	/**
	 * The rollup that serves a read grouping by {@code dims} ({@link Dim#BUCKET} is every rollup's
	 * time column) and summing {@code measures}.
	 * @throws IllegalArgumentException when no rollup keeps them together (read raw traces instead)
	 */
	public static Rollup serving(Collection<Dim> dims, Set<Measure> measures) {
		for (Rollup rollup : ROLLUPS) {
			if (rollup.serves(dims, measures)) {
				return rollup;
			}
		}
		throw new IllegalArgumentException("no rollup keeps " + dims + " with " + measures + "; read raw traces");
	}

	/** The time grains a rollup table can have; {@code column} is its time column. */
	public enum Period {

		HOUR("hour"), SIX_HOURS("block"), DAY("day");

		private final String column;

		Period(String column) {
			this.column = column;
		}

		String column() {
			return this.column;
		}

	}

	/**
	 * One rollup table: its grain and the measures it stores (each also has a latency histogram,
	 * {@code hist_buckets}/{@code hist_counts}).
	 */
	public record Table(String name, Period period, Set<Measure> measures) {

		public Table {
			measures = Set.copyOf(measures);
		}

		static Table hourly(String name, Set<Measure> measures) {
			return new Table(name, Period.HOUR, measures);
		}

		static Table sixHourly(String name, Set<Measure> measures) {
			return new Table(name, Period.SIX_HOURS, measures);
		}

		static Table daily(String name, Set<Measure> measures) {
			return new Table(name, Period.DAY, measures);
		}

	}

	/**
	 * A rollup: the dimensions it keeps and its tables. {@code sixHourly} may be {@code null}
	 * (whole 6-hour blocks are then read from the hourly table).
	 */
	public record Rollup(String name, Set<Dim> keeps, Table hourly, Table sixHourly, Table daily) {

		public Rollup {
			keeps = Set.copyOf(keeps);
		}

		/** Whether it keeps every dimension and its hourly and daily tables every measure. */
		boolean serves(Collection<Dim> dims, Set<Measure> measures) {
			for (Dim d : dims) {
				if (d != Dim.BUCKET && !this.keeps.contains(d)) {
					return false;
				}
			}
			return this.hourly.measures().containsAll(measures) && this.daily.measures().containsAll(measures);
		}

		/** The 6-hour table when it stores {@code measures}, else {@code null}. */
		Table blocks(Set<Measure> measures) {
			return (this.sixHourly != null && this.sixHourly.measures().containsAll(measures)) ? this.sixHourly : null;
		}

	}

	@SafeVarargs
	private static <E extends Enum<E>> Set<E> plus(Set<E> base, E first, E... more) {
		Set<E> out = EnumSet.copyOf(base);
		out.add(first);
		out.addAll(List.of(more));
		return out;
	}

}
