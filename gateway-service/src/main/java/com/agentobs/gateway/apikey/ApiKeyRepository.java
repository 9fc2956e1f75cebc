package com.agentobs.gateway.apikey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code api_keys}: workspace-scoped CRUD inside {@link WorkspaceTransactions} (row-level
 * security), and the one cross-tenant lookup by hash through {@code agentobs_find_api_key}.
 * Blocking: callers run it on the bounded elastic scheduler.
 */
@Repository
class ApiKeyRepository {

	private static final String FIND_BY_HASH = """
			SELECT api_key_id, workspace_id, revoked_at FROM agentobs_find_api_key(?)
			""";

	private static final String INSERT = """
			INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash, scopes, created_by)
			VALUES (?, ?, ?, ?, ?::varchar(50)[], ?)
			RETURNING id, created_at
			""";

	private static final String LIST = """
			SELECT id, name, key_prefix, scopes, created_by, created_at, last_used_at, revoked_at
			FROM api_keys WHERE workspace_id = ? ORDER BY created_at DESC, id
			""";

	private static final String FIND = """
			SELECT id, name, key_prefix, scopes, created_by, created_at, last_used_at, revoked_at
			FROM api_keys WHERE workspace_id = ? AND id = ?
			""";

	private static final String REVOKE = """
			UPDATE api_keys SET revoked_at = COALESCE(revoked_at, NOW()), updated_at = NOW()
			WHERE workspace_id = ? AND id = ?
			RETURNING key_hash
			""";

	private static final String TOUCH = """
			UPDATE api_keys SET last_used_at = NOW() WHERE workspace_id = ? AND id = ?
			""";

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	ApiKeyRepository(JdbcClient jdbc, WorkspaceTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	Optional<KeyLookup> findByHash(String hash) {
		return this.jdbc.sql(FIND_BY_HASH)
			.param(hash)
			.query((rs, n) -> new KeyLookup(rs.getObject("api_key_id", UUID.class),
					rs.getObject("workspace_id", UUID.class), rs.getObject("revoked_at") != null))
			.optional();
	}

	ApiKeyRow insert(UUID workspaceId, String name, String prefix, String hash, List<String> scopes, UUID createdBy) {
		return this.transactions.inWorkspace(workspaceId, () -> this.jdbc.sql(INSERT)
			.params(workspaceId, name, prefix, hash, "{" + String.join(",", scopes) + "}", createdBy)
			.query((rs, n) -> new ApiKeyRow(rs.getObject("id", UUID.class), name, prefix, scopes, createdBy,
					instant(rs.getObject("created_at", OffsetDateTime.class)), null, null))
			.single());
	}

	List<ApiKeyRow> list(UUID workspaceId) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(LIST).param(workspaceId).query(ApiKeyRepository::row).list());
	}

	Optional<ApiKeyRow> find(UUID workspaceId, UUID id) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(FIND).params(workspaceId, id).query(ApiKeyRepository::row).optional());
	}

	/** Marks the key revoked (idempotent) and returns its hash, to evict it from the exchange cache. */
	Optional<String> revoke(UUID workspaceId, UUID id) {
		return this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(REVOKE).params(workspaceId, id).query(String.class).optional());
	}

	void touch(UUID workspaceId, UUID id) {
		this.transactions.runInWorkspace(workspaceId, () -> this.jdbc.sql(TOUCH).params(workspaceId, id).update());
	}

	private static ApiKeyRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		java.sql.Array scopes = rs.getArray("scopes");
		return new ApiKeyRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
				(scopes != null) ? List.of((String[]) scopes.getArray()) : List.of(),
				rs.getObject("created_by", UUID.class), instant(rs.getObject("created_at", OffsetDateTime.class)),
				instant(rs.getObject("last_used_at", OffsetDateTime.class)),
				instant(rs.getObject("revoked_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	record KeyLookup(UUID apiKeyId, UUID workspaceId, boolean revoked) {
	}

	record ApiKeyRow(UUID id, String name, String keyPrefix, List<String> scopes, UUID createdBy, Instant createdAt,
			Instant lastUsedAt, Instant revokedAt) {
	}

}
