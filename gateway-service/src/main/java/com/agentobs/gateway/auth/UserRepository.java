package com.agentobs.gateway.auth;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code users} (platform accounts, not tenant-scoped) and a user's memberships through the
 * {@code agentobs_user_memberships} lookup (it spans workspaces, so it cannot run under one
 * workspace's row-level security). Blocking.
 */
@Repository
class UserRepository {

	private static final String FIND_BY_EMAIL = """
			SELECT id, email, display_name, password_hash, is_active FROM users WHERE lower(email) = lower(?)
			""";

	private static final String FIND_BY_ID = """
			SELECT id, email, display_name, password_hash, is_active FROM users WHERE id = ?
			""";

	private static final String MEMBERSHIPS = """
			SELECT workspace_id, workspace_slug, workspace_name, role FROM agentobs_user_memberships(?)
			""";

	private static final String RECORD_LOGIN = """
			UPDATE users SET last_login_at = NOW() WHERE id = ?
			""";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UserRow> findByEmail(String email) {
		return this.jdbc.sql(FIND_BY_EMAIL).param(email).query(UserRepository::user).optional();
	}

	Optional<UserRow> findById(UUID id) {
		return this.jdbc.sql(FIND_BY_ID).param(id).query(UserRepository::user).optional();
	}

	List<Membership> memberships(UUID userId) {
		return this.jdbc.sql(MEMBERSHIPS)
			.param(userId)
			.query((rs, n) -> new Membership(rs.getObject("workspace_id", UUID.class), rs.getString("workspace_slug"),
					rs.getString("workspace_name"), rs.getString("role")))
			.list();
	}

	void recordLogin(UUID userId) {
		this.jdbc.sql(RECORD_LOGIN).param(userId).update();
	}

	private static UserRow user(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("password_hash"), rs.getBoolean("is_active"));
	}

	record UserRow(UUID id, String email, String displayName, String passwordHash, boolean active) {
	}

	record Membership(UUID workspaceId, String slug, String name, String role) {
	}

}
