package com.agentobs.guardrail.configuration.rbac;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code role_assignments} and the base roles in {@code workspace_members}. */
@Repository
class RoleAssignments {

	// GET /api/v1/rbac/assignments (one row)
	record Assignment(UUID id, UUID userId, String email, String role, String departmentCode, Instant startsAt,
			Instant expiresAt, String reason, String grantedBySubject, Instant revokedAt, String status) {
	}

	// GET /api/v1/rbac/matrix (one row: a member, the base role and every grant)
	record Member(UUID userId, String email, String displayName, String baseRole) {
	}

	private static final String COLUMNS = """
			SELECT r.id, r.user_id, u.email, r.role, r.department_code, r.starts_at, r.expires_at, r.reason,
			       r.granted_by_subject, r.revoked_at,
			       CASE WHEN r.revoked_at IS NOT NULL THEN 'revoked'
			            WHEN r.expires_at IS NOT NULL AND r.expires_at <= :now THEN 'expired'
			            WHEN r.starts_at > :now THEN 'scheduled' ELSE 'active' END AS status
			FROM role_assignments r JOIN users u ON u.id = r.user_id
			""";

	private static final String LIST = COLUMNS + """
			WHERE r.workspace_id = :ws AND (:include_inactive OR (r.revoked_at IS NULL
			      AND (r.expires_at IS NULL OR r.expires_at > :now)))
			ORDER BY u.email, r.role DESC, r.department_code NULLS FIRST""";

	private static final String BY_ID = COLUMNS + " WHERE r.workspace_id = :ws AND r.id = :id";

	private static final String IN_FORCE = """
			SELECT r.role FROM role_assignments r
			WHERE r.workspace_id = :ws AND r.user_id = :user AND r.revoked_at IS NULL AND r.starts_at <= :now
			  AND (r.expires_at IS NULL OR r.expires_at > :now)
			  AND (r.department_code IS NULL OR r.department_code = CAST(:department AS text))""";

	private static final String BASE_ROLE = """
			SELECT role FROM workspace_members WHERE workspace_id = :ws AND user_id = :user""";

	private static final String MEMBERS = """
			SELECT m.user_id, u.email, u.display_name, m.role FROM workspace_members m JOIN users u ON u.id = m.user_id
			WHERE m.workspace_id = :ws ORDER BY u.email""";

	private static final String INSERT = """
			INSERT INTO role_assignments (workspace_id, user_id, role, department_code, starts_at, expires_at, reason,
			                              granted_by_subject)
			VALUES (:ws, :user, :role, :department, :starts, :expires, :reason, :subject) RETURNING id""";

	private static final String SET_REVOKED = """
			UPDATE role_assignments SET revoked_at = CAST(:at AS timestamptz), revoked_by_subject = :subject, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String LOCK = "SELECT id FROM role_assignments WHERE workspace_id = :ws AND id = :id FOR UPDATE";

	private final JdbcClient jdbc;

	RoleAssignments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Assignment> list(UUID ws, boolean includeInactive, Instant now) {
		return this.jdbc.sql(LIST)
			.param("ws", ws)
			.param("include_inactive", includeInactive)
			.param("now", Timestamp.from(now))
			.query(RoleAssignments::map)
			.list();
	}

	Optional<Assignment> find(UUID ws, UUID id, Instant now) {
		return this.jdbc.sql(BY_ID).param("ws", ws).param("id", id).param("now", Timestamp.from(now))
			.query(RoleAssignments::map).optional();
	}

	void lock(UUID ws, UUID id) {
		this.jdbc.sql(LOCK).param("ws", ws).param("id", id).query(UUID.class).optional();
	}

	List<String> rolesInForce(UUID ws, UUID userId, String department, Instant now) {
		return this.jdbc.sql(IN_FORCE)
			.param("ws", ws)
			.param("user", userId)
			.param("department", department)
			.param("now", Timestamp.from(now))
			.query(String.class)
			.list();
	}

	Optional<String> baseRole(UUID ws, UUID userId) {
		return this.jdbc.sql(BASE_ROLE).param("ws", ws).param("user", userId).query(String.class).optional();
	}

	List<Member> members(UUID ws) {
		return this.jdbc.sql(MEMBERS)
			.param("ws", ws)
			.query((rs, n) -> new Member(rs.getObject("user_id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getString("role")))
			.list();
	}

	UUID insert(UUID ws, UUID userId, String role, String department, Instant startsAt, Instant expiresAt,
			String reason, String subject) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("user", userId)
			.param("role", role)
			.param("department", department)
			.param("starts", Timestamp.from(startsAt))
			.param("expires", (expiresAt != null) ? Timestamp.from(expiresAt) : null)
			.param("reason", reason)
			.param("subject", subject)
			.query(UUID.class)
			.single();
	}

	void setRevoked(UUID ws, UUID id, Instant at, String subject) {
		this.jdbc.sql(SET_REVOKED)
			.param("ws", ws)
			.param("id", id)
			.param("at", (at != null) ? Timestamp.from(at) : null)
			.param("subject", subject)
			.update();
	}

	private static Assignment map(ResultSet rs, int n) throws SQLException {
		return new Assignment(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getString("email"), rs.getString("role"), rs.getString("department_code"),
				instant(rs, "starts_at"), instant(rs, "expires_at"), rs.getString("reason"),
				rs.getString("granted_by_subject"), instant(rs, "revoked_at"), rs.getString("status"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
