package com.agentobs.guardrail.safety.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.guardrail.GuardrailApplication;
import com.agentobs.testsupport.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inline check answered by {@link CheckFastPath} is the answer the security chain and the
 * controller give: this instance (fast path on) and a second one started here with
 * {@code agentobs.safety.check-fast-path=false} get the same requests, and status, headers and body
 * must agree (only the clock-dependent {@code Date}, {@code latency_ms}, {@code generated_at},
 * {@code timestamp} and {@code query_duration_ms}, and the body framing, may differ). The fast
 * path's counter proves which checks it answered itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agentobs.actions.relay-grace=1h") // the same context as the other guardrail ITs
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckFastPathIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> UNCOMPARED_HEADERS = Set.of("date", "content-length", "transfer-encoding",
			"connection", "keep-alive");

	private static final String EMAIL = "fox.mulder@fbi.example.gov";

	@LocalServerPort
	int fastPort;

	@Autowired
	MeterRegistry meters;

	ConfigurableApplicationContext normalPathContext;

	int normalPort;

	TestTenant tenantA;

	UUID workspaceA;

	UUID workspaceB;

	String agent;

	String adminA;

	String viewerA;

	@BeforeAll
	void startNormalPathInstanceAndData() throws Exception {
		this.normalPathContext = new SpringApplicationBuilder(GuardrailApplication.class).profiles("test")
			.run("--server.port=0", "--agentobs.actions.relay-grace=1h", "--agentobs.safety.check-fast-path=false");
		this.normalPort = ((WebServerApplicationContext) this.normalPathContext).getWebServer().getPort();
		this.tenantA = TestTenant.create("check-fast-path-it");
		this.workspaceA = this.tenantA.id();
		this.workspaceB = TestTenant.create("check-fast-path-it").id();
		this.agent = this.tenantA.agent("check-fast-it-" + UUID.randomUUID().toString().substring(0, 8));
		this.adminA = TestJwts.user(this.workspaceA, Role.ADMIN);
		this.viewerA = TestJwts.user(this.workspaceA, Role.VIEWER);
		HttpResponse<String> created = post(this.fastPort, "/api/v1/guardrails/policies",
				"{\"name\":\"fast path pii\",\"policy_type\":\"pii\",\"enforcement_mode\":\"redact\",\"scope\":{}}",
				"Authorization", "Bearer " + this.adminA, "Content-Type", "application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		// both instances see the policy (each refreshes its snapshot on the change)
		for (int port : new int[] { this.fastPort, this.normalPort }) {
			awaitDecision(port, "redact");
		}
	}

	@AfterAll
	void stopNormalPathInstance() {
		if (this.normalPathContext != null) {
			this.normalPathContext.close();
		}
		if (this.tenantA != null) {
			this.tenantA.close();
		}
	}

	@Test
	void check_isServedByTheFastPath_withTheNormalPathsAnswer_andItsViolationIsWritten() throws Exception {
		String agent = this.tenantA.agent("check-fast-violation-" + UUID.randomUUID().toString().substring(0, 8));
		double before = fastChecks();
		Pair pair = both(checkBody(agent, "input", "mail " + EMAIL + " about the case"), "Authorization",
				"Bearer " + this.viewerA, "X-Workspace-ID", this.workspaceA.toString());
		assertThat(fastChecks()).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertSame(pair);
		JsonNode body = JSON.readTree(pair.fast().body());
		assertThat(body.at("/data/decision").asString()).isEqualTo("redact");
		assertThat(body.at("/data/redacted_text").asString()).doesNotContain(EMAIL);
		assertThat(body.at("/data/findings/0/type").asString()).isEqualTo("email");
		// written afterwards, as from the controller: one violation per instance
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		JsonNode violations;
		do {
			Thread.sleep(50);
			violations = JSON.readTree(get(this.fastPort, "/api/v1/safety/violations?range=24h&agent_id=" + agent,
					"Authorization", "Bearer " + this.viewerA).body());
		}
		while (violations.at("/data").size() < 2 && System.nanoTime() < deadline);
		assertThat(violations.at("/data").size()).isEqualTo(2);
		assertThat(violations.at("/data/0/violation_type").asString()).isEqualTo("email");
		assertThat(violations.toString()).doesNotContain(EMAIL);
	}

	@Test
	void agentTokenWithoutWorkspaceHeader_isServedByTheFastPath_likeTheNormalPath() throws Exception {
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.workspaceA,
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		double before = fastChecks();
		Pair pair = both(checkBody(this.agent, "output", "nothing to see"), "Authorization", "Bearer " + agentToken);
		assertThat(fastChecks()).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(pair.fast().body()).at("/data/decision").asString()).isEqualTo("allow");
		assertSame(pair);
	}

	@Test
	void missingTamperedOrExpiredToken_is401_inTheSameEnvelope() throws Exception {
		String[] parts = this.viewerA.split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
				+ ((last == 'A') ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
		double before = fastChecks();
		assertUnauthenticated(both(checkBody(this.agent, "input", "hi")));
		for (String token : List.of(tampered, TestJwts.expired(this.workspaceA, Role.ADMIN), "not-a-jwt")) {
			assertUnauthenticated(both(checkBody(this.agent, "input", "hi"), "Authorization", "Bearer " + token));
		}
		assertThat(fastChecks()).isEqualTo(before);
	}

	/**
	 * An API key (unknown, revoked or valid) is never taken by the fast path: the service resolves
	 * keys only in its security chain (where {@code accept-api-keys} enables them, with the key
	 * cache's bound on revocation); the gateway turns keys into agent tokens.
	 */
	@Test
	void apiKey_isLeftToTheNormalPath() throws Exception {
		double before = fastChecks();
		Pair pair = both(checkBody(this.agent, "input", "hi"), "X-API-Key", "ao_live_revoked_" + UUID.randomUUID());
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertSame(pair);
		assertThat(fastChecks()).isEqualTo(before);
	}

	/** Another workspace's token, an agent token without config:read: refused exactly as the interceptor refuses. */
	@Test
	void anotherWorkspacesToken_orAnAgentWithoutConfigRead_is403_inTheSameEnvelope() throws Exception {
		double before = fastChecks();
		String viewerB = TestJwts.user(this.workspaceB, Role.VIEWER);
		Pair otherUser = both(checkBody(this.agent, "input", "hi"), "Authorization", "Bearer " + viewerB,
				"X-Workspace-ID", this.workspaceA.toString());
		assertThat(otherUser.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(otherUser.fast().body()).at("/error/code").asString())
			.isEqualTo("WORKSPACE_ACCESS_DENIED");
		assertSame(otherUser);
		String agentB = TestJwts.agent(UUID.randomUUID(), this.workspaceB, List.of(TokenClaims.PERMISSION_CONFIG_READ));
		Pair otherAgent = both(checkBody(this.agent, "input", "hi"), "Authorization", "Bearer " + agentB,
				"X-Workspace-ID", this.workspaceA.toString());
		assertThat(otherAgent.fast().statusCode()).isEqualTo(403);
		assertSame(otherAgent);
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.workspaceA, List.of(TokenClaims.PERMISSION_INGEST));
		Pair noConfigRead = both(checkBody(this.agent, "input", "hi"), "Authorization", "Bearer " + ingestOnly);
		assertThat(noConfigRead.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(noConfigRead.fast().body()).at("/error/code").asString())
			.isEqualTo("INSUFFICIENT_PERMISSIONS");
		assertSame(noConfigRead);
		assertThat(fastChecks()).isEqualTo(before);
	}

	@Test
	void malformedOrIncompleteBodies_are400NamingTheField_inTheSameEnvelope() throws Exception {
		double before = fastChecks();
		String[] auth = { "Authorization", "Bearer " + this.viewerA };
		assertThat(both("{\"agent_id\": \"a\", ", auth).fast().statusCode()).isEqualTo(400);
		assertSame(both("{\"agent_id\": \"a\", ", auth));
		assertSame(both("null", auth));
		assertSame(both("[]", auth));
		for (String[] missing : List.of(new String[] { "{\"direction\":\"input\",\"text\":\"x\"}", "agent_id" },
				new String[] { "{\"agent_id\":\"a\",\"direction\":\"sideways\",\"text\":\"x\"}", "direction" },
				new String[] { "{\"agent_id\":\"a\",\"direction\":\"input\"}", "text" })) {
			Pair pair = both(missing[0], auth);
			assertThat(pair.fast().statusCode()).isEqualTo(400);
			assertThat(JSON.readTree(pair.fast().body()).at("/error/details/field").asString()).isEqualTo(missing[1]);
			assertSame(pair);
		}
		Pair plainText = bothTyped("text/plain", checkBody(this.agent, "input", "hi"), auth);
		assertThat(plainText.fast().statusCode()).isEqualTo(415);
		assertSame(plainText);
		assertThat(fastChecks()).isEqualTo(before);
	}

	@Test
	void oversizeText_is413NamingTheField_inTheSameEnvelope() throws Exception {
		Pair pair = both(checkBody(this.agent, "input", "x".repeat(InlineCheck.MAX_TEXT_CHARS + 1)), "Authorization",
				"Bearer " + this.viewerA);
		assertThat(pair.fast().statusCode()).isEqualTo(413);
		JsonNode error = JSON.readTree(pair.fast().body());
		assertThat(error.at("/error/code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(error.at("/error/details/field").asString()).isEqualTo("text");
		assertSame(pair);
	}

	@Test
	void unusualRequests_areLeftToTheNormalPath_andAnsweredAlike() throws Exception {
		double before = fastChecks();
		String body = checkBody(this.agent, "input", "hi");
		assertSame(both(body, "Authorization", "bearer " + this.viewerA));
		assertSame(both(body, "Authorization", "Bearer " + this.viewerA, "Accept", "application/xml"));
		assertSame(both(body, "Authorization", "Bearer " + this.viewerA, "X-Workspace-ID", "not-a-uuid"));
		assertThat(fastChecks()).isEqualTo(before);
	}

	// ---------------------------------------------------------------- helpers

	private record Pair(HttpResponse<String> fast, HttpResponse<String> normal) {
	}

	private Pair both(String body, String... headers) throws Exception {
		return bothTyped("application/json", body, headers);
	}

	/** The same request (with one request id) to both instances. */
	private Pair bothTyped(String contentType, String body, String... headers) throws Exception {
		String[] all = new String[headers.length + 4];
		System.arraycopy(headers, 0, all, 0, headers.length);
		all[headers.length] = "X-Request-ID";
		all[headers.length + 1] = "it-" + UUID.randomUUID();
		all[headers.length + 2] = "Content-Type";
		all[headers.length + 3] = contentType;
		String path = "/api/v1/guardrails/check";
		return new Pair(post(this.fastPort, path, body, all), post(this.normalPort, path, body, all));
	}

	private static void assertUnauthenticated(Pair pair) {
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString()).isEqualTo("UNAUTHENTICATED");
		assertSame(pair);
	}

	private static void assertSame(Pair pair) {
		assertThat(pair.fast().statusCode()).as(pair.fast().body()).isEqualTo(pair.normal().statusCode());
		assertThat(comparableHeaders(pair.fast())).isEqualTo(comparableHeaders(pair.normal()));
		assertThat(comparableBody(pair.fast())).isEqualTo(comparableBody(pair.normal()));
	}

	private static Map<String, List<String>> comparableHeaders(HttpResponse<String> response) {
		Map<String, List<String>> headers = new TreeMap<>();
		response.headers().map().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (!UNCOMPARED_HEADERS.contains(key)) {
				headers.put(key, new ArrayList<>(values));
			}
		});
		return headers;
	}

	private static String comparableBody(HttpResponse<String> response) {
		if (response.body().isEmpty()) {
			return "";
		}
		JsonNode body = JSON.readTree(response.body());
		if (body.get("data") instanceof ObjectNode data) {
			assertThat(data.remove("latency_ms")).isNotNull();
		}
		if (body.get("meta") instanceof ObjectNode meta) {
			assertThat(meta.remove("generated_at")).isNotNull();
			meta.remove("query_duration_ms");
		}
		if (body.get("error") instanceof ObjectNode error) {
			assertThat(error.remove("timestamp")).isNotNull();
		}
		return body.toString();
	}

	private double fastChecks() {
		return this.meters.get("agentobs.guardrail.check.fast").counter().count();
	}

	private static String checkBody(String agent, String direction, String text) {
		return JSON.writeValueAsString(Map.of("agent_id", agent, "direction", direction, "text", text));
	}

	private void awaitDecision(int port, String decision) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			HttpResponse<String> answer = post(port, "/api/v1/guardrails/check",
					checkBody(this.agent, "input", "write to " + EMAIL), "Authorization", "Bearer " + this.viewerA,
					"Content-Type", "application/json");
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			if (decision.equals(JSON.readTree(answer.body()).at("/data/decision").asString())) {
				return;
			}
			assertThat(System.nanoTime()).as("policy never seen on port " + port).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static HttpResponse<String> post(int port, String path, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().headers(headers)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
