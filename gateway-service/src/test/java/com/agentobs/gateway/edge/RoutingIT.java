package com.agentobs.gateway.edge;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import com.agentobs.gateway.token.SigningKeys;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIT extends GatewayTestSupport {

	@Test
	void route_forwardsUserToken_andRequestId() {
		UUID workspace = createWorkspace();
		String token = accessToken(createUser(workspace, Role.VIEWER));

		client().get()
			.uri("/api/v1/metrics/home-kpis?range=24h")
			.headers((h) -> h.setBearerAuth(token))
			.header("X-Request-ID", "req_routing_test_1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-ID", "req_routing_test_1")
			.expectBody()
			.jsonPath("$.data.stub")
			.isEqualTo(true);

		assertThat(STUB.header("GET /api/v1/metrics/home-kpis", "Authorization")).isEqualTo("Bearer " + token);
		assertThat(STUB.header("GET /api/v1/metrics/home-kpis", "X-Request-ID")).isEqualTo("req_routing_test_1");
		assertThat(STUB.header("GET /api/v1/metrics/home-kpis", "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	@Test
	void route_exchangesApiKey_forInternalTokenOfItsWorkspace() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		Map<String, Object> created = createApiKey(admin, "sdk");
		String key = (String) created.get("api_key");

		exportWithKey(key)
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("X-Request-ID");

		String forwarded = STUB.header("POST /v1/traces", "Authorization");
		assertThat(forwarded).startsWith("Bearer ").doesNotContain(key);
		assertThat(STUB.header("POST /v1/traces", "X-API-Key")).isNull();
		assertThat(STUB.header("POST /v1/traces", "X-Request-ID")).startsWith("req_");
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/.well-known/jwks.json").build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer("agentobs")));
		Jwt jwt = decoder.decode(forwarded.substring(7));
		assertThat(jwt.getSubject()).isEqualTo("apikey:" + created.get("id"));
		assertThat(jwt.getClaimAsString("typ")).isEqualTo("agent");
		assertThat(jwt.getClaimAsMap("workspaces")).isEqualTo(Map.of(workspace.toString(), "viewer"));
		assertThat(jwt.getClaimAsStringList("perm")).containsExactly("ingest", "config:read");
	}

	@Test
	void route_returns401_withoutToken() {
		client().get()
			.uri("/api/v1/metrics/home-kpis")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.exists("X-Request-ID")
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.error.request_id")
			.exists();
	}

	@Test
	void route_returns401_whenTokenExpiredOrTampered() {
		UUID workspace = createWorkspace();
		String token = accessToken(createUser(workspace, Role.VIEWER));
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

		for (String bad : new String[] { expiredToken(workspace), tampered, "not-a-jwt" }) {
			getAs(bad, "/api/v1/cost/overview")
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.error.code")
				.isEqualTo("UNAUTHENTICATED");
		}
	}

	/** Signed with the right key, but expired two minutes ago (beyond the 60 s clock skew). */
	private static String expiredToken(UUID workspace) {
		SigningKeys keys = SigningKeys.load("classpath:agentobs-test-jwt-private.pem",
				"classpath:agentobs-test-jwt-public.pem", null);
		Instant expired = Instant.now().minusSeconds(120);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("agentobs")
			.subject(UUID.randomUUID().toString())
			.issuedAt(expired.minusSeconds(900))
			.expiresAt(expired)
			.claim("typ", "user")
			.claim("workspaces", Map.of(workspace.toString(), "admin"))
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.jwk())))
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.keyId()).build(),
					claims))
			.getTokenValue();
	}

	@Test
	void route_returns403_whenWorkspaceNotGranted() {
		UUID mine = createWorkspace();
		UUID theirs = createWorkspace();
		String token = accessToken(createUser(mine, Role.ADMIN));

		client().get()
			.uri("/api/v1/metrics/home-kpis")
			.headers((h) -> h.setBearerAuth(token))
			.header("X-Workspace-ID", theirs.toString())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("WORKSPACE_ACCESS_DENIED")
			.jsonPath("$.error.request_id")
			.exists();
		getAs(token, "/api/v1/api-keys?workspace_id=" + theirs)
			.expectStatus()
			.isForbidden();
	}

	@Test
	void route_returns503Envelope_whenServiceIsDown() {
		String token = accessToken(createUser(createWorkspace(), Role.VIEWER));

		getAs(token, "/api/v1/incidents")
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType("application/json")
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("SERVICE_UNAVAILABLE")
			.jsonPath("$.error.request_id")
			.exists();
	}

	@Test
	void rateLimit_returns429WithHeaders_andLeavesOtherWorkspacesAlone() {
		UUID limited = createWorkspace("{\"rate_limit\": {\"requests_per_second\": 0.01, \"burst\": 3}}");
		UUID other = createWorkspace();
		String limitedToken = accessToken(createUser(limited, Role.VIEWER));
		String otherToken = accessToken(createUser(other, Role.VIEWER));

		for (int i = 0; i < 3; i++) {
			getAs(limitedToken, "/api/v1/usage/overview")
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Limit", "3");
		}
		getAs(limitedToken, "/api/v1/usage/overview")
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RATE_LIMITED");

		getAs(otherToken, "/api/v1/usage/overview")
			.expectStatus()
			.isOk();
	}

	@Test
	void rateLimit_apiKeyRequest_drawsFromKeyAndWorkspaceBuckets_andARefusedOneTakesFromNeither() {
		UUID workspace = createWorkspace("{\"rate_limit\": {\"requests_per_second\": 0.01, \"burst\": 5, "
				+ "\"api_key_requests_per_second\": 0.01, \"api_key_burst\": 2}}");
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		String key = (String) createApiKey(admin, "limited").get("api_key");
		// (creating the key above took one workspace token: 4 left)
		for (int i = 0; i < 2; i++) {
			exportWithKey(key).expectStatus().isOk();
		}
		// the key's bucket is empty: refused, and the workspace's bucket keeps its 2 tokens
		exportWithKey(key)
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("X-RateLimit-Limit", "2");
		for (int i = 0; i < 2; i++) {
			client().get().uri("/api/v1/usage/overview").headers((h) -> h.setBearerAuth(admin)).exchange()
				.expectStatus().isOk();
		}
		client().get().uri("/api/v1/usage/overview").headers((h) -> h.setBearerAuth(admin)).exchange()
			.expectStatus().isEqualTo(429);
	}

	@Test
	void edge_addsSecurityHeaders_andAnswersRootWithoutFrontendBuild() {
		client().get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("agentobs-gateway");
	}

	@Test
	void edge_sendsEachHeaderOnce_andKeepsTheServicesCacheControl() {
		String token = accessToken(createUser(createWorkspace(), Role.VIEWER));
		// the service sends its own Cache-Control (ETag polling), X-Request-ID and nosniff: one of each
		getAs(token, "/api/v1/agents/support-agent-1/config")
			.expectHeader()
			.valuesMatch("Cache-Control", "no-cache, private")
			.expectHeader()
			.valuesMatch("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valuesMatch("X-Request-ID", "req_[0-9a-zA-Z_-]+");
		// a service response without one gets the gateway's no-store
		getAs(token, "/api/v1/metrics/home-kpis?range=24h")
			.expectHeader()
			.valuesMatch("Cache-Control", "no-store")
			.expectHeader()
			.valuesMatch("X-Frame-Options", "DENY");
	}

	@Test
	void edge_returns413_whenBodyTooLarge() {
		String token = accessToken(createUser(createWorkspace(), Role.VIEWER));
		byte[] body = new byte[11 * 1024 * 1024];

		client().post()
			.uri("/api/v1/traces")
			.headers((h) -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void cors_allowsDashboardOrigin_only() {
		client().options()
			.uri("/api/v1/metrics/home-kpis")
			.header("Origin", "http://localhost:5173")
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "http://localhost:5173");
		client().options()
			.uri("/api/v1/metrics/home-kpis")
			.header("Origin", "http://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	/** An empty OTLP export ({@code POST /v1/traces}) authenticated by an API key. */
	private WebTestClient.ResponseSpec exportWithKey(String key) {
		return client().post().uri("/v1/traces").header("X-API-Key", key).bodyValue("{}").exchange();
	}

}
