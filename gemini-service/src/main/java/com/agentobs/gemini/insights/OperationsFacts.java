package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only SQL for the Quality, Safety, Incidents, Experiments, Configuration and Automations insights, over the same tables their tabs
 * read: the automated evaluators' hourly rollup (whole hours, human reviews excluded), guardrail
 * violations (all of them, as the Safety tab counts them, with those marked false positives) and incidents. Always filtered by the workspace and the
 * standard filters a table has; the previous window is as long as the current one.
 */
@Component
class OperationsFacts {

	private static final String QUALITY = """
			SELECT q.agent_id, q.hour >= :from AS current,
			       COALESCE(SUM(q.score_count), 0) AS scored, COALESCE(SUM(q.score_sum), 0) AS score_sum,
			       COALESCE(SUM(q.pass_count), 0) AS passed, COALESCE(SUM(q.poor_count), 0) AS poor
			FROM evaluation_rollups_hourly q
			WHERE q.workspace_id = :ws AND q.hour >= :previous_from AND q.hour < :to AND q.evaluator <> 'human'
			  AND (CAST(:department AS text) IS NULL OR q.department_code = CAST(:department AS text))
			  AND (CAST(:environment AS text) IS NULL OR q.environment = CAST(:environment AS text))
			  AND (CAST(:version AS text) IS NULL OR q.agent_version = CAST(:version AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR q.agent_id = CAST(:agent_id AS text))
			GROUP BY 1, 2
			ORDER BY 1
			""";

	private static final String VIOLATIONS = """
			SELECT v.agent_id, v.violation_type, v.detected_at >= :from AS current,
			       COUNT(*) AS violations,
			       COUNT(*) FILTER (WHERE v.action_taken = 'blocked') AS blocked,
			       COUNT(*) FILTER (WHERE v.severity IN ('high', 'critical')) AS severe,
			       COUNT(*) FILTER (WHERE v.is_false_positive) AS false_positives
			FROM guardrail_violations v
			WHERE v.workspace_id = :ws AND v.detected_at >= :previous_from AND v.detected_at < :to
			  AND (CAST(:department AS text) IS NULL OR v.department_code = CAST(:department AS text))
			  AND (CAST(:environment AS text) IS NULL OR v.environment = CAST(:environment AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR v.agent_id = CAST(:agent_id AS text))
			GROUP BY 1, 2, 3
			ORDER BY 1, 2
			""";

	private static final String INCIDENTS = """
			SELECT i.severity, i.status, i.cause, i.detected_at >= :from AS current,
			       EXTRACT(EPOCH FROM (i.resolved_at - i.detected_at)) / 60 AS minutes_to_resolve
			FROM incidents i
			WHERE i.workspace_id = :ws AND i.detected_at >= :previous_from AND i.detected_at < :to
			  AND (CAST(:department AS text) IS NULL OR i.department = CAST(:department AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR i.agent_id = CAST(:agent_id AS text))
			ORDER BY i.detected_at, i.id
			""";

	private static final String OPEN_INCIDENTS = """
			SELECT COUNT(*) FROM incidents i
			WHERE i.workspace_id = :ws AND i.status IN ('open', 'acknowledged', 'mitigated')
			  AND (CAST(:department AS text) IS NULL OR i.department = CAST(:department AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR i.agent_id = CAST(:agent_id AS text))
			""";

	private static final String FIRING_ALERTS = """
			SELECT COUNT(*) FROM alerts a
			WHERE a.workspace_id = :ws AND a.status = 'firing'
			  AND (CAST(:department AS text) IS NULL OR a.department = CAST(:department AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR a.agent_id = CAST(:agent_id AS text))
			""";

	/** Experiments and canaries by their current status (agent filter applies). */
	private static final String EXPERIMENT_STATES = """
			SELECT 'experiment' AS kind, e.status, COUNT(*) AS n FROM experiments e
			WHERE e.workspace_id = :ws AND (CAST(:agent_id AS text) IS NULL OR e.agent_id = CAST(:agent_id AS text))
			GROUP BY e.status
			UNION ALL
			SELECT 'canary', c.status, COUNT(*) FROM canaries c
			WHERE c.workspace_id = :ws AND (CAST(:agent_id AS text) IS NULL OR c.agent_id = CAST(:agent_id AS text))
			GROUP BY c.status
			""";

	/** Drifted agents by kind now, and change approvals pending now or requested in the window. */
	private static final String CONFIGURATION_STATES = """
			SELECT 'drift' AS kind, d.drift_kind AS status, COUNT(*) AS n FROM config_drift_checks d
			WHERE d.workspace_id = :ws AND d.is_drifted
			GROUP BY d.drift_kind
			UNION ALL
			SELECT 'drifted_agents', 'any', COUNT(DISTINCT d.agent_id) FROM config_drift_checks d
			WHERE d.workspace_id = :ws AND d.is_drifted
			UNION ALL
			SELECT 'approval', a.status, COUNT(*) FROM change_approvals a
			WHERE a.workspace_id = :ws AND (a.status = 'pending' OR a.created_at >= :from) AND a.created_at < :to
			  AND (CAST(:department AS text) IS NULL OR a.department_code = CAST(:department AS text))
			GROUP BY a.status
			""";

