package com.agentobs.query.home;

import java.sql.Timestamp;
import java.time.Instant;
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
			       sum(poor_count) AS poor
			FROM evaluation_rollups_hourly
			WHERE workspace_id = :ws AND hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND hour < :to
			  AND evaluator <> 'human'
			  AND (CAST(:department AS text) IS NULL OR department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)""";

	/** The average (null when nothing was scored) and the four bands' counts. */
	record Quality(Double average, long scored, Map<String, Long> bands) {
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
				count(row.get("good")), "fair", count(row.get("fair")), "poor", count(row.get("poor"))));
	}

	private static long count(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

}
