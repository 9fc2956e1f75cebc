package com.agentobs.alert.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * the same rule on both sides.
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

	private final JdbcClient jdbc;

	WindowReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Measures of [to − window, to) per group of {@code groupBy}, within the equality filters. */
	Map<Scope, WindowCounts> read(UUID ws, String groupBy, Map<String, String> filters, Instant to, Duration window,
			int slowThresholdMs, boolean withHistogram) {
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
		Map<Scope, WindowCounts> groups = new HashMap<>();
		this.jdbc.sql(SUMS).params(params).query((rs) -> {
			Scope scope = Scope.of(groupBy, rs.getString("agent_id"), rs.getString("department"),
					rs.getString("environment"));
			WindowCounts counts = new WindowCounts(rs.getLong("n"), rs.getLong("bad"), rs.getLong("fast"),
					rs.getDouble("lat"), rs.getDouble("cost"), rs.getLong("tokens"), null);
			groups.merge(scope, counts, WindowCounts::plus);
		});
		if (withHistogram) {
			Map<Scope, LatencyHistogram> hist = new HashMap<>();
			this.jdbc.sql(HISTOGRAM).params(params).query((rs) -> {
				Scope scope = Scope.of(groupBy, rs.getString("agent_id"), rs.getString("department"),
						rs.getString("environment"));
				hist.computeIfAbsent(scope, (s) -> new LatencyHistogram()).add(rs.getInt("b"), rs.getLong("c"));
			});
			hist.forEach((scope, h) -> groups.computeIfPresent(scope,
					(s, c) -> new WindowCounts(c.total(), c.bad(), c.fast(), c.latencySumMs(), c.costUsd(), c.tokens(),
							h)));
		}
		return groups;
	}

	/** Hourly request counts and measures for the anomaly baseline (whole past hours, rollups only). */
	List<HourRow> hours(UUID ws, Map<String, String> filters, List<Instant> hours) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", ws);
		params.put("hours", hours.stream().map(Timestamp::from).toList());
		params.put("dept", filters.get("department"));
		params.put("env", filters.get("environment"));
		params.put("agent", filters.get("agent_id"));
		return this.jdbc.sql(HOURS).params(params)
			.query((rs, n) -> new HourRow(rs.getTimestamp("hour").toInstant(), rs.getString("agent_id"),
					rs.getString("department"), rs.getString("environment"),
					new WindowCounts(rs.getLong("n"), rs.getLong("bad"), 0, rs.getDouble("lat"), rs.getDouble("cost"),
							rs.getLong("tokens"), null)))
			.list();
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

}
