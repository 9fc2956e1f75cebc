package com.agentobs.ingestion.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.ingestion.system.IngestionProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@code X-API-Key} to its workspace through the SECURITY DEFINER lookup
 * {@code agentobs_find_api_key(sha256_hex(key))} (V005). Until the gateway exchanges keys
 * for tokens this is the ingest path's authentication; lookups are cached for a few
 * seconds at most, so revoking a key takes effect within that time.
 */
@Component
public class ApiKeyAuthenticator {

	public static final String HEADER = "X-API-Key";

	static final String FIND_KEY = """
			SELECT workspace_id, scopes, revoked_at FROM agentobs_find_api_key(?)
			""";

	private static final String INGEST_SCOPE = "ingest";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long ttlMillis;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ApiKeyAuthenticator(JdbcClient jdbc, Clock clock, IngestionProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ttlMillis = properties.auth().keyCacheTtl().toMillis();
	}

	/** The workspace of a valid, unrevoked key with the {@code ingest} scope; 401/403 otherwise. */
	public UUID workspaceFor(String rawKey) {
		if (rawKey == null || rawKey.isBlank()) {
			throw ApiException.unauthenticated("An X-API-Key header is required");
		}
		String hash = sha256Hex(rawKey.trim());
		long now = this.clock.millis();
		Cached cached = this.cache.get(hash);
		if (cached == null || cached.expiresAt < now) {
			if (this.cache.size() > 10_000) {
				this.cache.clear();
			}
			cached = new Cached(lookup(hash), now + this.ttlMillis);
			this.cache.put(hash, cached);
		}
		KeyRecord key = cached.key.orElseThrow(() -> ApiException.unauthenticated("The API key is not valid"));
		if (key.revokedAt != null && !key.revokedAt.isAfter(Instant.ofEpochMilli(now))) {
			throw ApiException.unauthenticated("The API key has been revoked");
		}
		if (!key.scopes.contains(INGEST_SCOPE)) {
			throw ApiException.forbidden("The API key does not have the 'ingest' scope");
		}
		return key.workspaceId;
	}

	private Optional<KeyRecord> lookup(String hash) {
		return this.jdbc.sql(FIND_KEY)
			.param(hash)
			.query((rs, n) -> new KeyRecord(rs.getObject("workspace_id", UUID.class), scopes(rs.getArray("scopes")),
					rs.getTimestamp("revoked_at") != null ? rs.getTimestamp("revoked_at").toInstant() : null))
			.optional();
	}

	private static List<String> scopes(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	/** Lowercase hex SHA-256 of the full secret: how api_keys.key_hash is stored. */
	public static String sha256Hex(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record KeyRecord(UUID workspaceId, List<String> scopes, Instant revokedAt) {
	}

	private record Cached(Optional<KeyRecord> key, long expiresAt) {
	}

}
