package com.agentobs.alert.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.histogram.LatencyHistogram;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a window's measures per group: whole hours from {@code traces_agent_hourly}, and only the
 * two partial edge hours (at most one hour each) from raw {@code traces}, so a 3-day window reads
 * 72 rollup hours and never 3 days of raw traces, and the window is exact to the millisecond.
 * "Fast" requests (latency SLO) are those whose latency bucket lies below the threshold's bucket,
 * the same rule on both sides. Guardrail violations (the violation rate) have no hourly rollup:
 * they are counted from {@code guardrail_violations} over the window only when a rule needs them,
 * through its (workspace, detected_at) index; false positives are left out.
 */
@Repository
class WindowReader {

	private static final String FILTERS = """
			AND (CAST(:dept AS text) IS NULL OR d.department_code = :dept)
			AND (CAST(:env AS text) IS NULL OR %1$s.environment = :env)
			AND (CAST(:agent AS text) IS NULL OR %1$s.agent_id = :agent)
			""";

	private static final String SUMS = """
			SELECT agent_id, department, environment, sum(n) AS n, sum(bad) AS bad, sum(fast) AS fast,
			    sum(lat) AS lat, sum(cost) AS cost, sum(tokens) AS tokens
			FROM (
			    SELECT t.agent_id, d.department_code AS department, t.environment, sum(t.sample_rate) AS n,
			        sum(t.sample_rate) FILTER (WHERE t.status <> 'success') AS bad,
			        sum(t.sample_rate) FILTER (WHERE agentobs_latency_bucket(t.latency_ms) < agentobs_latency_bucket(CAST(:slowMs AS double precision))) AS fast,
			        sum(t.latency_ms::numeric * t.sample_rate) AS lat, sum(t.cost_usd * t.sample_rate) AS cost,
			        sum(t.tokens_total::numeric * t.sample_rate) AS tokens
			    FROM traces t LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			    WHERE t.workspace_id = :ws
			      AND ((t.timestamp >= :from AND t.timestamp < :hStart) OR (t.timestamp >= :hEnd AND t.timestamp < :to))
			""" + FILTERS.formatted("t") + """
			    GROUP BY 1, 2, 3
			    UNION ALL
			    SELECT r.agent_id, d.department_code, r.environment, sum(r.trace_count), sum(r.trace_count - r.success_count),
			        sum((SELECT coalesce(sum(h.c), 0) FROM unnest(r.hist_buckets, r.hist_counts) AS h(b, c)
			             WHERE h.b < agentobs_latency_bucket(CAST(:slowMs AS double precision)))),
			        sum(r.latency_sum_ms), sum(r.total_cost), sum(r.total_tokens)
			    FROM traces_agent_hourly r LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			    WHERE r.workspace_id = :ws AND r.hour >= :hStart AND r.hour < :hEnd
			""" + FILTERS.formatted("r") + """
			    GROUP BY 1, 2, 3
			) x
			GROUP BY 1, 2, 3
			""";

	private static final String HISTOGRAM = """
			SELECT agent_id, department, environment, b, sum(c) AS c
			FROM (
			    SELECT t.agent_id, d.department_code AS department, t.environment,
			        agentobs_latency_bucket(t.latency_ms) AS b, sum(t.sample_rate) AS c
			    FROM traces t LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			    WHERE t.workspace_id = :ws AND t.latency_ms IS NOT NULL
			      AND ((t.timestamp >= :from AND t.timestamp < :hStart) OR (t.timestamp >= :hEnd AND t.timestamp < :to))
			""" + FILTERS.formatted("t") + """
			    GROUP BY 1, 2, 3, 4
			    UNION ALL
			    SELECT r.agent_id, d.department_code, r.environment, h.b, sum(h.c)
			    FROM traces_agent_hourly r LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			        CROSS JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) AS h(b, c)
			    WHERE r.workspace_id = :ws AND r.hour >= :hStart AND r.hour < :hEnd
			""" + FILTERS.formatted("r") + """
			    GROUP BY 1, 2, 3, 4
			) x
			GROUP BY 1, 2, 3, 4
			""";

	private static final String VIOLATION_FILTERS = """
			AND NOT v.is_false_positive
			AND (CAST(:dept AS text) IS NULL OR v.department_code = :dept)
			AND (CAST(:env AS text) IS NULL OR v.environment = :env)
			AND (CAST(:agent AS text) IS NULL OR v.agent_id = :agent)
			""";

	private static final String VIOLATIONS = """
			SELECT v.agent_id, v.department_code AS department, v.environment, count(*) AS n
			FROM guardrail_violations v
			WHERE v.workspace_id = :ws AND v.detected_at >= :from AND v.detected_at < :to
			""" + VIOLATION_FILTERS + """
			GROUP BY 1, 2, 3
			""";

	/** One index range per baseline hour (never a scan of the four weeks between them). */
	private static final String HOURLY_VIOLATIONS = """
			SELECT h.hour, v.agent_id, v.department_code AS department, v.environment, count(*) AS n
			FROM unnest(CAST(ARRAY[:hours] AS timestamptz[])) AS h(hour)
			JOIN guardrail_violations v ON v.workspace_id = :ws AND v.detected_at >= h.hour
			    AND v.detected_at < h.hour + INTERVAL '1 hour'
			WHERE TRUE
			""" + VIOLATION_FILTERS + """
			GROUP BY 1, 2, 3, 4
			""";

	private final JdbcClient jdbc;

	WindowReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Measures of [to − window, to) per group of {@code groupBy}, within the equality filters;
	 * {@code measure} (null: none) says whether the latency histogram or the violations are needed.
	 */
	Map<Scope, WindowCounts> read(UUID ws, String groupBy, Map<String, String> filters, Instant to, Duration window,
			int slowThresholdMs, String measure) {
		boolean withHistogram = "p90_latency_ms".equals(measure);
		Map<String, Object> params = windowParams(ws, filters, to, window, slowThresholdMs);
		Map<Scope, WindowCounts> groups = new HashMap<>();
		for (Row row : sums(params)) {
			groups.merge(Scope.of(groupBy, row.agentId(), row.department(), row.environment()), row.counts(),
					WindowCounts::plus);
		}
		if (withHistogram) {
			Map<Scope, LatencyHistogram> hist = new HashMap<>();
			this.jdbc.sql(HISTOGRAM).params(params).query((rs) -> {
				Scope scope = Scope.of(groupBy, rs.getString("agent_id"), rs.getString("department"),
						rs.getString("environment"));
				hist.computeIfAbsent(scope, (s) -> new LatencyHistogram()).add(rs.getInt("b"), rs.getLong("c"));
			});
			hist.forEach((scope, h) -> groups.computeIfPresent(scope, (s, c) -> c.withHistogram(h)));
		}
		if ("violation_rate".equals(measure)) {
			this.jdbc.sql(VIOLATIONS).params(params).query((rs) -> {
				Scope scope = Scope.of(groupBy, rs.getString("agent_id"), rs.getString("department"),
						rs.getString("environment"));
				groups.merge(scope, WindowCounts.EMPTY.plusViolations(rs.getLong("n")), WindowCounts::plus);
			});
		}
		return groups;
	}

	/** The request and cost measures of [to − window, to), one row per (agent, department, environment). */
	List<Row> rows(UUID ws, Map<String, String> filters, Instant to, Duration window) {
		return sums(windowParams(ws, filters, to, window, 5000));
	}

	private List<Row> sums(Map<String, Object> params) {
		return this.jdbc.sql(SUMS).params(params)
			.query((rs, n) -> new Row(rs.getString("agent_id"), rs.getString("department"), rs.getString("environment"),
					new WindowCounts(rs.getLong("n"), rs.getLong("bad"), rs.getLong("fast"), rs.getDouble("lat"),
							rs.getDouble("cost"), rs.getLong("tokens"), null, 0)))
			.list();
	}

	private static Map<String, Object> windowParams(UUID ws, Map<String, String> filters, Instant to, Duration window,
			int slowThresholdMs) {
		Instant from = to.minus(window);
		Instant hStart = from.truncatedTo(ChronoUnit.HOURS);
		if (hStart.isBefore(from)) {
			hStart = hStart.plus(1, ChronoUnit.HOURS);
		}
		Instant hEnd = to.truncatedTo(ChronoUnit.HOURS);
		if (!hStart.isBefore(hEnd)) {
			// the window lies within one or two partial hours: raw traces only
			hStart = to;
			hEnd = to;
		}
		Map<String, Object> params = new HashMap<>();
		params.put("ws", ws);
		params.put("from", Timestamp.from(from));
		params.put("to", Timestamp.from(to));
		params.put("hStart", Timestamp.from(hStart));
		params.put("hEnd", Timestamp.from(hEnd));
		params.put("slowMs", slowThresholdMs);
		params.put("dept", filters.get("department"));
		params.put("env", filters.get("environment"));
		params.put("agent", filters.get("agent_id"));
		return params;
	}

	/** Hourly request counts and measures for the anomaly baseline (whole past hours; violations when {@code measure} needs them). */
	List<HourRow> hours(UUID ws, Map<String, String> filters, List<Instant> hours, String measure) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", ws);
		params.put("hours", hours.stream().map(Timestamp::from).toList());
		params.put("dept", filters.get("department"));
		params.put("env", filters.get("environment"));
		params.put("agent", filters.get("agent_id"));
		List<HourRow> rows = new ArrayList<>(this.jdbc.sql(HOURS).params(params)
			.query((rs, n) -> new HourRow(rs.getTimestamp("hour").toInstant(), rs.getString("agent_id"),
					rs.getString("department"), rs.getString("environment"),
					new WindowCounts(rs.getLong("n"), rs.getLong("bad"), 0, rs.getDouble("lat"), rs.getDouble("cost"),
							rs.getLong("tokens"), null, 0)))
			.list());
		if ("violation_rate".equals(measure)) {
			rows.addAll(this.jdbc.sql(HOURLY_VIOLATIONS).params(params)
				.query((rs, n) -> new HourRow(rs.getTimestamp("hour").toInstant(), rs.getString("agent_id"),
						rs.getString("department"), rs.getString("environment"),
						WindowCounts.EMPTY.plusViolations(rs.getLong("n"))))
				.list());
		}
		return rows;
	}

	private static final String HOURS = """
			SELECT r.hour, r.agent_id, d.department_code AS department, r.environment, sum(r.trace_count) AS n,
			    sum(r.trace_count - r.success_count) AS bad, sum(r.latency_sum_ms) AS lat, sum(r.total_cost) AS cost,
			    sum(r.total_tokens) AS tokens
			FROM traces_agent_hourly r LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			WHERE r.workspace_id = :ws AND r.hour IN (:hours)
			""" + FILTERS.formatted("r") + """
			GROUP BY 1, 2, 3, 4
			""";

	record HourRow(Instant hour, String agentId, String department, String environment, WindowCounts counts) {
	}

	record Row(String agentId, String department, String environment, WindowCounts counts) {
	}

}
