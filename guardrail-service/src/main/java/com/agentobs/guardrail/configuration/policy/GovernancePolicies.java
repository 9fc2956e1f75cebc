package com.agentobs.guardrail.configuration.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code policies}: the governance rules of a workspace. */
@Repository
class GovernancePolicies {

	// GET /api/v1/policies (one row)
	record Policy(UUID id, String name, String description, String changeRule, String complianceRule, String effect,
			int requiredApprovals, String severity, Map<String, List<String>> scope, String mode, boolean isActive,
			int version, String createdBySubject, Instant createdAt, Instant updatedAt) {

		/** The policy applies to an agent of this department and environment (empty lists match all). */
		boolean covers(String department, String environment) {
			List<String> departments = this.scope.getOrDefault("departments", List.of());
			List<String> environments = this.scope.getOrDefault("environments", List.of());
			return (departments.isEmpty() || departments.contains(department))
					&& (environments.isEmpty() || environments.contains(environment));
		}

	}

	private static final String COLUMNS = """
			SELECT id, name, description, change_rule, compliance_rule, effect, required_approvals, severity,
			       scope::text AS scope, mode, is_active, version, created_by_subject, created_at, updated_at
			FROM policies""";

	private static final String ALL = COLUMNS + " WHERE workspace_id = :ws ORDER BY name";

	private static final String ACTIVE = COLUMNS + " WHERE workspace_id = :ws AND is_active ORDER BY name";

	private static final String BY_ID = COLUMNS + " WHERE workspace_id = :ws AND id = :id";

	private static final String LOCK = BY_ID + " FOR UPDATE";

	private static final String BY_NAME = "SELECT id FROM policies WHERE workspace_id = :ws AND name = :name";

	private static final String INSERT = """
			INSERT INTO policies (workspace_id, name, description, change_rule, compliance_rule, effect, required_approvals,
			                      severity, scope, mode, is_active, created_by_subject)
			VALUES (:ws, :name, :description, :change_rule, :compliance_rule, :effect, :required, :severity,
			        CAST(:scope AS jsonb), :mode, :active, :subject)
			RETURNING id""";

	private static final String UPDATE = """
			UPDATE policies SET name = :name, description = :description, change_rule = :change_rule,
			       compliance_rule = :compliance_rule, effect = :effect, required_approvals = :required,
			       severity = :severity, scope = CAST(:scope AS jsonb), mode = :mode, is_active = :active,
			       version = version + 1, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final TypeReference<Map<String, List<String>>> SCOPE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	GovernancePolicies(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	List<Policy> all(UUID ws) {
		return this.jdbc.sql(ALL).param("ws", ws).query(this::map).list();
	}

	List<Policy> active(UUID ws) {
		return this.jdbc.sql(ACTIVE).param("ws", ws).query(this::map).list();
	}

	Optional<Policy> find(UUID ws, UUID id) {
		return this.jdbc.sql(BY_ID).param("ws", ws).param("id", id).query(this::map).optional();
	}

	Optional<Policy> lock(UUID ws, UUID id) {
		return this.jdbc.sql(LOCK).param("ws", ws).param("id", id).query(this::map).optional();
	}

	Optional<UUID> idByName(UUID ws, String name) {
		return this.jdbc.sql(BY_NAME).param("ws", ws).param("name", name).query(UUID.class).optional();
	}

	UUID insert(UUID ws, Policy p, String subject) {
		return bind(this.jdbc.sql(INSERT), ws, p).param("subject", subject).query(UUID.class).single();
	}

	void update(UUID ws, UUID id, Policy p) {
		bind(this.jdbc.sql(UPDATE), ws, p).param("id", id).update();
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, UUID ws, Policy p) {
		return spec.param("ws", ws)
			.param("name", p.name())
			.param("description", p.description())
			.param("change_rule", p.changeRule())
			.param("compliance_rule", p.complianceRule())
			.param("effect", p.effect())
			.param("required", p.requiredApprovals())
			.param("severity", p.severity())
			.param("scope", this.mapper.writeValueAsString(p.scope()))
			.param("mode", p.mode())
			.param("active", p.isActive());
	}

	private Policy map(ResultSet rs, int n) throws SQLException {
		return new Policy(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("change_rule"), rs.getString("compliance_rule"), rs.getString("effect"),
				rs.getInt("required_approvals"), rs.getString("severity"),
				this.mapper.readValue(rs.getString("scope"), SCOPE), rs.getString("mode"), rs.getBoolean("is_active"),
				rs.getInt("version"), rs.getString("created_by_subject"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
