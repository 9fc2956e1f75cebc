package com.agentobs.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayProperties;
import com.agentobs.gateway.token.TokenService;
import com.agentobs.gateway.token.TokenService.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Exchanges an {@code X-API-Key} for a short-lived internal agent token scoped to the key's
 * workspace. Lookups (by hash, never by the key) are cached for a few seconds, so a revoked
 * key stops working within that time on every instance (at once on the instance that
 * revoked it); the minted token is reused until shortly before it expires.
 */
@Component
public class ApiKeyExchange {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyExchange.class);

	private static final int MAX_ENTRIES = 10_000;

	private static final Duration TOKEN_REUSE_MARGIN = Duration.ofSeconds(60);

	private final ApiKeyRepository keys;

	private final TokenService tokens;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<String, Entry> cache = new ConcurrentHashMap<>();

	ApiKeyExchange(ApiKeyRepository keys, TokenService tokens, GatewayProperties properties, Clock clock) {
		this.keys = keys;
		this.tokens = tokens;
		this.cacheTtl = properties.tokens().apiKeyCacheTtl();
		this.clock = clock;
	}

	/** The agent identity for a key; 401 {@code UNAUTHENTICATED} for an unknown or revoked key. */
	public Mono<AgentIdentity> exchange(String apiKey) {
		if (!ApiKeyFormat.looksLikeKey(apiKey)) {
			return Mono.error(invalid());
		}
		String hash = ApiKeyFormat.hash(apiKey);
		Instant now = this.clock.instant();
		Entry cached = this.cache.get(hash);
		if (cached != null && cached.checkedUntil().isAfter(now)) {
			return cached.resolve();
		}
		return Blocking.call(() -> this.keys.findByHash(hash)).map((found) -> {
			Entry entry = found.filter((k) -> !k.revoked())
				.map((k) -> new Entry(now.plus(this.cacheTtl), identity(k, cached, now)))
				.orElseGet(() -> new Entry(now.plus(this.cacheTtl), null));
			if (this.cache.size() >= MAX_ENTRIES) {
				this.cache.clear();
			}
			this.cache.put(hash, entry);
			if (entry.identity() != null) {
				touch(entry.identity());
			}
			return entry;
		}).flatMap(Entry::resolve);
	}

	/** Forgets a key at once on this instance (called after revoke and rotate). */
	void evict(String hash) {
		this.cache.remove(hash);
	}

	private AgentIdentity identity(ApiKeyRepository.KeyLookup key, Entry previous, Instant now) {
		if (previous != null && previous.identity() != null && previous.identity().apiKeyId().equals(key.apiKeyId())
				&& previous.identity().expiresAt().isAfter(now.plus(TOKEN_REUSE_MARGIN))) {
			return previous.identity();
		}
		IssuedToken token = this.tokens.mintAgent(key.apiKeyId(), key.workspaceId());
		return new AgentIdentity(key.apiKeyId(), key.workspaceId(), token.value(), token.expiresAt());
	}

	private void touch(AgentIdentity identity) {
		Blocking.run(() -> this.keys.touch(identity.workspaceId(), identity.apiKeyId()))
			.subscribe(null, (ex) -> log.debug("Could not record last use of API key {}", identity.apiKeyId(), ex));
	}

	private static ApiException invalid() {
		return ApiException.unauthenticated("The API key is invalid or revoked");
	}

	public record AgentIdentity(UUID apiKeyId, UUID workspaceId, String token, Instant expiresAt) {
	}

	private record Entry(Instant checkedUntil, AgentIdentity identity) {

		Mono<AgentIdentity> resolve() {
			return (this.identity != null) ? Mono.just(this.identity) : Mono.error(invalid());
		}

	}

}
