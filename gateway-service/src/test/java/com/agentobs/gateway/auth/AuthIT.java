package com.agentobs.gateway.auth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

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

	/**
	 * Twenty guesses spread over four source addresses reach the account-wide ceiling: the right
	 * password from a fifth address then waits (429, a bounded Retry-After) instead of signing in.
	 */
	@Test
	void login_throttlesAccount_whenGuessesComeFromManyAddresses() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);
		guessFrom(user, "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");

		String retryAfter = clientFrom("127.0.0.15").post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RATE_LIMITED")
			.jsonPath("$.error.details.retry_after_seconds")
			.exists()
			.returnResult()
			.getResponseHeaders()
			.getFirst("Retry-After");
		// a backoff window, never longer than the configured maximum (test profile: 5 min)
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 300L);
	}

	/** An address the account signed in from before is exempt from the account-wide ceiling. */
	@Test
	void login_letsKnownAddressIn_whileAccountIsThrottled() {
		TestUser user = createUser(createWorkspace(), Role.VIEWER);
		clientFrom("127.0.0.21").post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
		guessFrom(user, "127.0.0.22", "127.0.0.23", "127.0.0.24", "127.0.0.25");

		clientFrom("127.0.0.21").post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
		clientFrom("127.0.0.26").post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", user.email(), "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isEqualTo(429);
	}

	/** Five wrong passwords from each address, every one evaluated (401). */
	private void guessFrom(TestUser user, String... addresses) {
		for (String address : addresses) {
			WebTestClient client = clientFrom(address);
			for (int i = 0; i < 5; i++) {
				client.post()
					.uri("/api/v1/auth/login")
					.bodyValue(Map.of("email", user.email(), "password", "guess-" + address + "-" + i))
					.exchange()
					.expectStatus()
					.isUnauthorized();
			}
		}
	}

	/** A client whose connections come from {@code address} (any 127.x.y.z is this machine). */
	private WebTestClient clientFrom(String address) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(baseUrl())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
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