	/** Live playbook executions started in the window by status, and those awaiting approval now. */
	private static final String AUTOMATION_STATES = """
			SELECT 'execution' AS kind, x.status, COUNT(*) AS n FROM playbook_executions x
			WHERE x.workspace_id = :ws AND x.mode = 'live' AND x.created_at >= :from AND x.created_at < :to
			GROUP BY x.status
			UNION ALL
			SELECT 'awaiting_now', 'awaiting_approval', COUNT(*) FROM playbook_executions x
			WHERE x.workspace_id = :ws AND x.status = 'awaiting_approval'
			""";

	/** How many rows of a kind are in a status. */
	record StateCount(String kind, String status, long count) {
	}

	record AgentQuality(String agentId, boolean current, long scored, BigDecimal scoreSum, long passed, long poor) {
	}

	record Violations(String agentId, String type, boolean current, long violations, long blocked, long severe,
			long falsePositives) {
	}

	record Incident(String severity, String status, String cause, boolean current, BigDecimal minutesToResolve) {
	}

	private final JdbcClient jdbc;

	OperationsFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AgentQuality> quality(StandardFilters filters) {
		return window(QUALITY, filters, true)
			.query((rs, n) -> new AgentQuality(rs.getString("agent_id"), rs.getBoolean("current"), rs.getLong("scored"),
					rs.getBigDecimal("score_sum"), rs.getLong("passed"), rs.getLong("poor")))
			.list();
	}

	List<Violations> violations(StandardFilters filters) {
		return window(VIOLATIONS, filters, false)
			.query((rs, n) -> new Violations(rs.getString("agent_id"), rs.getString("violation_type"),
					rs.getBoolean("current"), rs.getLong("violations"), rs.getLong("blocked"), rs.getLong("severe"),
					rs.getLong("false_positives")))
			.list();
	}

	List<Incident> incidents(StandardFilters filters) {
		return window(INCIDENTS, filters, false)
			.query((rs, n) -> new Incident(rs.getString("severity"), rs.getString("status"), rs.getString("cause"),
					rs.getBoolean("current"), rs.getBigDecimal("minutes_to_resolve")))
			.list();
	}

	List<StateCount> experimentStates(StandardFilters filters) {
		return states(EXPERIMENT_STATES, filters);
	}

	List<StateCount> configurationStates(StandardFilters filters) {
		return states(CONFIGURATION_STATES, filters);
	}

	List<StateCount> automationStates(StandardFilters filters) {
		return states(AUTOMATION_STATES, filters);
	}

	private List<StateCount> states(String sql, StandardFilters filters) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql).param("ws", filters.workspaceId());
		if (sql.contains(":agent_id")) {
			spec = spec.param("agent_id", filters.agentId());
		}
		if (sql.contains(":department")) {
			spec = spec.param("department", filters.department());
		}
		if (sql.contains(":from")) {
			spec = spec.param("from", Timestamp.from(filters.from())).param("to", Timestamp.from(filters.to()));
		}
		return spec.query((rs, n) -> new StateCount(rs.getString("kind"), rs.getString("status"), rs.getLong("n")))
			.list();
	}

	long openIncidents(StandardFilters filters) {
		return scoped(OPEN_INCIDENTS, filters).query(Long.class).single();
	}

	long firingAlerts(StandardFilters filters) {
		return scoped(FIRING_ALERTS, filters).query(Long.class).single();
	}

	/** Hourly rollups start at the hour holding {@code from}; event tables at {@code from} itself. */
	private JdbcClient.StatementSpec window(String sql, StandardFilters filters, boolean hourly) {
		Instant from = hourly ? filters.from().truncatedTo(ChronoUnit.HOURS) : filters.from();
		Instant previousFrom = from.minus(Duration.between(from, filters.to()));
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql)
			.param("ws", filters.workspaceId())
			.param("from", Timestamp.from(from))
			.param("previous_from", Timestamp.from(previousFrom))
			.param("to", Timestamp.from(filters.to()))
			.param("department", filters.department())
			.param("agent_id", filters.agentId());
		if (sql.contains(":environment")) {
			spec = spec.param("environment", filters.environment());
		}
		if (sql.contains(":version")) {
			spec = spec.param("version", filters.version());
		}
		return spec;
	}

	private JdbcClient.StatementSpec scoped(String sql, StandardFilters filters) {
		return this.jdbc.sql(sql)
			.param("ws", filters.workspaceId())
			.param("department", filters.department())
			.param("agent_id", filters.agentId());
	}

}
