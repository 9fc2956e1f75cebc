package com.agentobs.contracts.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens that already passed signature, issuer and expiry checks, remembered until
 * they expire, so a client that reuses its token (every agent, every dashboard) costs a map
 * lookup instead of an RSA signature check and a JSON parse per request. A JWT cannot be
 * revoked before its {@code exp} anyway, so this changes what is accepted in no way; an entry
 * is never served past {@code exp} (nor before {@code nbf}). Bounded: cleared when full.
 */
public final class VerifiedTokens {

	private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final int maxEntries;

	private final Clock clock;

	public VerifiedTokens(int maxEntries, Clock clock) {
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	/** The verified token, or {@code null} when unknown, expired or not yet valid. */
	public Jwt get(String token) {
		Jwt known = this.tokens.get(token);
		if (known == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (known.getExpiresAt().isAfter(now) && (known.getNotBefore() == null || !known.getNotBefore().isAfter(now))) {
			return known;
		}
		this.tokens.remove(token, known);
		return null;
	}

	/** Remembers a token that just verified (tokens without {@code exp} are not kept). */
	public Jwt remember(String token, Jwt verified) {
		if (this.maxEntries > 0 && verified.getExpiresAt() != null) {
			if (this.tokens.size() >= this.maxEntries) {
				this.tokens.clear();
			}
			this.tokens.put(token, verified);
		}
		return verified;
	}

}
