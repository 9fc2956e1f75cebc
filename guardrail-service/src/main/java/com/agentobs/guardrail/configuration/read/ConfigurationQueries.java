package com.agentobs.guardrail.configuration.read;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tab's aggregate reads: KPIs, the fleet version timeline (10.2) and change velocity (10.7). */
@Repository
class ConfigurationQueries {

	// GET /api/v1/config/overview
	record Overview(long agents, long agentsInDrift, long desiredVsObserved, long envVsProduction,
			long pendingApprovals, long expiringWithinDay, Double policyCompliancePct, long changes7d,
			long changesPrevious7d, Double medianApprovalHours, Instant lastDriftCheck) {
	}

	// GET /api/v1/config/timeline (one point)
	record TimelineEntry(UUID versionId, String agentId, String department, String environment, int versionNumber,
			String status, String changeSummary, String createdBySubject, UUID actionId, Instant createdAt,
			String configHash) {
	}

	// GET /api/v1/config/velocity (one cell)
	record VelocityCell(Instant day, String department, long changes, long approvalsRequested) {
	}

	private static final String OVERVIEW = """
			SELECT
			  (SELECT COUNT(*) FROM agents WHERE workspace_id = :ws) AS agents,
			  (SELECT COUNT(DISTINCT agent_id) FROM config_drift_checks WHERE workspace_id = :ws AND is_drifted) AS drifted,
			  (SELECT COUNT(*) FROM config_drift_checks WHERE workspace_id = :ws AND is_drifted
			     AND drift_kind = 'desired_vs_observed') AS dvo,
			  (SELECT COUNT(*) FROM config_drift_checks WHERE workspace_id = :ws AND is_drifted
			     AND drift_kind = 'env_vs_production') AS evp,
			  (SELECT COUNT(*) FROM change_approvals WHERE workspace_id = :ws AND status = 'pending' AND expires_at > :now) AS pending,
			  (SELECT COUNT(*) FROM change_approvals WHERE workspace_id = :ws AND status = 'pending' AND expires_at > :now
			     AND expires_at <= CAST(:now AS timestamptz) + INTERVAL '1 day') AS expiring,
			  (SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE is_compliant) / NULLIF(COUNT(*), 0), 1)
			     FROM policy_evaluations WHERE workspace_id = :ws) AS compliance,
			  (SELECT COUNT(*) FROM config_versions WHERE workspace_id = :ws
			     AND created_at > CAST(:now AS timestamptz) - INTERVAL '7 days') AS changes7,
			  (SELECT COUNT(*) FROM config_versions WHERE workspace_id = :ws
			     AND created_at > CAST(:now AS timestamptz) - INTERVAL '14 days'
			     AND created_at <= CAST(:now AS timestamptz) - INTERVAL '7 days') AS changes_prev,
			  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM decided_at - created_at) / 3600.0)
			     FROM change_approvals WHERE workspace_id = :ws AND status = 'approved' AND decided_at IS NOT NULL) AS median_hours,
			  (SELECT MAX(checked_at) FROM config_drift_checks WHERE workspace_id = :ws) AS last_check""";

	private static final String TIMELINE = """
			SELECT v.id, a.agent_id, d.department_code, v.environment, v.version_number, v.status, v.change_summary,
			       v.created_by_subject, v.action_id, v.created_at, v.config_hash
			FROM config_versions v
			JOIN agents a ON a.id = v.agent_id AND a.workspace_id = v.workspace_id
			LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE v.workspace_id = :ws AND v.created_at >= :from AND v.created_at < :to
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR a.environment = :environment)
			  AND (CAST(:agent AS text) IS NULL OR a.agent_id = :agent)
			ORDER BY v.created_at DESC
			LIMIT :limit""";

	private static final String VELOCITY = """
			WITH changes AS (
			    SELECT date_trunc('day', v.created_at) AS day, COALESCE(d.department_code, 'unassigned') AS department,
			           COUNT(*) AS n
			    FROM config_versions v
			    JOIN agents a ON a.id = v.agent_id AND a.workspace_id = v.workspace_id
			    LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			    WHERE v.workspace_id = :ws AND v.created_at >= :from AND v.created_at < :to
			      AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			    GROUP BY 1, 2),
			requests AS (
			    SELECT date_trunc('day', c.created_at) AS day, COALESCE(c.department_code, 'unassigned') AS department,
			           COUNT(*) AS n
			    FROM change_approvals c
			    WHERE c.workspace_id = :ws AND c.created_at >= :from AND c.created_at < :to
			      AND (CAST(:department AS text) IS NULL OR c.department_code = :department)
			    GROUP BY 1, 2)
			SELECT COALESCE(c.day, r.day) AS day, COALESCE(c.department, r.department) AS department,
			       COALESCE(c.n, 0) AS changes, COALESCE(r.n, 0) AS requests
			FROM changes c FULL JOIN requests r ON r.day = c.day AND r.department = c.department
			ORDER BY 1, 2""";

	private final JdbcClient jdbc;

	ConfigurationQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Overview overview(UUID ws, Instant now) {
		return this.jdbc.sql(OVERVIEW).param("ws", ws).param("now", Timestamp.from(now)).query((rs, n) -> {
			OffsetDateTime last = rs.getObject("last_check", OffsetDateTime.class);
			double median = rs.getDouble("median_hours");
			Double medianHours = rs.wasNull() ? null : Math.round(median * 10) / 10.0;
			double compliance = rs.getDouble("compliance");
			Double compliancePct = rs.wasNull() ? null : compliance;
			return new Overview(rs.getLong("agents"), rs.getLong("drifted"), rs.getLong("dvo"), rs.getLong("evp"),
					rs.getLong("pending"), rs.getLong("expiring"), compliancePct, rs.getLong("changes7"),
					rs.getLong("changes_prev"), medianHours, (last != null) ? last.toInstant() : null);
		}).single();
	}

	List<TimelineEntry> timeline(UUID ws, Instant from, Instant to, String department, String environment,
			String agent, int limit) {
		return this.jdbc.sql(TIMELINE)
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("department", department)
			.param("environment", environment)
			.param("agent", agent)
			.param("limit", limit)
			.query((rs, n) -> new TimelineEntry(rs.getObject("id", UUID.class), rs.getString("agent_id"),
					rs.getString("department_code"), rs.getString("environment"), rs.getInt("version_number"),
					rs.getString("status"), rs.getString("change_summary"), rs.getString("created_by_subject"),
					rs.getObject("action_id", UUID.class), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getString("config_hash")))
			.list();
	}

	List<VelocityCell> velocity(UUID ws, Instant from, Instant to, String department) {
		return this.jdbc.sql(VELOCITY)
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("department", department)
			.query((rs, n) -> new VelocityCell(rs.getObject("day", OffsetDateTime.class).toInstant(),
					rs.getString("department"), rs.getLong("changes"), rs.getLong("requests")))
			.list();
	}

}
