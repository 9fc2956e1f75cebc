package com.agentobs.gateway.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {

	@Test
	void load_generatesAndKeepsKeyPair_whenNoPemConfigured(@TempDir Path dir) {
		Path keyDir = dir.resolve("keys");
		SigningKeys first = SigningKeys.load(null, null, keyDir);
		SigningKeys second = SigningKeys.load(null, null, keyDir);

		assertThat(Files.exists(keyDir.resolve(SigningKeys.PRIVATE_FILE))).isTrue();
		assertThat(second.keyId()).isEqualTo(first.keyId());
		assertThat(second.publicKey()).isEqualTo(first.publicKey());
	}

	/** The JWKS must never leak the private exponent. */
	@Test
	@SuppressWarnings("unchecked")
	void publicJwkSet_containsOnlyThePublicKey(@TempDir Path dir) {
		SigningKeys keys = SigningKeys.load(null, null, dir);
		List<Map<String, Object>> jwks = (List<Map<String, Object>>) keys.publicJwkSet().get("keys");

		assertThat(jwks).hasSize(1);
		assertThat(jwks.get(0)).containsEntry("kid", keys.keyId())
			.containsEntry("kty", "RSA")
			.containsEntry("alg", "RS256")
			.doesNotContainKeys("d", "p", "q");
	}

}
