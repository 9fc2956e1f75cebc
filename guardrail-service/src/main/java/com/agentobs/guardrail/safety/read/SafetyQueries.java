package com.agentobs.guardrail.safety.read;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Safety tab's reads over {@code guardrail_violations}, {@code guardrail_check_log_hourly},
 * {@code guardrail_policies}, the agent-hour rollup (requests) and the audit trail. Callers run
 * inside a workspace transaction; every statement also filters on the workspace. The standard
 * filters (range, department, environment, agent) apply to every violation read.
 */
@Repository
class SafetyQueries {

	/** The violations matching the standard filters: appended to every violation statement. */
	private static final String VIOLATION_FILTERS = "\n" + """
			 v.workspace_id = :ws AND v.detected_at >= :from AND v.detected_at < :to
			 AND (CAST(:department AS text) IS NULL OR v.department_code = :department)
			 AND (CAST(:environment AS text) IS NULL OR v.environment = :environment)
			 AND (CAST(:agent AS text) IS NULL OR v.agent_id = :agent)""";

	private static final String OVERVIEW = """
			SELECT count(*) AS total,
			       count(*) FILTER (WHERE v.action_taken = 'blocked') AS blocked,
			       count(*) FILTER (WHERE v.action_taken = 'redacted') AS redacted,
			       count(*) FILTER (WHERE v.category = 'pii') AS pii,
			       count(*) FILTER (WHERE v.is_false_positive) AS false_positives,
			       count(DISTINCT v.trace_id) FILTER (WHERE v.trace_id IS NOT NULL AND NOT v.is_false_positive) AS violating_traces
			FROM guardrail_violations v WHERE""" + VIOLATION_FILTERS;

	private static final String REQUESTS = """
			SELECT COALESCE(sum(h.trace_count), 0) FROM traces_agent_hourly h
			LEFT JOIN departments d ON d.id = h.department_id AND d.workspace_id = h.workspace_id
			WHERE h.workspace_id = :ws AND h.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND h.hour < :to
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR h.environment = :environment)
			  AND (CAST(:agent AS text) IS NULL OR h.agent_id = :agent)""";

	private static final String CHECKS = """
			SELECT COALESCE(sum(c.checks), 0) AS checks, COALESCE(sum(c.blocked), 0) AS blocked,
			       COALESCE(sum(c.redacted), 0) AS redacted, COALESCE(sum(c.flagged), 0) AS flagged,
			       (SELECT array_agg(s ORDER BY i) FROM (
			            SELECT i, sum(c2.latency_buckets[i]) AS s
			            FROM guardrail_check_log_hourly c2, generate_series(1, 9) i
			            WHERE c2.workspace_id = :ws AND c2.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND c2.hour < :to
			              AND (CAST(:agent AS text) IS NULL OR c2.agent_id = :agent)
			            GROUP BY i) b) AS buckets
			FROM guardrail_check_log_hourly c
			WHERE c.workspace_id = :ws AND c.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND c.hour < :to
			  AND (CAST(:agent AS text) IS NULL OR c.agent_id = :agent)""";

	private static final String TRENDS = """
			SELECT date_bin(CAST(:bucket AS interval), v.detected_at, TIMESTAMPTZ '2000-01-01') AS bucket, v.category,
			       count(*) AS n
			FROM guardrail_violations v WHERE""" + VIOLATION_FILTERS + """

			GROUP BY 1, 2 ORDER BY 1, 2""";

	private static final String BY_DEPARTMENT = """
			WITH v AS (
			    SELECT COALESCE(v.department_code, 'unassigned') AS department, count(*) AS violations,
			           count(*) FILTER (WHERE v.action_taken = 'blocked') AS blocked,
			           count(DISTINCT v.trace_id) FILTER (WHERE v.trace_id IS NOT NULL AND NOT v.is_false_positive) AS traces
			    FROM guardrail_violations v WHERE""" + VIOLATION_FILTERS + """

			    GROUP BY 1),
			r AS (
			    SELECT COALESCE(d.department_code, 'unassigned') AS department, sum(h.trace_count) AS requests
			    FROM traces_agent_hourly h
			    LEFT JOIN departments d ON d.id = h.department_id AND d.workspace_id = h.workspace_id
			    WHERE h.workspace_id = :ws AND h.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND h.hour < :to
			      AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			      AND (CAST(:environment AS text) IS NULL OR h.environment = :environment)
			      AND (CAST(:agent AS text) IS NULL OR h.agent_id = :agent)
			    GROUP BY 1)
			SELECT COALESCE(r.department, v.department) AS department, COALESCE(r.requests, 0) AS requests,
			       COALESCE(v.violations, 0) AS violations, COALESCE(v.blocked, 0) AS blocked, COALESCE(v.traces, 0) AS traces
			FROM r FULL JOIN v ON v.department = r.department
			ORDER BY 1""";

	private static final String EFFECTIVENESS = """
			SELECT p.id, p.name, p.policy_type, p.enforcement_mode, p.is_active,
			       count(v.id) AS detected,
			       count(v.id) FILTER (WHERE v.action_taken = 'blocked') AS blocked,
			       count(v.id) FILTER (WHERE v.action_taken = 'redacted') AS redacted,
			       count(v.id) FILTER (WHERE v.action_taken = 'flagged') AS flagged,
			       count(v.id) FILTER (WHERE v.is_false_positive) AS false_positives
			FROM guardrail_policies p
			LEFT JOIN guardrail_violations v ON v.policy_id = p.id AND""" + VIOLATION_FILTERS + """

			WHERE p.workspace_id = :ws
			GROUP BY p.id, p.name, p.policy_type, p.enforcement_mode, p.is_active
			ORDER BY detected DESC, p.name""";

