package com.agentobs.contracts.security;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the workspace and scopes of an {@code X-API-Key} by its hash, through the SECURITY
 * DEFINER function {@code agentobs_find_api_key}. Every agent also gets {@code config:read}.
 * Lookups, found or not, are cached for {@code cacheTtl}: a revoked key stops working within that time.
 */
public final class ApiKeyLookup {

	private static final String FIND_KEY = """
			SELECT api_key_id, workspace_id, scopes, revoked_at FROM agentobs_find_api_key(?)
			""";

	/** A key that is valid now: its id, its workspace and the permissions it grants. */
	public record Grant(UUID apiKeyId, UUID workspaceId, List<String> permissions) {
	}

	private record KeyRow(UUID apiKeyId, UUID workspaceId, List<String> permissions, boolean revoked) {
	}

	private record Cached(Optional<Grant> grant, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	private final Duration cacheTtl;

	private final Clock clock;

	private final java.util.Map<String, Cached> cache = new ConcurrentHashMap<>();

	public ApiKeyLookup(JdbcClient jdbc, Duration cacheTtl, Clock clock) {
		this.jdbc = jdbc;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	/** How long a lookup is reused. */
	public Duration cacheTtl() {
		return this.cacheTtl;
	}

	/** The grant of {@code key}, or empty when no such key exists or it was revoked. */
	public Optional<Grant> find(String key) {
		String hash = ApiKeys.sha256Hex(key);
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(hash);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.grant();
		}
		Optional<Grant> grant = this.jdbc.sql(FIND_KEY)
			.param(hash)
			.query((rs, row) -> new KeyRow(rs.getObject("api_key_id", UUID.class),
					rs.getObject("workspace_id", UUID.class), permissions(rs.getArray("scopes")),
					rs.getTimestamp("revoked_at") != null))
			.optional()
			.filter((found) -> !found.revoked())
			.map((found) -> new Grant(found.apiKeyId(), found.workspaceId(), found.permissions()));
		if (this.cache.size() > 10_000) {
			this.cache.clear();
		}
		this.cache.put(hash, new Cached(grant, now.plus(this.cacheTtl)));
		return grant;
	}

	private static List<String> permissions(java.sql.Array scopes) throws SQLException {
		Set<String> permissions = new LinkedHashSet<>();
		if (scopes != null) {
			permissions.addAll(List.of((String[]) scopes.getArray()));
		}
		permissions.add(TokenClaims.PERMISSION_CONFIG_READ);
		return List.copyOf(permissions);
	}

}
