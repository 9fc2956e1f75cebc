package com.agentobs.query.fleetdata;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.histogram.LatencyHistogram;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Aggregates one planned {@link Source} under a {@link Scope}: totals, grouped totals and
 * merged latency histograms. The source is a sub-select with uniform columns whichever
 * table backs it; the outer query only ever groups by {@link Dim} expressions. Callers run
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
			t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0)) AS tokens
			""";

	private static final String ROLLUP_MEASURES = """
			r.trace_count AS n, r.success_count AS ok, r.error_count AS errs, r.timeout_count AS timeouts,
			r.rate_limit_count AS rate_limits, r.server_error_count AS server_errors, r.latency_sum_ms AS lat_sum,
			r.total_cost AS cost, r.total_tokens AS tokens
			""";

	private static final String RAW_DIMS = """
			t.timestamp AS ts, t.agent_id, t.department_id, t.environment, t.version, t.model, t.model_provider,
			t.intent_category, t.user_segment
			""";

	private static final String HOURLY_DIMS = """
			r.hour AS ts, r.agent_id, r.department_id, r.environment, r.version, r.model, r.model_provider,
			r.intent_category, r.user_segment
			""";

	/** traces_agent_hourly keeps only the agent-level dimensions (see {@link #slim}). */
	private static final String SLIM_DIMS = """
			r.hour AS ts, r.agent_id, r.department_id, r.environment, r.version, NULL::VARCHAR AS model,
			NULL::VARCHAR AS model_provider, NULL::VARCHAR AS intent_category, NULL::VARCHAR AS user_segment
			""";

	private static final String DAILY_DIMS = """
			r.day AS ts, r.agent_id, r.department_id, r.environment, r.version, r.model, r.model_provider,
			NULL::VARCHAR AS intent_category, NULL::VARCHAR AS user_segment
			""";

	private static final String RAW_FROM = """
			FROM traces t
			WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to""";

	private static final String HOURLY_FROM = """
			FROM traces_hourly r
			WHERE r.workspace_id = :ws AND r.hour >= :hour_from AND r.hour < :hour_to""";

	private static final String HOURLY_EDGES_FROM = """
			FROM traces_hourly r
			WHERE r.workspace_id = :ws
			  AND ((r.hour >= :hour_from AND r.hour < :day_from) OR (r.hour >= :day_to AND r.hour < :hour_to))""";

	private static final String DAILY_FROM = """
			FROM traces_daily r
			WHERE r.workspace_id = :ws AND r.day >= :day_from AND r.day < :day_to""";

	private static final String RAW_HIST = "agentobs_latency_bucket(t.latency_ms) AS b, t.sample_rate::BIGINT AS c\n";

	private static final String ROLLUP_HIST = "e.key::INTEGER AS b, e.value::BIGINT AS c\n";

	private static final String SLIM_HIST = "e.b, e.c\n";

	private static final String SLIM_TABLE = "FROM traces_agent_hourly r";

	private static final String SLIM_LATERAL = " CROSS JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) AS e(b, c)";

	private static final String SUM_MEASURES = """
			COALESCE(sum(src.n), 0) AS n, COALESCE(sum(src.ok), 0) AS ok, COALESCE(sum(src.errs), 0) AS errs,
			COALESCE(sum(src.timeouts), 0) AS timeouts, COALESCE(sum(src.rate_limits), 0) AS rate_limits,
			COALESCE(sum(src.server_errors), 0) AS server_errors, COALESCE(sum(src.lat_sum), 0) AS lat_sum,
			COALESCE(sum(src.cost), 0) AS cost, COALESCE(sum(src.tokens), 0) AS tokens""";

	private final JdbcClient jdbc;

	public FleetReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Totals over the whole source. */
	public Totals totals(Source source, Scope scope) {
		Map<List<Object>, Totals> rows = totalsBy(source, scope, List.of());
		return rows.getOrDefault(List.of(), Totals.EMPTY);
	}

	/** Totals per combination of {@code dims}, keyed by the dimension values in order. */
	public Map<List<Object>, Totals> totalsBy(Source source, Scope scope, List<Dim> dims) {
		Map<String, Object> params = new LinkedHashMap<>();
		String src = measuresSource(source, scope, params, slim(dims));
		String sql = "SELECT " + select(dims) + SUM_MEASURES + "\nFROM (" + src + ") src" + groupBy(dims);
		Map<List<Object>, Totals> result = new LinkedHashMap<>();
		bind(sql, params, source).query((rs) -> {
			List<Object> key = keys(rs, dims);
			result.put(key, new Totals(rs.getLong("n"), rs.getLong("ok"), rs.getLong("errs"), rs.getLong("timeouts"),
					rs.getLong("rate_limits"), rs.getLong("server_errors"), rs.getBigDecimal("lat_sum"),
					rs.getBigDecimal("cost"), rs.getLong("tokens")));
		});
		if (dims.isEmpty() && result.isEmpty()) {
			result.put(List.of(), Totals.EMPTY);
		}
		return result;
	}

	/** The merged latency histogram over the whole source. */
	public LatencyHistogram histogram(Source source, Scope scope) {
		return histogramsBy(source, scope, List.of()).getOrDefault(List.of(), new LatencyHistogram());
	}

	/**
	 * Merged latency histograms per combination of {@code dims}: cells are summed per
	 * (key, bucket) in SQL and shipped as one row per key with (bucket[], weight[]) arrays,
	 * so a heatmap transfers (agents x buckets) rows, not one per histogram cell.
	 */
	public Map<List<Object>, LatencyHistogram> histogramsBy(Source source, Scope scope, List<Dim> dims) {
		Map<String, Object> params = new LinkedHashMap<>();
		String src = histogramSource(source, scope, params, slim(dims));
		StringBuilder outer = new StringBuilder();
		for (int i = 0; i < dims.size(); i++) {
			outer.append("h.d").append(i).append(", ");
		}
		String cells = "SELECT " + select(dims) + "src.b::INTEGER AS b, sum(src.c)::BIGINT AS c\nFROM (" + src
				+ ") src\nGROUP BY " + groupList(dims, "src.b");
		String sql = "SELECT " + outer + "array_agg(h.b) AS bs, array_agg(h.c) AS cs\nFROM (" + cells + ") h"
				+ (dims.isEmpty() ? "" : "\nGROUP BY " + groupList(dims, null));
		Map<List<Object>, LatencyHistogram> result = new LinkedHashMap<>();
		bind(sql, params, source).query((rs) -> {
			java.sql.Array bs = rs.getArray("bs");
			java.sql.Array cs = rs.getArray("cs");
			if (bs == null || cs == null) {
				return; // no cells at all (ungrouped read over an empty window)
			}
			Object[] buckets = (Object[]) bs.getArray();
			Object[] counts = (Object[]) cs.getArray();
			LatencyHistogram h = result.computeIfAbsent(keys(rs, dims), (k) -> new LatencyHistogram());
			for (int i = 0; i < buckets.length; i++) {
				h.add(((Number) buckets[i]).intValue(), ((Number) counts[i]).longValue());
			}
		});
		return result;
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
	 * Whether the hourly part of a read can use {@code traces_agent_hourly}: the grouping
	 * needs no model, provider or intent (the scope's filters are all agent-level columns).
	 * Same measures and histogram cells as {@code traces_hourly}, filled by the same function.
	 */
	static boolean slim(List<Dim> dims) {
		return dims.stream().noneMatch((d) -> d == Dim.MODEL || d == Dim.PROVIDER || d == Dim.INTENT);
	}

	private String measuresSource(Source source, Scope scope, Map<String, Object> params, boolean slim) {
		window(source, params);
		String hourlyDims = slim ? SLIM_DIMS : HOURLY_DIMS;
		String hourly = slim ? HOURLY_FROM.replace("FROM traces_hourly r", SLIM_TABLE) : HOURLY_FROM;
		String edges = slim ? HOURLY_EDGES_FROM.replace("FROM traces_hourly r", SLIM_TABLE) : HOURLY_EDGES_FROM;
		return switch (source.grain()) {
			case RAW -> "SELECT " + RAW_DIMS + "," + RAW_MEASURES + RAW_FROM + scope.sqlFilters("t", params);
			case HOURLY -> "SELECT " + hourlyDims + "," + ROLLUP_MEASURES + hourly + scope.sqlFilters("r", params);
			case MIXED -> "SELECT " + hourlyDims + "," + ROLLUP_MEASURES + edges + scope.sqlFilters("r", params)
					+ "\nUNION ALL\nSELECT " + DAILY_DIMS + "," + ROLLUP_MEASURES + DAILY_FROM
					+ scope.sqlFilters("r", params);
		};
	}

	private String histogramSource(Source source, Scope scope, Map<String, Object> params, boolean slim) {
		window(source, params);
		String lateral = " CROSS JOIN LATERAL jsonb_each_text(r.latency_histogram) e";
		String hourlyDims = slim ? SLIM_DIMS : HOURLY_DIMS;
		String hourlyHist = slim ? SLIM_HIST : ROLLUP_HIST;
		String hourlyTable = slim ? SLIM_TABLE + SLIM_LATERAL : "FROM traces_hourly r" + lateral;
		return switch (source.grain()) {
			case RAW -> "SELECT " + RAW_DIMS + "," + RAW_HIST + RAW_FROM + " AND t.latency_ms IS NOT NULL"
					+ scope.sqlFilters("t", params);
			case HOURLY -> "SELECT " + hourlyDims + "," + hourlyHist
					+ HOURLY_FROM.replace("FROM traces_hourly r", hourlyTable) + scope.sqlFilters("r", params);
			case MIXED -> "SELECT " + hourlyDims + "," + hourlyHist
					+ HOURLY_EDGES_FROM.replace("FROM traces_hourly r", hourlyTable) + scope.sqlFilters("r", params)
					+ "\nUNION ALL\nSELECT " + DAILY_DIMS + "," + ROLLUP_HIST
					+ DAILY_FROM.replace("FROM traces_daily r", "FROM traces_daily r" + lateral)
					+ scope.sqlFilters("r", params);
		};
	}

	private static void window(Source source, Map<String, Object> params) {
		params.put("ws", null);
		params.put("from", at(source.from()));
		params.put("to", at(source.to()));
		Instant hourFrom = source.from().truncatedTo(ChronoUnit.HOURS);
		params.put("hour_from", at(hourFrom));
		params.put("hour_to", at(source.to()));
		Instant dayFrom = hourFrom.truncatedTo(ChronoUnit.DAYS);
		if (dayFrom.isBefore(hourFrom)) {
			dayFrom = dayFrom.plus(1, ChronoUnit.DAYS);
		}
		Instant dayTo = source.to().truncatedTo(ChronoUnit.DAYS);
		if (dayTo.isBefore(dayFrom)) {
			dayTo = dayFrom;
		}
		params.put("day_from", at(dayFrom));
		params.put("day_to", at(dayTo));
	}

	private static String select(List<Dim> dims) {
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < dims.size(); i++) {
			sql.append(dims.get(i).expression()).append(" AS d").append(i).append(", ");
		}
		return sql.toString();
	}

	private static String groupBy(List<Dim> dims) {
		return dims.isEmpty() ? "" : "\nGROUP BY " + groupList(dims, null);
	}

	private static String groupList(List<Dim> dims, String extra) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < dims.size(); i++) {
			items.add(String.valueOf(i + 1));
		}
		if (extra != null) {
			items.add(extra);
		}
		return String.join(", ", items);
	}

	private static List<Object> keys(ResultSet rs, List<Dim> dims) throws SQLException {
		List<Object> key = new ArrayList<>(dims.size());
		for (int i = 0; i < dims.size(); i++) {
			Object value = rs.getObject("d" + i);
			if (value instanceof Timestamp ts) {
				value = ts.toInstant();
			}
			else if (value instanceof java.time.OffsetDateTime odt) {
				value = odt.toInstant();
			}
			key.add(value);
		}
		return key;
	}

	/** An instant as a UTC {@code OffsetDateTime}, which the driver binds as {@code timestamptz}. */
	public static java.time.OffsetDateTime at(Instant instant) {
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
