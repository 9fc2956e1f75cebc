package com.agentobs.contracts.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTokensTest {

	@Test
	void mintedToken_verifiesWithThePublicKeyServicesTrust_andGrantsOneRoleInOneWorkspace() throws Exception {
		Instant now = Instant.now();
		ServiceTokens tokens = new ServiceTokens(new SecurityProperties.ServiceTokenSettings(
				"classpath:agentobs-test-jwt-private.pem", null, Duration.ofMinutes(2)), Clock.fixed(now, ZoneOffset.UTC));
		UUID workspace = UUID.randomUUID();

		String token = tokens.mint("service:evaluation", "evaluation-service", workspace, Role.ANALYST);

		String pem = new ClassPathResource("agentobs-test-jwt-public.pem").getContentAsString(StandardCharsets.US_ASCII);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(ResourceServerAutoConfiguration.parsePem(pem)).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TokenClaims.ISSUER));
		Jwt jwt = decoder.decode(token);
		assertThat(jwt.getSubject()).isEqualTo("service:evaluation");
		assertThat(jwt.getClaimAsMap(TokenClaims.WORKSPACES)).isEqualTo(Map.of(workspace.toString(), "analyst"));
		assertThat(jwt.getClaimAsString(TokenClaims.NAME)).isEqualTo("evaluation-service");
		assertThat(jwt.getExpiresAt()).isEqualTo(now.plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	@Test
	void withoutAKey_theErrorNamesTheSetting() {
		ServiceTokens tokens = new ServiceTokens(
				new SecurityProperties.ServiceTokenSettings(null, "/nonexistent-key-dir", null), Clock.systemUTC());

		assertThatThrownBy(() -> tokens.mint("service:x", "x", UUID.randomUUID(), Role.VIEWER))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("agentobs.security.service-tokens.signing-key-location");
	}

}
