package com.agentobs.query.fleetdata;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.histogram.LatencyHistogram;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Aggregates one planned {@link Source} under a {@link Scope}: totals and merged latency
 * histograms per grouping, several groupings from ONE scan ({@link #read}). The source is a
 * union of sub-selects with uniform columns whichever table backs each part: raw traces for
 * the partial hours at the window's edges, hourly rollups for whole hours, 6-hour rollups for
 * whole UTC 6-hour blocks and daily rollups for whole UTC days (see {@link Grain}) — so every read
 * is exact to the instant and long windows read few hour rows. Which rollups
 * depends on the finest dimension grouped by ({@link Level}): agent-level reads use
 * {@code traces_agent_hourly} / {@code traces_agent_6h} / {@code traces_agent_daily}, model/provider
 * reads {@code traces_model_hourly} / {@code traces_model_6h} / {@code traces_model_daily}, intent
 * reads {@code traces_intent_hourly} / {@code traces_intent_daily}, user-segment reads
 * {@code traces_segment_hourly} / {@code traces_segment_daily}, all with array histograms merged in
 * Java from the rows' histogram text, never expanded cell by cell in SQL. Callers run
 * inside {@code WorkspaceTransactions.inWorkspace} (RLS) and every sub-select also filters
 * {@code workspace_id} explicitly.
 */
@Component
public class FleetReader {

	private static final String RAW_MEASURES = """
			t.sample_rate::BIGINT AS n,
			CASE WHEN t.status = 'success' THEN t.sample_rate ELSE 0 END::BIGINT AS ok,
			CASE WHEN t.status = 'error' THEN t.sample_rate ELSE 0 END::BIGINT AS errs,
			CASE WHEN t.status = 'timeout' THEN t.sample_rate ELSE 0 END::BIGINT AS timeouts,
			CASE WHEN agentobs_error_kind(t.status, t.error) = 'rate_limit' THEN t.sample_rate ELSE 0 END::BIGINT AS rate_limits,
			CASE WHEN agentobs_error_kind(t.status, t.error) = 'server_error' THEN t.sample_rate ELSE 0 END::BIGINT AS server_errors,
			t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0) AS lat_sum,
			t.sample_rate * COALESCE(t.cost_usd, 0) AS cost,
			t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0)) AS tokens""";

	private static final String ROLLUP_MEASURES = """
			r.trace_count AS n, r.success_count AS ok, r.error_count AS errs, r.timeout_count AS timeouts,
			r.rate_limit_count AS rate_limits, r.server_error_count AS server_errors, r.latency_sum_ms AS lat_sum,
			r.total_cost AS cost, r.total_tokens AS tokens""";

	private static final String RAW_DIMS = """
			t.timestamp AS ts, t.agent_id, t.department_id, t.environment, t.version, t.model, t.model_provider,
			t.intent_category, t.user_segment""";

	private static final String ARRAY_HIST = "r.hist_buckets::TEXT AS hk, r.hist_counts::TEXT AS hv";

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

	private static final String SUM_MEASURES = """
			COALESCE(sum(src.n), 0)::BIGINT AS n, COALESCE(sum(src.ok), 0)::BIGINT AS ok,
			COALESCE(sum(src.errs), 0)::BIGINT AS errs, COALESCE(sum(src.timeouts), 0)::BIGINT AS timeouts,
			COALESCE(sum(src.rate_limits), 0)::BIGINT AS rate_limits,
			COALESCE(sum(src.server_errors), 0)::BIGINT AS server_errors, COALESCE(sum(src.lat_sum), 0) AS lat_sum,
			COALESCE(sum(src.cost), 0) AS cost, COALESCE(sum(src.tokens), 0)::BIGINT AS tokens""";

	private static final String ROW_MEASURES = """
			src.n, src.ok, src.errs, src.timeouts, src.rate_limits, src.server_errors, src.lat_sum::NUMERIC AS lat_sum,
			src.cost::NUMERIC AS cost, src.tokens""";

	private final JdbcClient jdbc;

	public FleetReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Totals over the whole source. */
	public Totals totals(Source source, Scope scope) {
		return read(source, scope, false, List.of(List.of())).total();
	}

	/** Totals per combination of {@code dims}, keyed by the dimension values in order. */
	public Map<List<Object>, Totals> totalsBy(Source source, Scope scope, List<Dim> dims) {
		return read(source, scope, false, List.of(dims)).totals(dims);
	}

	/**
	 * Represented requests per combination of {@code dims}: the one measure a count chart needs,
	 * without the other eight sums (most of a long read's cost in PostgreSQL).
	 */
	public Map<List<Object>, Long> requestsBy(Source source, Scope scope, List<Dim> dims) {
		Map<String, Object> params = new LinkedHashMap<>();
		Tiers tiers = Tiers.of(source);
		tiers.bind(params);
		String sql = totalsSql(source, tiers, scope, params, dims, "COALESCE(sum(src.n), 0)::BIGINT AS n");
		Map<List<Object>, Long> out = new LinkedHashMap<>();
		bind(sql, params, source).query((rs) -> {
			Object[] k = new Object[dims.size()];
			for (int i = 0; i < k.length; i++) {
				k[i] = key(rs.getObject(i + 1));
			}
			out.merge(Arrays.asList(k), rs.getLong(k.length + 1), Long::sum);
		});
		return out;
	}

	/** The merged latency histogram over the whole source. */
	public LatencyHistogram histogram(Source source, Scope scope) {
		return read(source, scope, true, List.of(List.of())).histogram();
	}

	/** Merged latency histograms per combination of {@code dims}. */
	public Map<List<Object>, LatencyHistogram> histogramsBy(Source source, Scope scope, List<Dim> dims) {
		return read(source, scope, true, List.of(dims)).histograms(dims);
	}

	/**
	 * Reads the source once and aggregates it per grouping (the empty grouping = the whole
	 * source). With {@code histograms} the rows carry their latency histograms and every
	 * grouping also gets merged histograms; without, SQL pre-aggregates per union of the
	 * groupings' dimensions.
	 */
	public Reading read(Source source, Scope scope, boolean histograms, List<List<Dim>> groupings) {
		List<Dim> union = new ArrayList<>();
		for (List<Dim> grouping : groupings) {
			for (Dim d : grouping) {
				if (!union.contains(d)) {
					union.add(d);
				}
			}
		}
		int[][] projections = new int[groupings.size()][];
		for (int g = 0; g < groupings.size(); g++) {
			projections[g] = groupings.get(g).stream().mapToInt(union::indexOf).toArray();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		Tiers tiers = Tiers.of(source);
		tiers.bind(params);
		String sql = histograms ? histogramSql(source, tiers, scope, params, union)
				: totalsSql(source, tiers, scope, params, union, SUM_MEASURES);
		List<Map<List<Object>, Acc>> accs = new ArrayList<>();
		for (int g = 0; g < groupings.size(); g++) {
			accs.add(new LinkedHashMap<>());
		}
		Object[] dimValues = new Object[union.size()];
		bind(sql, params, source).query((rs) -> {
			for (int i = 0; i < dimValues.length; i++) {
				dimValues[i] = key(rs.getObject(i + 1));
			}
			Row row = Row.of(rs, dimValues.length + 1, histograms);
			for (int g = 0; g < projections.length; g++) {
				int[] p = projections[g];
				Object[] k = new Object[p.length];
				for (int i = 0; i < p.length; i++) {
					k[i] = dimValues[p[i]];
				}
				accs.get(g).computeIfAbsent(Arrays.asList(k), (x) -> new Acc()).add(row);
			}
		});
		List<Map<List<Object>, Totals>> totals = new ArrayList<>();
		List<Map<List<Object>, LatencyHistogram>> hists = histograms ? new ArrayList<>() : null;
		for (Map<List<Object>, Acc> byKey : accs) {
			Map<List<Object>, Totals> t = new LinkedHashMap<>();
			Map<List<Object>, LatencyHistogram> h = new LinkedHashMap<>();
			byKey.forEach((k, acc) -> {
				t.put(k, acc.totals());
				LatencyHistogram hist = acc.histogram();
				if (hist != null) {
					h.put(k, hist);
				}
			});
			totals.add(t);
			if (hists != null) {
				hists.add(h);
			}
		}
		return new Reading(List.copyOf(groupings), totals, hists);
	}

	// ------------------------------------------------------------------ SQL

	/** Measures only ({@code sums}: the outer aggregates): the parts' rows grouped by the union of dimensions in SQL. */
	private static String totalsSql(Source source, Tiers tiers, Scope scope, Map<String, Object> params,
			List<Dim> union, String sums) {
		List<String> parts = new ArrayList<>();
		for (Part part : tiers.parts(Level.of(union), false, params)) {
			parts.add("SELECT " + part.dims() + ",\n" + part.measures() + "\n" + part.from()
					+ scope.sqlFilters(part.alias(), params));
		}
		return "SELECT " + select(union) + sums + "\nFROM (" + String.join("\nUNION ALL\n", parts) + ") src"
				+ groupBy(union, null);
	}

	/**
	 * Measures and histograms. Raw rows are merged in SQL per (dimensions, latency bucket), one
	 * cell per result row; rollup rows are shipped as they are, with their histogram arrays as
	 * text for the Java merge.
	 */
	private static String histogramSql(Source source, Tiers tiers, Scope scope, Map<String, Object> params,
			List<Dim> union) {
		List<String> selects = new ArrayList<>();
		for (Part part : tiers.parts(Level.of(union), true, params)) {
			String filters = scope.sqlFilters(part.alias(), params);
			switch (part.kind()) {
				case RAW -> selects.add("SELECT " + select(union) + SUM_MEASURES
						+ ", src.hb, COALESCE(sum(src.n), 0)::BIGINT AS hw, NULL::TEXT AS hk, NULL::TEXT AS hv\nFROM ("
						+ "SELECT " + part.dims() + ",\n" + part.measures() + ",\n" + part.histogram() + "\n"
						+ part.from() + filters + ") src" + groupBy(union, "src.hb"));
				case ARRAYS -> selects.add("SELECT " + select(union) + ROW_MEASURES
						+ ", NULL::INTEGER AS hb, NULL::BIGINT AS hw, src.hk, src.hv\nFROM (" + "SELECT " + part.dims()
						+ ",\n" + part.measures() + ",\n" + part.histogram() + "\n" + part.from() + filters + ") src");
			}
		}
		return String.join("\nUNION ALL\n", selects);
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params, Source source) {
		if (sql.contains(":bucket")) {
			if (source.bucket() == null) {
				throw new IllegalStateException("BUCKET needs a series source");
			}
			params.put("bucket", source.bucket().toSeconds() + " seconds");
			params.put("origin", at(source.origin()));
		}
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

	/**
	 * The finest dimension a read groups by decides which rollups can answer it: each level has
	 * an hourly and a daily table with array histograms, the dimensions it keeps and NULL for
	 * the others.
	 */
	enum Level {

		/** Agent, department, environment, version. */
		AGENT("traces_agent_hourly", "traces_agent_6h", "traces_agent_daily",
				"NULL::VARCHAR AS model, NULL::VARCHAR AS model_provider, NULL::VARCHAR AS intent_category, "
						+ "NULL::VARCHAR AS user_segment"),
		/** Plus model and provider. */
		MODEL("traces_model_hourly", "traces_model_6h", "traces_model_daily",
				"r.model, r.model_provider, NULL::VARCHAR AS intent_category, NULL::VARCHAR AS user_segment"),
		/** Plus intent. */
		INTENT("traces_intent_hourly", null, "traces_intent_daily",
				"NULL::VARCHAR AS model, NULL::VARCHAR AS model_provider, r.intent_category, "
						+ "NULL::VARCHAR AS user_segment"),
		/** Plus the trace's user segment. */
		SEGMENT("traces_segment_hourly", null, "traces_segment_daily",
				"NULL::VARCHAR AS model, NULL::VARCHAR AS model_provider, NULL::VARCHAR AS intent_category, "
						+ "r.user_segment");

		private final String hourly;

		/** Whole 6-hour blocks, or {@code null}: that level reads hourly rows instead. */
		private final String blocks;

		private final String daily;

		private final String kept;

		Level(String hourly, String blocks, String daily, String kept) {
			this.hourly = hourly;
			this.blocks = blocks;
			this.daily = daily;
			this.kept = kept;
		}

		/** The uniform dimension columns of this level's rows, {@code time} as {@code ts}. */
		String dims(String time) {
			return time + " AS ts, r.agent_id, r.department_id, r.environment, r.version, " + this.kept;
		}

		static Level of(List<Dim> dims) {
			List<Level> finer = new ArrayList<>();
			if (dims.contains(Dim.MODEL) || dims.contains(Dim.PROVIDER)) {
				finer.add(MODEL);
			}
			if (dims.contains(Dim.INTENT)) {
				finer.add(INTENT);
			}
			if (dims.contains(Dim.SEGMENT)) {
				finer.add(SEGMENT);
			}
			if (finer.size() > 1) {
				throw new IllegalArgumentException("no rollup keeps " + finer + " together; read raw traces");
			}
			return finer.isEmpty() ? AGENT : finer.get(0);
		}

	}

	private static String select(List<Dim> dims) {
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < dims.size(); i++) {
			sql.append(dims.get(i).expression()).append(" AS d").append(i).append(", ");
		}
		return sql.toString();
	}

	private static String groupBy(List<Dim> dims, String extra) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < dims.size(); i++) {
			items.add(String.valueOf(i + 1));
		}
		if (extra != null) {
			items.add(extra);
		}
		return items.isEmpty() ? "" : "\nGROUP BY " + String.join(", ", items);
	}

	// ------------------------------------------------------------------ window tiers

	enum Kind {

		RAW, ARRAYS

	}

	/** One sub-select of a source: its columns, table and predicate, and its histogram form. */
	record Part(Kind kind, String alias, String dims, String measures, String histogram, String from) {
	}

	/**
	 * A window cut into tiers: raw traces for [from, hourFrom) and [hourTo, to) (the partial
	 * hours), hourly rollups for whole hours outside [dayFrom, dayTo), daily rollups inside it.
	 * A window without a whole hour is all raw; a RAW source is all raw.
	 */
	public record Tiers(Instant from, Instant to, Instant hourFrom, Instant hourTo, Instant dayFrom, Instant dayTo,
			boolean rawOnly, Instant blockFrom, Instant blockTo) {

		/** Six hours: the block of {@link Grain#SIX_HOURLY} (UTC 00, 06, 12, 18). */
		static final long BLOCK_SECONDS = 6 * 3600;

		/**
		 * The one window rule every read follows (also used by the chart views' own SQL). A
		 * {@link Grain#SIX_HOURLY} source is planned as hourly, a {@link Grain#MIXED} one as hours
		 * and days; both also get the whole 6-hour blocks inside their whole hours
		 * ({@code blockFrom}/{@code blockTo}, around the whole days), which {@link FleetReader} reads
		 * from the level's 6-hour rollup when it has one; callers that only know hours and days
		 * ignore them.
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

		void bind(Map<String, Object> params) {
			params.put("ws", null);
			params.put("from", at(this.from));
			params.put("to", at(this.to));
			params.put("hour_from", at(this.hourFrom));
			params.put("hour_to", at(this.hourTo));
			params.put("day_from", at(this.dayFrom));
			params.put("day_to", at(this.dayTo));
		}

		/** The sub-selects of this window at a dimension level. */
		List<Part> parts(Level level, boolean histograms, Map<String, Object> params) {
			params.put("raw_lo", at(this.hourFrom));
			params.put("raw_hi", at(this.hourTo));
			List<Part> parts = new ArrayList<>();
			if (this.from.isBefore(this.hourFrom) || this.hourTo.isBefore(this.to)) {
				parts.add(new Part(Kind.RAW, "t", RAW_DIMS, RAW_MEASURES,
						"agentobs_latency_bucket(t.latency_ms) AS hb", RAW_FROM));
			}
			if (this.rawOnly) {
				return parts;
			}
			// whole hours outside the whole 6-hour blocks (when the level keeps blocks) or outside the days
			boolean blocks = level.blocks != null && this.blockFrom.isBefore(this.blockTo);
			Instant hourLo = blocks ? this.blockFrom : this.dayFrom;
			Instant hourHi = blocks ? this.blockTo : this.dayTo;
			params.put("hour_lo", at(hourLo));
			params.put("hour_hi", at(hourHi));
			if (this.hourFrom.isBefore(hourLo) || hourHi.isBefore(this.hourTo)) {
				parts.add(new Part(Kind.ARRAYS, "r", level.dims("r.hour"), ROLLUP_MEASURES, ARRAY_HIST,
						"FROM " + level.hourly + " r\n" + HOURLY_WHERE));
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
					parts.add(new Part(Kind.ARRAYS, "r", level.dims("r.block"), ROLLUP_MEASURES, ARRAY_HIST,
							"FROM " + level.blocks + " r\n" + BLOCKS_WHERE));
				}
			}
			if (this.dayFrom.isBefore(this.dayTo)) {
				parts.add(new Part(Kind.ARRAYS, "r", level.dims("r.day"), ROLLUP_MEASURES, ARRAY_HIST,
						"FROM " + level.daily + " r\nWHERE r.workspace_id = :ws AND r.day >= :day_from AND r.day < :day_to"));
			}
			return parts;
		}

	}

	// ------------------------------------------------------------------ rows and accumulation

	/**
	 * One result row after the dimension columns (measures, then the histogram: one cell
	 * {@code hb}/{@code hw}, or a rollup row's arrays parsed once, whatever the groupings).
	 */
	private record Row(long n, long ok, long errs, long timeouts, long rateLimits, long serverErrors,
			BigDecimal latSum, BigDecimal cost, long tokens, Integer hb, long hw, long[] hk, long[] hv) {

		static Row of(ResultSet rs, int first, boolean histograms) throws SQLException {
			int c = first;
			long n = rs.getLong(c++);
			long ok = rs.getLong(c++);
			long errs = rs.getLong(c++);
			long timeouts = rs.getLong(c++);
			long rl = rs.getLong(c++);
			long se = rs.getLong(c++);
			BigDecimal lat = rs.getBigDecimal(c++);
			BigDecimal cost = rs.getBigDecimal(c++);
			long tokens = rs.getLong(c++);
			if (!histograms) {
				return new Row(n, ok, errs, timeouts, rl, se, lat, cost, tokens, null, 0, null, null);
			}
			int hb = rs.getInt(c);
			Integer bucket = rs.wasNull() ? null : hb;
			byte[] hk = rs.getBytes(c + 2);
			byte[] hv = rs.getBytes(c + 3);
			return new Row(n, ok, errs, timeouts, rl, se, lat, cost, tokens, bucket, rs.getLong(c + 1),
					(hk != null) ? HistogramText.numbers(hk) : null, (hv != null) ? HistogramText.numbers(hv) : null);
		}

	}

	/** Sums of one key: measures, and histogram weights in a dense array indexed by bucket. */
	private static final class Acc {

		long n;

		long ok;

		long errs;

		long timeouts;

		long rateLimits;

		long serverErrors;

		BigDecimal latSum = BigDecimal.ZERO;

		BigDecimal cost = BigDecimal.ZERO;

		long tokens;

		final LatencyHistogram hist = new LatencyHistogram();

		void add(Row r) {
			this.n += r.n();
			this.ok += r.ok();
			this.errs += r.errs();
			this.timeouts += r.timeouts();
			this.rateLimits += r.rateLimits();
			this.serverErrors += r.serverErrors();
			if (r.latSum() != null) {
				this.latSum = this.latSum.add(r.latSum());
			}
			if (r.cost() != null) {
				this.cost = this.cost.add(r.cost());
			}
			this.tokens += r.tokens();
			if (r.hb() != null) {
				this.hist.add(r.hb(), r.hw());
			}
			else if (r.hk() != null) {
				long[] buckets = r.hk();
				long[] counts = r.hv();
				for (int i = 0; i < buckets.length; i++) {
					this.hist.add((int) buckets[i], counts[i]);
				}
			}
		}

		Totals totals() {
			return new Totals(this.n, this.ok, this.errs, this.timeouts, this.rateLimits, this.serverErrors,
					this.latSum, this.cost, this.tokens);
		}

		/** The merged histogram, or {@code null} when no row had latency data. */
		LatencyHistogram histogram() {
			return (this.hist.total() == 0) ? null : this.hist;
		}

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

	/** An instant as a UTC {@code OffsetDateTime}, which the driver binds as {@code timestamptz}. */
	public static OffsetDateTime at(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC);
	}

	/** Reads a nullable UUID key member. */
	public static UUID uuid(Object key) {
		return (key instanceof UUID u) ? u : (key == null) ? null : UUID.fromString(key.toString());
	}

	/** {@code value} as a BigDecimal or zero. */
	static BigDecimal dec(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
