package com.agentobs.query.home;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fleet's average quality score over a window, from evaluation-service's hourly rollup
 * ({@code evaluation_rollups_hourly}, whole hours): machine evaluators only (human reviews are
 * the ground truth reviewers compare against, not a sample of the traffic), with the standard
 * filters and the score bands. Callers run inside a workspace transaction.
 */
@Repository
class QualityRollup {

	private static final String AVERAGE = """
			SELECT sum(score_sum) / NULLIF(sum(score_count), 0) AS average, sum(score_count) AS scored,
			       sum(excellent_count) AS excellent, sum(good_count) AS good, sum(fair_count) AS fair,
			       sum(poor_count) AS poor, sum(pass_count) AS passed
			FROM evaluation_rollups_hourly
			WHERE workspace_id = :ws AND hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND hour < :to
			  AND evaluator <> 'human'
			  AND (CAST(:department AS text) IS NULL OR department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)""";

	/** Score sums per hour, by agent or department (null for the fleet): the heatmap's and SLO row's Q terms. */
	private static final String CELLS = """
			SELECT %s AS key, hour, sum(score_sum) AS total, sum(score_count) AS scored, sum(pass_count) AS passed
			FROM evaluation_rollups_hourly
			WHERE workspace_id = :ws AND hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND hour < :to
			  AND evaluator <> 'human' AND score_count > 0
			  AND (CAST(:department AS text) IS NULL OR department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)
			GROUP BY 1, 2""";

	/** The average (null when nothing was scored), the four bands' counts and how many passed. */
	record Quality(Double average, long scored, Map<String, Long> bands, long passed) {
	}

	/** One hour's scores of one key (agent id, department code, or "" for the fleet). */
	record Cell(String key, Instant hour, double total, long scored, long passed) {
	}

	/** What to group the hourly cells by. */
	enum By {

		FLEET("''"), AGENT("agent_id"), DEPARTMENT("department_code");

		private final String column;

		By(String column) {
			this.column = column;
		}

	}

	private final JdbcClient jdbc;

	QualityRollup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Quality read(StandardFilters f, Instant from, Instant to) {
		Map<String, Object> row = this.jdbc.sql(AVERAGE)
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("department", f.department())
			.param("environment", f.environment())
			.param("version", f.version())
			.param("agent", f.agentId())
			.query()
			.singleRow();
		Double average = (row.get("average") instanceof Number n) ? Math.round(n.doubleValue() * 10) / 10.0 : null;
		return new Quality(average, count(row.get("scored")), Map.of("excellent", count(row.get("excellent")), "good",
				count(row.get("good")), "fair", count(row.get("fair")), "poor", count(row.get("poor"))),
				count(row.get("passed")));
	}

	/** The scored hours of [from, to) per key; keys without a score are absent. */
	Map<String, List<Cell>> cells(StandardFilters f, Instant from, Instant to, By by) {
		Map<String, List<Cell>> cells = new HashMap<>();
		this.jdbc.sql(CELLS.formatted(by.column))
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("department", f.department())
			.param("environment", f.environment())
			.param("version", f.version())
			.param("agent", f.agentId())
			.query((rs, i) -> new Cell(rs.getString("key"), rs.getTimestamp("hour").toInstant(),
					rs.getDouble("total"), rs.getLong("scored"), rs.getLong("passed")))
			.list()
			.forEach((c) -> cells.computeIfAbsent((c.key() != null) ? c.key() : "", (k) -> new ArrayList<>()).add(c));
		return cells;
	}

	/**
	 * The average score of a bucket [start, start + width): every scored hour overlapping it counts
	 * (the rollup is hourly, so a 5-minute bucket takes its hour's average). Null when none.
	 */
	static Double average(List<Cell> cells, Instant start, Duration width) {
		if (cells == null) {
			return null;
		}
		Instant end = start.plus(width);
		double total = 0;
		long scored = 0;
		for (Cell c : cells) {
			if (c.hour().isBefore(end) && c.hour().plus(Duration.ofHours(1)).isAfter(start)) {
				total += c.total();
				scored += c.scored();
			}
		}
		return (scored == 0) ? null : Math.round(10 * total / scored) / 10.0;
	}

	/** The average over every cell (null when none scored). */
	static Double average(List<Cell> cells) {
		if (cells == null) {
			return null;
		}
		double total = cells.stream().mapToDouble(Cell::total).sum();
		long scored = cells.stream().mapToLong(Cell::scored).sum();
		return (scored == 0) ? null : Math.round(10 * total / scored) / 10.0;
	}

	private static long count(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

}
