package com.agentobs.gateway.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code refresh_tokens}: stored by hash, rotated within a family, revoked by family. Blocking. */
@Repository
class RefreshTokenRepository {

	private static final String INSERT = """
			INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String LOCK_BY_HASH = """
			SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = ? FOR UPDATE
			""";

	private static final String MARK_ROTATED = """
			UPDATE refresh_tokens SET revoked_at = NOW(), replaced_by = ?, updated_at = NOW() WHERE id = ?
			""";

	private static final String REVOKE_FAMILY = """
			UPDATE refresh_tokens SET revoked_at = NOW(), updated_at = NOW()
			WHERE family_id = ? AND revoked_at IS NULL
			""";

	private static final String REVOKE_FAMILY_OF_HASH = """
			UPDATE refresh_tokens SET revoked_at = NOW(), updated_at = NOW()
			WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?) AND revoked_at IS NULL
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	RefreshTokenRepository(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	void insert(UUID userId, UUID familyId, String hash, Instant expiresAt, String ip, String userAgent) {
		this.jdbc.sql(INSERT)
			.params(UUID.randomUUID(), userId, familyId, hash, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC), ip,
					truncate(userAgent, 255))
			.update();
	}

	/**
	 * Replaces a live token by a new one of the same family in one transaction and returns
	 * its user. A token already rotated or revoked revokes its whole family (a stolen token
	 * was replayed, or the legitimate client was); empty when the token is unusable.
	 */
	Optional<UUID> rotate(String oldHash, String newHash, Instant now, Instant newExpiresAt, String ip,
			String userAgent) {
		return this.transactions.execute((status) -> {
			Optional<Stored> stored = this.jdbc.sql(LOCK_BY_HASH)
				.param(oldHash)
				.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
						rs.getObject("family_id", UUID.class), rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
						rs.getObject("revoked_at") != null))
				.optional();
			if (stored.isEmpty()) {
				return Optional.<UUID>empty();
			}
			Stored token = stored.get();
			if (token.revoked()) {
				this.jdbc.sql(REVOKE_FAMILY).param(token.familyId()).update();
				return Optional.<UUID>empty();
			}
			if (!token.expiresAt().isAfter(now)) {
				return Optional.<UUID>empty();
			}
			UUID newId = UUID.randomUUID();
			this.jdbc.sql(INSERT)
				.params(newId, token.userId(), token.familyId(), newHash,
						OffsetDateTime.ofInstant(newExpiresAt, ZoneOffset.UTC), ip, truncate(userAgent, 255))
				.update();
			this.jdbc.sql(MARK_ROTATED).params(newId, token.id()).update();
			return Optional.of(token.userId());
		});
	}

	void revokeFamilyOf(String hash) {
		this.jdbc.sql(REVOKE_FAMILY_OF_HASH).param(hash).update();
	}

	private static String truncate(String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

	private record Stored(UUID id, UUID userId, UUID familyId, Instant expiresAt, boolean revoked) {
	}

}