	private static final String HEATMAP = """
			SELECT COALESCE(v.department_code, 'unassigned') AS department, v.violation_type, count(*) AS n
			FROM guardrail_violations v WHERE""" + VIOLATION_FILTERS + """

			GROUP BY 1, 2 ORDER BY 1, 2""";

	private static final String TOP_AGENTS = """
			SELECT v.agent_id, max(v.department_code) AS department, count(*) AS violations,
			       count(*) FILTER (WHERE v.severity = 'critical') AS critical,
			       count(*) FILTER (WHERE v.action_taken = 'blocked') AS blocked,
			       mode() WITHIN GROUP (ORDER BY v.violation_type) AS top_type,
			       bool_or(a.is_quarantined) AS quarantined
			FROM guardrail_violations v
			LEFT JOIN agents a ON a.workspace_id = v.workspace_id AND a.agent_id = v.agent_id
			WHERE""" + VIOLATION_FILTERS + """
			 AND NOT v.is_false_positive
			GROUP BY v.agent_id ORDER BY violations DESC, v.agent_id LIMIT :limit""";

	private static final String VIOLATIONS = """
			SELECT v.id, v.detected_at, v.trace_id, v.agent_id, v.department_code, v.environment, v.policy_id, p.name AS policy_name,
			       v.violation_type, v.category, v.severity, v.action_taken, v.confidence, v.source, v.direction,
			       v.is_false_positive, v.reviewed_by, v.details ->> 'excerpt' AS excerpt, count(*) OVER () AS total
			FROM guardrail_violations v LEFT JOIN guardrail_policies p ON p.id = v.policy_id AND p.workspace_id = v.workspace_id
			WHERE""" + VIOLATION_FILTERS + """
			 AND (CAST(:type AS text) IS NULL OR v.violation_type = :type OR v.category = :type)
			 AND (CAST(:severity AS text) IS NULL OR v.severity = :severity)
			ORDER BY v.detected_at DESC, v.id LIMIT :limit OFFSET :offset""";

	private static final String COVERAGE = """
			SELECT COALESCE(d.department_code, 'unassigned') AS department, a.agent_id, a.environment
			FROM agents a LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws
			ORDER BY 1, 2""";

	private static final String AUDIT = """
			SELECT action_id, action_type, status, actor_subject, target_type, target_id,
			       action_params ->> 'reason' AS reason, created_at,
			       count(*) OVER () AS total
			FROM action_audit_log
			WHERE workspace_id = :ws AND created_at >= :from AND created_at < :to
			  AND (action_type LIKE 'guardrail_policy.%' OR action_type LIKE 'violation.%'
			       OR action_type IN ('agent.quarantine', 'agent.release')
			       OR target_type IN ('guardrail_policy', 'violation'))
			ORDER BY created_at DESC LIMIT :limit OFFSET :offset""";

	private final JdbcClient jdbc;

	SafetyQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private JdbcClient.StatementSpec bind(String sql, StandardFilters f) {
		return this.jdbc.sql(sql)
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()))
			.param("department", f.department())
			.param("environment", f.environment())
			.param("agent", f.agentId());
	}

	Map<String, Object> overview(StandardFilters f) {
		return bind(OVERVIEW, f).query().singleRow();
	}

	long requests(StandardFilters f) {
		return bind(REQUESTS, f).query(Long.class).single();
	}

	Map<String, Object> checks(StandardFilters f) {
		return bind(CHECKS, f).query().singleRow();
	}

	List<Map<String, Object>> trends(StandardFilters f, String bucket) {
		return bind(TRENDS, f).param("bucket", bucket).query().listOfRows();
	}

	List<Map<String, Object>> byDepartment(StandardFilters f) {
		return bind(BY_DEPARTMENT, f).query().listOfRows();
	}

	List<Map<String, Object>> effectiveness(StandardFilters f) {
		return bind(EFFECTIVENESS, f).query().listOfRows();
	}

	List<Map<String, Object>> heatmap(StandardFilters f) {
		return bind(HEATMAP, f).query().listOfRows();
	}

	List<Map<String, Object>> topAgents(StandardFilters f, int limit) {
		return bind(TOP_AGENTS, f).param("limit", limit).query().listOfRows();
	}

	List<Map<String, Object>> violations(StandardFilters f, String type, String severity) {
		return bind(VIOLATIONS, f).param("type", type)
			.param("severity", severity)
			.param("limit", f.limit())
			.param("offset", f.offset())
			.query()
			.listOfRows();
	}

	List<Map<String, Object>> agents(StandardFilters f) {
		return this.jdbc.sql(COVERAGE).param("ws", f.workspaceId()).query().listOfRows();
	}

	List<Map<String, Object>> audit(StandardFilters f, int limit, int offset) {
		return this.jdbc.sql(AUDIT)
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()))
			.param("limit", limit)
			.param("offset", offset)
			.query()
			.listOfRows();
	}

	/** Rows with snake_case keys as returned, minus the window total. */
	static List<Map<String, Object>> withoutTotal(List<Map<String, Object>> rows) {
		List<Map<String, Object>> out = new ArrayList<>(rows.size());
		for (Map<String, Object> row : rows) {
			Map<String, Object> copy = new LinkedHashMap<>(row);
			copy.remove("total");
			out.add(copy);
		}
		return out;
	}

}
