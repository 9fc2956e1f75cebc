package com.agentobs.query.fleetdata;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.agentobs.contracts.histogram.LatencyHistogram;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One read of the fleet's traffic over a planned {@link Source} under a {@link Scope}, built as
 * {@code fleet.read(source, scope).groupBy(Dim.AGENT).withLatency().fetch()}. Every grouping asked
 * for comes from ONE scan: SQL groups by the union of their dimensions, Java folds the rows into
 * each grouping. The tables are planned from the {@link RollupCatalog}; immutable.
 */
public final class FleetQuery {

	private final JdbcClient jdbc;

	private final Source source;

	private final Scope scope;

	private final List<List<Dim>> groupings;

	private final Set<Measure> measures;

	private final boolean latency;

	FleetQuery(JdbcClient jdbc, Source source, Scope scope) {
		this(jdbc, source, scope, List.of(), RollupCatalog.TRAFFIC, false);
	}

	private FleetQuery(JdbcClient jdbc, Source source, Scope scope, List<List<Dim>> groupings, Set<Measure> measures,
			boolean latency) {
		this.jdbc = jdbc;
		this.source = source;
		this.scope = scope;
		this.groupings = groupings;
		this.measures = measures;
		this.latency = latency;
	}

	/** Adds a grouping ({@code groupBy()} = the whole source); several groupings share one scan. */
	public FleetQuery groupBy(Dim... dims) {
		List<List<Dim>> more = new ArrayList<>(this.groupings);
		more.add(List.of(dims));
		return new FleetQuery(this.jdbc, this.source, this.scope, List.copyOf(more), this.measures, this.latency);
	}

	/** Also merges latency histograms per row (percentiles), at the cost of shipping them. */
	public FleetQuery withLatency() {
		return new FleetQuery(this.jdbc, this.source, this.scope, this.groupings, this.measures, true);
	}

	/**
	 * Sums only these measures (default: the traffic measures of {@link Totals}); fewer measures
	 * are a cheaper read, and some (the token split) are kept by fewer rollups.
	 */
	public FleetQuery measuring(Measure first, Measure... more) {
		return new FleetQuery(this.jdbc, this.source, this.scope, this.groupings, EnumSet.of(first, more),
				this.latency);
	}

	/** Runs the read: the rows of every grouping (the whole source when none was asked for). */
	public FleetResult fetch() {
		List<List<Dim>> asked = this.groupings.isEmpty() ? List.of(List.of()) : this.groupings;
		List<Dim> union = new ArrayList<>();
		for (List<Dim> grouping : asked) {
			for (Dim d : grouping) {
				if (!union.contains(d)) {
					union.add(d);
				}
			}
		}
		int[][] positions = new int[asked.size()][];
		for (int g = 0; g < asked.size(); g++) {
			positions[g] = asked.get(g).stream().mapToInt(union::indexOf).toArray();
		}
		List<Measure> measured = List.copyOf(EnumSet.copyOf(this.measures));
		Map<String, Object> params = new LinkedHashMap<>();
		Tiers tiers = Tiers.of(this.source);
		tiers.bind(params);
		List<Tiers.Part> parts = tiers.parts(RollupCatalog.serving(union, this.measures), this.measures, params);
		String sql = this.latency ? FleetSql.withLatency(parts, measured, this.scope, params, union)
				: FleetSql.totals(parts, measured, this.scope, params, union);
		List<Map<FleetKey, Acc>> accs = new ArrayList<>();
		for (int g = 0; g < asked.size(); g++) {
			accs.add(new LinkedHashMap<>());
		}
		Object[] dimValues = new Object[union.size()];
		bind(sql, params).query((rs) -> {
			for (int i = 0; i < dimValues.length; i++) {
				dimValues[i] = key(rs.getObject(i + 1));
			}
			Row row = Row.of(rs, dimValues.length + 1, measured, this.latency);
			for (int g = 0; g < positions.length; g++) {
				accs.get(g).computeIfAbsent(FleetKey.of(asked.get(g), dimValues, positions[g]), (k) -> new Acc()).add(row);
			}
		});
		List<FleetRows> rows = new ArrayList<>();
		for (Map<FleetKey, Acc> byKey : accs) {
			Map<FleetKey, FleetRow> out = new LinkedHashMap<>();
			byKey.forEach((k, acc) -> out.put(k, new FleetRow(k, acc.totals(), acc.histogram())));
			rows.add(new FleetRows(out));
		}
		return new FleetResult(asked, rows);
	}

