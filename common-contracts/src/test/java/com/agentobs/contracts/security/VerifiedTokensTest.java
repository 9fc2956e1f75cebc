package com.agentobs.contracts.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

	private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

	private static Jwt jwt(Instant notBefore, Instant expiresAt) {
		Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(NOW.minusSeconds(60));
		if (notBefore != null) {
			builder.notBefore(notBefore);
		}
		if (expiresAt != null) {
			builder.expiresAt(expiresAt);
		}
		return builder.build();
	}

	private static VerifiedTokens at(Instant now, int size) {
		return new VerifiedTokens(size, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void rememberedToken_isServedUntilItsExpiry_andNotFromItsExpiryOn() {
		Jwt verified = jwt(null, NOW.plusSeconds(60));
		VerifiedTokens before = at(NOW, 10);
		before.remember("token", verified);
		assertThat(before.get("token")).isSameAs(verified);
		assertThat(before.get("other")).isNull();

		VerifiedTokens atExpiry = at(NOW.plusSeconds(60), 10);
		atExpiry.remember("token", verified);
		assertThat(atExpiry.get("token")).isNull();
	}

	@Test
	void tokenNotYetValid_orWithoutExpiry_orWithCacheOff_isNotServed() {
		VerifiedTokens tokens = at(NOW, 10);
		tokens.remember("early", jwt(NOW.plusSeconds(30), NOW.plusSeconds(600)));
		tokens.remember("forever", jwt(null, null));
		assertThat(tokens.get("early")).isNull();
		assertThat(tokens.get("forever")).isNull();

		VerifiedTokens off = at(NOW, 0);
		off.remember("token", jwt(null, NOW.plusSeconds(60)));
		assertThat(off.get("token")).isNull();
	}

	@Test
	void full_isClearedRatherThanGrowing() {
		VerifiedTokens tokens = at(NOW, 2);
		tokens.remember("a", jwt(null, NOW.plusSeconds(60)));
		tokens.remember("b", jwt(null, NOW.plusSeconds(60)));
		tokens.remember("c", jwt(null, NOW.plusSeconds(60)));
		assertThat(tokens.get("a")).isNull();
		assertThat(tokens.get("c")).isNotNull();
	}

}
