package com.agentobs.gateway.workspace;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code workspace_members} of one workspace (row-level security scoped), and a user's workspaces. Blocking. */
@Repository
class MembershipRepository {

	private static final String MY_WORKSPACES = """
			SELECT workspace_id, workspace_slug, workspace_name, role FROM agentobs_user_memberships(?)
			""";

	private static final String MEMBERS = """
			SELECT m.user_id, u.email, u.display_name, m.role, m.created_at
			FROM workspace_members m JOIN users u ON u.id = m.user_id
			WHERE m.workspace_id = ? ORDER BY lower(u.email)
			""";

	private static final String MEMBER = """
			SELECT m.user_id, u.email, u.display_name, m.role, m.created_at
			FROM workspace_members m JOIN users u ON u.id = m.user_id
			WHERE m.workspace_id = ? AND m.user_id = ?
			""";

	private static final String UPDATE_ROLE = """
			UPDATE workspace_members SET role = ?, updated_at = NOW() WHERE workspace_id = ? AND user_id = ?
			""";

	private static final String DELETE = """
			DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?
			""";

	private static final String ADMINS = """
			SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND role = 'admin'
			""";

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	MembershipRepository(JdbcClient jdbc, WorkspaceTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	List<WorkspaceRow> workspacesOf(UUID userId) {
		return this.jdbc.sql(MY_WORKSPACES)
			.param(userId)
			.query((rs, n) -> new WorkspaceRow(rs.getObject("workspace_id", UUID.class), rs.getString("workspace_slug"),
					rs.getString("workspace_name"), rs.getString("role")))
			.list();
	}

	List<MemberRow> members(UUID workspaceId) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(MEMBERS).param(workspaceId).query(MembershipRepository::member).list());
	}

	Optional<MemberRow> find(UUID workspaceId, UUID userId) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(MEMBER).params(workspaceId, userId).query(MembershipRepository::member).optional());
	}

	/**
	 * Applies a change unless it would leave the workspace without an admin; runs in one
	 * transaction so two concurrent demotions cannot both pass the check.
	 */
	Outcome change(UUID workspaceId, UUID userId, String newRole) {
		return this.transactions.inWorkspace(workspaceId, () -> {
			Optional<MemberRow> member = this.jdbc.sql(MEMBER + " FOR UPDATE OF m")
				.params(workspaceId, userId)
				.query(MembershipRepository::member)
				.optional();
			if (member.isEmpty()) {
				return Outcome.NOT_FOUND;
			}
			boolean losesAdmin = "admin".equals(member.get().role()) && !"admin".equals(newRole);
			if (losesAdmin) {
				long admins = this.jdbc.sql(ADMINS).param(workspaceId).query(Long.class).single();
				if (admins <= 1) {
					return Outcome.LAST_ADMIN;
				}
			}
			if (newRole == null) {
				this.jdbc.sql(DELETE).params(workspaceId, userId).update();
			}
			else {
				this.jdbc.sql(UPDATE_ROLE).params(newRole, workspaceId, userId).update();
			}
			return Outcome.DONE;
		});
	}

	private static MemberRow member(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new MemberRow(rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("role"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	enum Outcome {

		DONE, NOT_FOUND, LAST_ADMIN

	}

	record WorkspaceRow(UUID workspaceId, String slug, String name, String role) {
	}

	record MemberRow(UUID userId, String email, String displayName, String role, Instant memberSince) {
	}

}
