package com.agentobs.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class AuthIT extends GatewayTestSupport {

	@Test
	void login_issuesAccessAndRefreshToken_whenPasswordIsRight() {
		UUID workspace = createWorkspace();
		TestUser user = createUser(workspace, Role.OPERATOR);

		Map<String, Object> tokens = login(user.email().toUpperCase(), PASSWORD);

		assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
		assertThat((String) tokens.get("refresh_token")).startsWith("rt_");
		assertThat(tokens.get("workspaces").toString()).contains(workspace.toString(), "operator");
	}

	@Test
	void login_returns401Envelope_whenPasswordIsWrong() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);

		client().post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.error.request_id")
			.exists();
	}

	@Test
	void login_returns400NamingField_whenEmailMissing() {
		client().post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("password", "x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details.field")
			.isEqualTo("email");
	}

	/** After five failures even the right password is refused until the lockout ends. */
	@Test
	void login_locksOut_afterRepeatedFailures() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);
		for (int i = 0; i < 5; i++) {
			client().post()
				.uri("/api/v1/auth/login")
				.bodyValue(Map.of("email", user.email(), "password", "wrong-" + i))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}

		client().post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RATE_LIMITED");
	}

	@Test
	void refresh_rotatesToken_andRejectsReuseOfTheOldOne() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);
		String first = (String) login(user.email(), PASSWORD).get("refresh_token");

		Map<String, Object> rotated = refresh(first, 200);
		String second = (String) rotated.get("refresh_token");
		assertThat(second).isNotEqualTo(first);
		assertThat(rotated.get("access_token")).isNotNull();

		refresh(first, 401);
		// reuse of a rotated token revokes the whole family, the newest token included
		refresh(second, 401);
	}

	@Test
	void logout_revokesRefreshToken() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);
		String refresh = (String) login(user.email(), PASSWORD).get("refresh_token");

		client().post()
			.uri("/api/v1/auth/logout")
			.bodyValue(Map.of("refresh_token", refresh))
			.exchange()
			.expectStatus()
			.isNoContent();

		refresh(refresh, 401);
	}

	@Test
	void jwks_servesTheKey_thatValidatesAMintedToken() {
		UUID workspace = createWorkspace();
		TestUser user = createUser(workspace, Role.ADMIN);
		String token = accessToken(user);

		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/.well-known/jwks.json").build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer("agentobs")));
		Jwt jwt = decoder.decode(token);

		assertThat(jwt.getSubject()).isEqualTo(user.id().toString());
		assertThat(jwt.getHeaders()).containsKey("kid");
		assertThat(jwt.getClaimAsString("typ")).isEqualTo("user");
		assertThat(jwt.getClaimAsMap("workspaces")).containsEntry(workspace.toString(), "admin");
		assertThat(jwt.getClaimAsStringList("perm")).isEqualTo(List.of());
	}

	@Test
	void me_describesTheCaller() {
		UUID workspace = createWorkspace();
		TestUser user = createUser(workspace, Role.ANALYST);

		client().get()
			.uri("/api/v1/auth/me")
			.headers((h) -> h.setBearerAuth(accessToken(user)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.subject")
			.isEqualTo(user.id().toString())
			.jsonPath("$.data.workspace_id")
			.isEqualTo(workspace.toString());
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> refresh(String refreshToken, int expectedStatus) {
		Map<String, Object> body = client().post()
			.uri("/api/v1/auth/refresh")
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange()
			.expectStatus()
			.isEqualTo(expectedStatus)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (Map<String, Object>) body.get("data");
	}

}
