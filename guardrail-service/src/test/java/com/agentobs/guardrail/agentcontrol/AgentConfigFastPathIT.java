package com.agentobs.guardrail.agentcontrol;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The configuration read answered by {@link AgentConfigFastPath} is the same answer the security
 * chain and the controller give: this instance (fast path on) and a second one started here with
 * {@code agentobs.agent-control.config-fast-path=false} get the same requests, and status,
 * headers and body must agree (only the clock-dependent {@code Date}, {@code generated_at},
 * {@code timestamp} and {@code query_duration_ms}, and the body framing, may differ). The fast
 * path's counter proves which reads it answered itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agentobs.actions.relay-grace=1h") // as AgentControlIT: one shared context
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentConfigFastPathIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Headers whose value depends on the clock or on how the body is framed. */
	private static final Set<String> UNCOMPARED_HEADERS = Set.of("date", "content-length", "transfer-encoding",
			"connection", "keep-alive");

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

	String viewerA;

	@BeforeAll
	void startNormalPathInstanceAndData() throws Exception {
		// command-line arguments, so they win over application.yml (default properties would not)
		this.normalPathContext = new SpringApplicationBuilder(GuardrailApplication.class).profiles("test")
			.run("--server.port=0", "--agentobs.actions.relay-grace=1h",
					"--agentobs.agent-control.config-fast-path=false");
		this.normalPort = ((WebServerApplicationContext) this.normalPathContext).getWebServer().getPort();
		this.tenantA = TestTenant.create("fast-path-it");
		this.workspaceA = this.tenantA.id();
		this.workspaceB = TestTenant.create("fast-path-it").id();
		this.agent = createAgent();
		this.viewerA = TestJwts.user(this.workspaceA, Role.VIEWER);
		// both instances hold the configuration in memory (the first read of each loads it)
		for (int port : new int[] { this.fastPort, this.normalPort }) {
			pollUntilCached(port, configPath(this.agent), this.viewerA);
		}
	}

	@AfterAll
	void stopNormalPathInstance() {
		if (this.normalPathContext != null) {
			this.normalPathContext.close();
		}
	}

	@Test
	void cachedRead_isServedByTheFastPath_withTheNormalPathsStatusHeadersAndBody() throws Exception {
		double before = fastReads("200");
		Pair pair = both(configPath(this.agent), "Authorization", "Bearer " + this.viewerA, "X-Workspace-ID",
				this.workspaceA.toString());
		assertThat(fastReads("200")).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertSame(pair);
		JsonNode body = JSON.readTree(pair.fast().body());
		assertThat(body.at("/data/agent_id").asString()).isEqualTo(this.agent);
		assertThat(body.at("/meta/cached").asBoolean()).isTrue();
		assertThat(body.at("/meta/query_duration_ms").asLong()).isZero();
		assertThat(pair.fast().headers().firstValue("ETag")).isPresent();
		assertThat(pair.fast().headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void agentTokenWithoutWorkspaceHeader_isServedByTheFastPath_likeTheNormalPath() throws Exception {
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.workspaceA,
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		double before = fastReads("200");
		Pair pair = both(configPath(this.agent), "Authorization", "Bearer " + agentToken);
		assertThat(fastReads("200")).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertSame(pair);
	}

	@Test
	void matchingIfNoneMatch_is304FromTheFastPath_andAStaleOne200FromTheController() throws Exception {
		String etag = get(this.fastPort, configPath(this.agent), "Authorization", "Bearer " + this.viewerA)
			.headers()
			.firstValue("ETag")
			.orElseThrow();
		double before = fastReads("304");
		Pair notModified = both(configPath(this.agent), "Authorization", "Bearer " + this.viewerA, "If-None-Match",
				"\"stale\", W/" + etag);
		assertThat(fastReads("304")).isEqualTo(before + 1);
		assertThat(notModified.fast().statusCode()).isEqualTo(304);
		assertThat(notModified.fast().body()).isEmpty();
		assertSame(notModified);

		Pair stale = both(configPath(this.agent), "Authorization", "Bearer " + this.viewerA, "If-None-Match",
				"\"0000\"");
		assertThat(stale.fast().statusCode()).isEqualTo(200);
		assertSame(stale);
	}

	@Test
	void noToken_is401_inTheSameEnvelope() throws Exception {
		Pair pair = both(configPath(this.agent), "X-Workspace-ID", this.workspaceA.toString());
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertSame(pair);
	}

	@Test
	void tamperedOrExpiredToken_is401_inTheSameEnvelope() throws Exception {
		String[] parts = this.viewerA.split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		String tampered = parts[0] + "." + parts[1] + "."
				+ parts[2].substring(0, parts[2].length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ parts[2].charAt(parts[2].length() - 1);
		// another token's valid signature over A's claims is refused too
		String forged = TestJwts.user(this.workspaceB, Role.ADMIN).split("\\.")[0] + "." + parts[1] + "."
				+ TestJwts.user(this.workspaceB, Role.ADMIN).split("\\.")[2];
		for (String token : List.of(tampered, forged, TestJwts.expired(this.workspaceA, Role.ADMIN))) {
			double before = fastReads("200");
			Pair pair = both(configPath(this.agent), "Authorization", "Bearer " + token);
			assertThat(pair.fast().statusCode()).isEqualTo(401);
			assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString()).isEqualTo("UNAUTHENTICATED");
			assertSame(pair);
			assertThat(fastReads("200")).isEqualTo(before);
		}
	}

	/** The header alone grants nothing: a workspace the token does not grant is refused before the cache is read. */
	@Test
	void workspaceNotGrantedByTheToken_is403_evenWhenItsAgentIsCached() throws Exception {
		String viewerB = TestJwts.user(this.workspaceB, Role.VIEWER);
		Pair pair = both(configPath(this.agent), "Authorization", "Bearer " + viewerB, "X-Workspace-ID",
				this.workspaceA.toString());
		assertThat(pair.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString())
			.isEqualTo("WORKSPACE_ACCESS_DENIED");
		assertSame(pair);
	}

	@Test
	void agentTokenWithoutConfigRead_is403_inTheSameEnvelope() throws Exception {
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.workspaceA, List.of(TokenClaims.PERMISSION_INGEST));
		Pair pair = both(configPath(this.agent), "Authorization", "Bearer " + ingestOnly);
		assertThat(pair.fast().statusCode()).isEqualTo(403);
		assertSame(pair);
	}

	/** 404, not 403: the agent is cached for workspace A, and B's own read must not find it. */
	@Test
	void unknownAgent_orAnotherWorkspacesAgent_is404_inTheSameEnvelope() throws Exception {
		Pair unknown = both(configPath("no-such-agent-" + UUID.randomUUID()), "Authorization",
				"Bearer " + this.viewerA);
		assertThat(unknown.fast().statusCode()).isEqualTo(404);
		assertSame(unknown);

		String viewerB = TestJwts.user(this.workspaceB, Role.VIEWER);
		Pair otherWorkspace = both(configPath(this.agent), "Authorization", "Bearer " + viewerB);
		assertThat(otherWorkspace.fast().statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(otherWorkspace.fast().body()).at("/error/code").asString())
			.isEqualTo("RESOURCE_NOT_FOUND");
		assertSame(otherWorkspace);
	}

	@Test
	void unusualRequests_areLeftToTheNormalPath_andAnsweredAlike() throws Exception {
		double before = fastReads("200");
		for (String[] headers : List.of(
				new String[] { "Authorization", "bearer " + this.viewerA }, // the resolver accepts any case
				new String[] { "Authorization", "Bearer " + this.viewerA, "Accept", "application/xml" },
				new String[] { "Authorization", "Bearer " + this.viewerA, "X-Workspace-ID", "not-a-uuid" })) {
			assertSame(both(configPath(this.agent), headers));
		}
		assertSame(both(configPath(this.agent) + "?range=banana", "Authorization", "Bearer " + this.viewerA));
		assertThat(fastReads("200")).isEqualTo(before);
	}

	// ---------------------------------------------------------------- helpers

	private record Pair(HttpResponse<String> fast, HttpResponse<String> normal) {
	}

	/** The same request (with one request id) to both instances. */
	private Pair both(String path, String... headers) throws Exception {
		String[] withId = new String[headers.length + 2];
		System.arraycopy(headers, 0, withId, 0, headers.length);
		withId[headers.length] = "X-Request-ID";
		withId[headers.length + 1] = "it-" + UUID.randomUUID();
		return new Pair(get(this.fastPort, path, withId), get(this.normalPort, path, withId));
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
		if (body.get("meta") instanceof ObjectNode meta) {
			assertThat(meta.remove("generated_at")).isNotNull();
			meta.remove("query_duration_ms");
		}
		if (body.get("error") instanceof ObjectNode error) {
			assertThat(error.remove("timestamp")).isNotNull();
		}
		// compared as text: same keys in the same order with the same values
		return body.toString();
	}

	private double fastReads(String status) {
		return this.meters.get("agentobs.agent.config.fast.reads").tag("status", status).counter().count();
	}

	private static String configPath(String agent) {
		return "/api/v1/agents/" + agent + "/config";
	}

	private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void pollUntilCached(int port, String path, String token) throws Exception {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (true) {
			HttpResponse<String> response = get(port, path, "Authorization", "Bearer " + token);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			if (JSON.readTree(response.body()).at("/meta/cached").asBoolean()) {
				return;
			}
			assertThat(System.nanoTime()).as("configuration never cached on port " + port).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private String createAgent() {
		return this.tenantA.agent("fast-path-it-agent-" + UUID.randomUUID().toString().substring(0, 8));
	}

}