	/** {@link #fetch()} of a read with one grouping: its rows. */
	public FleetRows rows() {
		if (this.groupings.size() != 1) {
			throw new IllegalStateException("rows() needs exactly one grouping; use fetch().rows(…)");
		}
		return fetch().rows(this.groupings.get(0).toArray(Dim[]::new));
	}

	/** Sums over the whole source. */
	public Totals total() {
		return new FleetQuery(this.jdbc, this.source, this.scope, List.of(), this.measures, this.latency).fetch()
			.total();
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params) {
		if (sql.contains(":bucket")) {
			if (this.source.bucket() == null) {
				throw new IllegalStateException("BUCKET needs a series source");
			}
			params.put("bucket", this.source.bucket().toSeconds() + " seconds");
			params.put("origin", Tiers.at(this.source.origin()));
		}
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

	private static Object key(Object value) {
		if (value instanceof Timestamp ts) {
			return ts.toInstant();
		}
		if (value instanceof OffsetDateTime odt) {
			return odt.toInstant();
		}
		return value;
	}

	/**
	 * One result row after the dimension columns: the measures (indexed by ordinal), then the
	 * histogram: one cell {@code hb}/{@code hw}, or a rollup row's arrays parsed once.
	 */
	private record Row(long[] counts, BigDecimal[] sums, Integer hb, long hw, long[] hk, long[] hv) {

		static Row of(ResultSet rs, int first, List<Measure> measures, boolean latency) throws SQLException {
			long[] counts = new long[Measure.values().length];
			BigDecimal[] sums = new BigDecimal[Measure.values().length];
			int c = first;
			for (Measure m : measures) {
				if (m.decimal()) {
					sums[m.ordinal()] = rs.getBigDecimal(c++);
				}
				else {
					counts[m.ordinal()] = rs.getLong(c++);
				}
			}
			if (!latency) {
				return new Row(counts, sums, null, 0, null, null);
			}
			int hb = rs.getInt(c);
			Integer bucket = rs.wasNull() ? null : hb;
			byte[] hk = rs.getBytes(c + 2);
			byte[] hv = rs.getBytes(c + 3);
			return new Row(counts, sums, bucket, rs.getLong(c + 1), (hk != null) ? HistogramText.numbers(hk) : null,
					(hv != null) ? HistogramText.numbers(hv) : null);
		}

	}

	/** Sums of one key: measures, and histogram weights. */
	private static final class Acc {

		final long[] counts = new long[Measure.values().length];

		final BigDecimal[] sums = new BigDecimal[Measure.values().length];

		final LatencyHistogram hist = new LatencyHistogram();

		void add(Row r) {
			for (int i = 0; i < this.counts.length; i++) {
				this.counts[i] += r.counts()[i];
				BigDecimal s = r.sums()[i];
				if (s != null) {
					this.sums[i] = (this.sums[i] != null) ? this.sums[i].add(s) : s;
				}
			}
			if (r.hb() != null) {
				this.hist.add(r.hb(), r.hw());
			}
			else if (r.hk() != null) {
				long[] buckets = r.hk();
				long[] weights = r.hv();
				for (int i = 0; i < buckets.length; i++) {
					this.hist.add((int) buckets[i], weights[i]);
				}
			}
		}

		Totals totals() {
			return new Totals(count(Measure.REQUESTS), count(Measure.SUCCESSES), count(Measure.ERRORS),
					count(Measure.TIMEOUTS), count(Measure.RATE_LIMITS), count(Measure.SERVER_ERRORS),
					sum(Measure.LATENCY_SUM), sum(Measure.COST), count(Measure.TOKENS), count(Measure.TOKENS_INPUT),
					count(Measure.TOKENS_OUTPUT));
		}

		private long count(Measure m) {
			return this.counts[m.ordinal()];
		}

		private BigDecimal sum(Measure m) {
			BigDecimal s = this.sums[m.ordinal()];
			return (s != null) ? s : BigDecimal.ZERO;
		}

		/** The merged histogram, or {@code null} when no row had latency data. */
		LatencyHistogram histogram() {
			return (this.hist.total() == 0) ? null : this.hist;
		}

	}

}
