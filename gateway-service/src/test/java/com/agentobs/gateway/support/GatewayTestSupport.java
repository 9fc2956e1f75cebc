package com.agentobs.gateway.support;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.testsupport.TestStores;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway on a random port for every integration test class (same configuration, so one
 * cached context), the services pointed at {@link DownstreamStub} (alert: a port nothing
 * listens on), test data written as the owner role with random slugs and emails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class GatewayTestSupport {

	protected static final String PASSWORD = "correct horse battery";

	private static final String HASH = new BCryptPasswordEncoder().encode(PASSWORD);

	protected static final DownstreamStub STUB = DownstreamStub.INSTANCE;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		for (String service : new String[] { "ingestion", "processing", "query", "evaluation", "guardrail", "gemini" }) {
			registry.add("agentobs.gateway.services." + service, STUB::url);
		}
		registry.add("agentobs.gateway.services.alert", STUB::downUrl);
	}

	protected WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(java.time.Duration.ofSeconds(30)).build();
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	protected static JdbcClient owner() {
		return JdbcClient.create(TestStores.ownerDataSource());
	}

	protected static UUID createWorkspace(String settingsJson) {
		String slug = "gw-" + UUID.randomUUID().toString().substring(0, 12);
		return owner().sql("INSERT INTO workspaces (name, slug, settings) VALUES (?, ?, ?::jsonb) RETURNING id")
			.params("Gateway test " + slug, slug, settingsJson)
			.query(UUID.class)
			.single();
	}

	protected static UUID createWorkspace() {
		return createWorkspace("{}");
	}

	/** A user with the test password and the given role in each workspace; returns the email. */
	protected static TestUser createUser(Map<UUID, Role> roles) {
		String email = "user-" + UUID.randomUUID().toString().substring(0, 12) + "@gateway.test";
		UUID id = owner().sql("INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, ?) RETURNING id")
			.params(email, "Test User", HASH)
			.query(UUID.class)
			.single();
		roles.forEach((ws, role) -> owner()
			.sql("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)")
			.params(ws, id, role.code())
			.update());
		return new TestUser(id, email);
	}

	protected static TestUser createUser(UUID workspace, Role role) {
		return createUser(Map.of(workspace, role));
	}

	@SuppressWarnings("unchecked")
	protected Map<String, Object> login(String email, String password) {
		Map<String, Object> body = client().post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (Map<String, Object>) body.get("data");
	}

	protected String accessToken(TestUser user) {
		return (String) login(user.email(), PASSWORD).get("access_token");
	}

	/** A GET of {@code uri} with {@code token} as the bearer. */
	protected WebTestClient.ResponseSpec getAs(String token, String uri) {
		return client().get().uri(uri).headers((h) -> h.setBearerAuth(token)).exchange();
	}

	/**
	 * Creates an API key as {@code adminToken} (asserting 201): the answer's data, holding the
	 * one-time {@code api_key}.
	 */
	protected Map<String, Object> createApiKey(String adminToken, String name) {
		return createdData(client().post()
			.uri("/api/v1/api-keys")
			.headers((h) -> h.setBearerAuth(adminToken))
			.bodyValue(Map.of("name", name))
			.exchange());
	}

	/** The {@code data} of a 201 answer (asserting the status). */
	@SuppressWarnings("unchecked")
	protected static Map<String, Object> createdData(WebTestClient.ResponseSpec response) {
		return (Map<String, Object>) response.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("data");
	}

	public record TestUser(UUID id, String email) {
	}

}
