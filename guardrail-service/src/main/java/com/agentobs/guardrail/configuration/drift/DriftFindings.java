package com.agentobs.guardrail.configuration.drift;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code config_drift_checks}: the current finding per agent and drift kind. */
@Repository
class DriftFindings {

	static final String DESIRED_VS_OBSERVED = "desired_vs_observed";

	static final String ENV_VS_PRODUCTION = "env_vs_production";

	record Finding(UUID agentId, String driftKind, boolean drifted, List<String> paths, String desiredHash,
			String observedHash, UUID comparedAgentId, Instant checkedAt) {
	}

	record Row(String agentKey, String logicalKey, String environment, String departmentCode, String driftKind, boolean drifted,
			List<String> paths, String desiredHash, String observedHash, String comparedAgentKey,
			Instant firstDetectedAt, Instant resolvedAt, Instant checkedAt) {
	}

	private static final String UPSERT = """
			INSERT INTO config_drift_checks (workspace_id, agent_id, drift_kind, is_drifted, drifted_paths, desired_hash,
			                                 observed_hash, compared_agent_id, first_detected_at, checked_at)
			VALUES (:ws, :agent, :kind, :drifted, CAST(:paths AS jsonb), :desired, :observed, :compared,
			        CASE WHEN :drifted THEN CAST(:at AS timestamptz) END, :at)
			ON CONFLICT (workspace_id, agent_id, drift_kind) DO UPDATE
			    SET is_drifted = EXCLUDED.is_drifted, drifted_paths = EXCLUDED.drifted_paths,
			        desired_hash = EXCLUDED.desired_hash, observed_hash = EXCLUDED.observed_hash,
			        compared_agent_id = EXCLUDED.compared_agent_id, checked_at = EXCLUDED.checked_at,
			        first_detected_at = CASE WHEN NOT EXCLUDED.is_drifted THEN NULL
			                                 WHEN config_drift_checks.is_drifted THEN config_drift_checks.first_detected_at
			                                 ELSE EXCLUDED.checked_at END,
			        resolved_at = CASE WHEN EXCLUDED.is_drifted THEN NULL
			                           WHEN config_drift_checks.is_drifted THEN EXCLUDED.checked_at
			                           ELSE config_drift_checks.resolved_at END,
			        updated_at = NOW()""";

	private static final String LIST = """
			SELECT a.agent_id AS agent_key, COALESCE(a.logical_agent_key, a.agent_id) AS logical_key, a.environment, d.department_code, c.drift_kind, c.is_drifted,
			       c.drifted_paths::text AS paths, c.desired_hash, c.observed_hash, p.agent_id AS compared_key,
			       c.first_detected_at, c.resolved_at, c.checked_at
			FROM config_drift_checks c
			JOIN agents a ON a.id = c.agent_id AND a.workspace_id = c.workspace_id
			LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			LEFT JOIN agents p ON p.id = c.compared_agent_id AND p.workspace_id = c.workspace_id
			WHERE c.workspace_id = :ws
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR a.environment = :environment)
			ORDER BY a.agent_id, c.drift_kind""";

	private static final String DRIFTED_KINDS = """
			SELECT drift_kind FROM config_drift_checks WHERE workspace_id = :ws AND agent_id = :agent AND is_drifted""";

	private static final TypeReference<List<String>> PATHS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	DriftFindings(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	void upsert(UUID ws, Finding f) {
		this.jdbc.sql(UPSERT)
			.param("ws", ws)
			.param("agent", f.agentId())
			.param("kind", f.driftKind())
			.param("drifted", f.drifted())
			.param("paths", this.mapper.writeValueAsString(f.paths()))
			.param("desired", f.desiredHash())
			.param("observed", f.observedHash())
			.param("compared", f.comparedAgentId())
			.param("at", Timestamp.from(f.checkedAt()))
			.update();
	}

	List<String> driftedKinds(UUID ws, UUID agentId) {
		return this.jdbc.sql(DRIFTED_KINDS).param("ws", ws).param("agent", agentId).query(String.class).list();
	}

	List<Row> list(UUID ws, String department, String environment) {
		return this.jdbc.sql(LIST)
			.param("ws", ws)
			.param("department", department)
			.param("environment", environment)
			.query((rs, n) -> new Row(rs.getString("agent_key"), rs.getString("logical_key"), rs.getString("environment"),
					rs.getString("department_code"), rs.getString("drift_kind"), rs.getBoolean("is_drifted"),
					this.mapper.readValue(rs.getString("paths"), PATHS), rs.getString("desired_hash"),
					rs.getString("observed_hash"), rs.getString("compared_key"), instant(rs.getObject("first_detected_at", OffsetDateTime.class)),
					instant(rs.getObject("resolved_at", OffsetDateTime.class)),
					instant(rs.getObject("checked_at", OffsetDateTime.class))))
			.list();
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
