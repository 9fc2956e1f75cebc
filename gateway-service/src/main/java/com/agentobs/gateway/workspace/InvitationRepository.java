package com.agentobs.gateway.workspace;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code workspace_invitations}: an admin's side (one workspace, row-level security scoped) and the
 * invited user's side (their own invitations across workspaces through {@code agentobs_user_invitations},
 * then accepted inside the invitation's workspace). Blocking.
 */
@Repository
class InvitationRepository {

	private static final String IS_MEMBER = """
			SELECT EXISTS (SELECT 1 FROM workspace_members m JOIN users u ON u.id = m.user_id
			               WHERE m.workspace_id = ? AND lower(u.email) = ?)
			""";

	/** Inviting again while an invitation is pending refreshes it (role, inviter, expiry). */
	private static final String UPSERT = """
			INSERT INTO workspace_invitations (workspace_id, email, role, invited_by, expires_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (workspace_id, email) WHERE status = 'pending'
			DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, expires_at = EXCLUDED.expires_at,
			              updated_at = NOW()
			RETURNING id, email, role, status, created_at, expires_at
			""";

	private static final String PENDING = """
			SELECT id, email, role, status, created_at, expires_at FROM workspace_invitations
			WHERE workspace_id = ? AND status = 'pending' ORDER BY created_at DESC, id
			""";

	private static final String REVOKE = """
			UPDATE workspace_invitations SET status = 'revoked', responded_at = NOW(), updated_at = NOW()
			WHERE workspace_id = ? AND id = ? AND status = 'pending'
			""";

	private static final String USER_INVITATIONS = """
			SELECT invitation_id, workspace_id, workspace_slug, workspace_name, role, invited_at, expires_at
			FROM agentobs_user_invitations(?)
			""";

	/** Only an invitation addressed to this user's e-mail, pending and unexpired, can be answered. */
	private static final String RESPOND = """
			UPDATE workspace_invitations i
			SET status = ?, accepted_by = CASE WHEN ? = 'accepted' THEN u.id END, responded_at = NOW(), updated_at = NOW()
			FROM users u
			WHERE i.workspace_id = ? AND i.id = ? AND i.status = 'pending' AND i.expires_at > NOW()
			  AND u.id = ? AND u.is_active AND i.email = lower(u.email)
			RETURNING i.role
			""";

	private static final String ADD_MEMBER = """
			INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id, user_id) DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	InvitationRepository(JdbcClient jdbc, WorkspaceTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Empty when the e-mail already belongs to a member of the workspace. */
	Optional<InvitationRow> invite(UUID workspaceId, String email, String role, UUID invitedBy, Instant expiresAt) {
		String normalised = normalise(email);
		return this.transactions.inWorkspace(workspaceId, () -> {
			if (this.jdbc.sql(IS_MEMBER).params(workspaceId, normalised).query(Boolean.class).single()) {
				return Optional.<InvitationRow>empty();
			}
			return Optional.of(this.jdbc.sql(UPSERT)
				.params(workspaceId, normalised, role, invitedBy, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
				.query(InvitationRepository::invitation)
				.single());
		});
	}

	List<InvitationRow> pending(UUID workspaceId) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(PENDING).param(workspaceId).query(InvitationRepository::invitation).list());
	}

	boolean revoke(UUID workspaceId, UUID invitationId) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(REVOKE).params(workspaceId, invitationId).update() == 1);
	}

	List<UserInvitationRow> forUser(UUID userId) {
		return this.jdbc.sql(USER_INVITATIONS)
			.param(userId)
			.query((rs, n) -> new UserInvitationRow(rs.getObject("invitation_id", UUID.class),
					rs.getObject("workspace_id", UUID.class), rs.getString("workspace_slug"),
					rs.getString("workspace_name"), rs.getString("role"),
					rs.getObject("invited_at", OffsetDateTime.class).toInstant(),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Accepts (adding the membership in the same transaction) or declines the user's invitation;
	 * empty when there is no such pending invitation for this user.
	 */
	Optional<UserInvitationRow> respond(UUID userId, UUID invitationId, boolean accept) {
		Optional<UserInvitationRow> invitation = forUser(userId).stream()
			.filter((i) -> i.invitationId().equals(invitationId))
			.findFirst();
		if (invitation.isEmpty()) {
			return Optional.empty();
		}
		UUID workspaceId = invitation.get().workspaceId();
		String status = accept ? "accepted" : "declined";
		return this.transactions.inWorkspace(workspaceId, () -> {
			Optional<String> role = this.jdbc.sql(RESPOND)
				.params(status, status, workspaceId, invitationId, userId)
				.query(String.class)
				.optional();
			if (role.isPresent() && accept) {
				this.jdbc.sql(ADD_MEMBER).params(workspaceId, userId, role.get()).update();
			}
			return role.map((r) -> invitation.get());
		});
	}

	static String normalise(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private static InvitationRow invitation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new InvitationRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("role"),
				rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant());
	}

	// GET /api/v1/workspaces/{workspace_id}/invitations, POST /api/v1/workspaces/{workspace_id}/members
	record InvitationRow(UUID invitationId, String email, String role, String status, Instant invitedAt,
			Instant expiresAt) {
	}

	// GET /api/v1/invitations, POST /api/v1/invitations/{invitation_id}/accept
	record UserInvitationRow(UUID invitationId, UUID workspaceId, String workspaceSlug, String workspaceName,
			String role, Instant invitedAt, Instant expiresAt) {
	}

}
