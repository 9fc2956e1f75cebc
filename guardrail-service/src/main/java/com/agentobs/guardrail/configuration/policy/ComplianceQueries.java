package com.agentobs.guardrail.configuration.policy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code policy_evaluations} for chart 10.4 and the compliance KPI. */
@Repository
class ComplianceQueries {

	record Cell(UUID policyId, String policyName, String severity, String effect, String department, long evaluated,
			long compliant) {
	}

	record Violation(UUID policyId, String policyName, String agentId, String department, String environment,
			String error, Instant evaluatedAt) {
	}

	private static final String CELLS = """
			SELECT p.id, p.name, p.severity, p.effect, COALESCE(d.department_code, 'unassigned') AS department,
			       COUNT(*) AS evaluated, COUNT(*) FILTER (WHERE e.is_compliant) AS compliant
			FROM policy_evaluations e
			JOIN policies p ON p.id = e.policy_id AND p.workspace_id = e.workspace_id
			JOIN agents a ON a.id = e.agent_id AND a.workspace_id = e.workspace_id
			LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE e.workspace_id = :ws
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR a.environment = :environment)
			GROUP BY p.id, p.name, p.severity, p.effect, COALESCE(d.department_code, 'unassigned')
			ORDER BY p.name, department""";

	private static final String VIOLATIONS = """
			SELECT p.id, p.name, a.agent_id, d.department_code, a.environment, e.error, e.evaluated_at
			FROM policy_evaluations e
			JOIN policies p ON p.id = e.policy_id AND p.workspace_id = e.workspace_id
			JOIN agents a ON a.id = e.agent_id AND a.workspace_id = e.workspace_id
			LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE e.workspace_id = :ws AND NOT e.is_compliant
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR a.environment = :environment)
			ORDER BY p.name, a.agent_id
			LIMIT 500""";

	private static final String LAST_EVALUATED = """
			SELECT MAX(evaluated_at) FROM policy_evaluations WHERE workspace_id = :ws""";

	private final JdbcClient jdbc;

	ComplianceQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Cell> cells(UUID ws, String department, String environment) {
		return this.jdbc.sql(CELLS)
			.param("ws", ws)
			.param("department", department)
			.param("environment", environment)
			.query((rs, n) -> new Cell(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("severity"),
					rs.getString("effect"), rs.getString("department"), rs.getLong("evaluated"), rs.getLong("compliant")))
			.list();
	}

	List<Violation> violations(UUID ws, String department, String environment) {
		return this.jdbc.sql(VIOLATIONS)
			.param("ws", ws)
			.param("department", department)
			.param("environment", environment)
			.query((rs, n) -> new Violation(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("agent_id"), rs.getString("department_code"), rs.getString("environment"),
					rs.getString("error"), rs.getObject("evaluated_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	Instant lastEvaluated(UUID ws) {
		// MAX over no rows is one NULL row
		List<Instant> at = this.jdbc.sql(LAST_EVALUATED)
			.param("ws", ws)
			.query((rs, n) -> {
				OffsetDateTime value = rs.getObject(1, OffsetDateTime.class);
				return (value != null) ? value.toInstant() : null;
			})
			.list();
		return at.isEmpty() ? null : at.get(0);
	}

}
