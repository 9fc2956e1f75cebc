package com.agentobs.guardrail.safety.check;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.guardrail.FastPathTwin;
import com.agentobs.guardrail.FastPathTwin.Pair;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.agentobs.guardrail.FastPathTwin.get;
import static com.agentobs.guardrail.FastPathTwin.post;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMAIL = "fox.mulder@fbi.example.gov";

	@LocalServerPort
	int fastPort;

	@Autowired
	MeterRegistry meters;

	FastPathTwin twin;

	String adminA;

	@BeforeAll
	void startNormalPathInstanceAndData() throws Exception {
		this.twin = FastPathTwin.start(this.fastPort, "agentobs.safety.check-fast-path", "check-fast-path-it");
		this.adminA = TestJwts.user(this.twin.workspaceA(), Role.ADMIN);
		HttpResponse<String> created = post(this.fastPort, "/api/v1/guardrails/policies",
				"{\"name\":\"fast path pii\",\"policy_type\":\"pii\",\"enforcement_mode\":\"redact\",\"scope\":{}}",
				"Authorization", "Bearer " + this.adminA, "Content-Type", "application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		// both instances see the policy (each refreshes its snapshot on the change)
		for (int port : new int[] { this.twin.fastPort(), this.twin.normalPort() }) {
			awaitDecision(port, "redact");
		}
	}

	@AfterAll
	void stopNormalPathInstance() {
		if (this.twin != null) {
			this.twin.close();
		}
	}

	@Test
	void check_isServedByTheFastPath_withTheNormalPathsAnswer_andItsViolationIsWritten() throws Exception {
		String agent = this.twin.tenantA()
			.agent("check-fast-violation-" + UUID.randomUUID().toString().substring(0, 8));
		double before = fastChecks();
		Pair pair = both(checkBody(agent, "input", "mail " + EMAIL + " about the case"), "Authorization",
				"Bearer " + this.twin.viewerA(), "X-Workspace-ID", this.twin.workspaceA().toString());
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
					"Authorization", "Bearer " + this.twin.viewerA()).body());
		}
		while (violations.at("/data").size() < 2 && System.nanoTime() < deadline);
		assertThat(violations.at("/data").size()).isEqualTo(2);
		assertThat(violations.at("/data/0/violation_type").asString()).isEqualTo("email");
		assertThat(violations.toString()).doesNotContain(EMAIL);
	}

	@Test
	void agentTokenWithoutWorkspaceHeader_isServedByTheFastPath_likeTheNormalPath() throws Exception {
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.twin.workspaceA(),
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		double before = fastChecks();
		Pair pair = both(checkBody(this.twin.agent(), "output", "nothing to see"), "Authorization",
				"Bearer " + agentToken);
		assertThat(fastChecks()).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(pair.fast().body()).at("/data/decision").asString()).isEqualTo("allow");
		assertSame(pair);
	}

	@Test
	void missingTamperedOrExpiredToken_is401_inTheSameEnvelope() throws Exception {
		String[] parts = this.twin.viewerA().split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
				+ ((last == 'A') ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
		double before = fastChecks();
		assertUnauthenticated(both(checkBody(this.twin.agent(), "input", "hi")));
		for (String token : List.of(tampered, TestJwts.expired(this.twin.workspaceA(), Role.ADMIN), "not-a-jwt")) {
			assertUnauthenticated(
					both(checkBody(this.twin.agent(), "input", "hi"), "Authorization", "Bearer " + token));
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
		Pair pair = both(checkBody(this.twin.agent(), "input", "hi"), "X-API-Key",
				"ao_live_revoked_" + UUID.randomUUID());
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertSame(pair);
		assertThat(fastChecks()).isEqualTo(before);
	}

	/** Another workspace's token, an agent token without config:read: refused exactly as the interceptor refuses. */
	@Test
	void anotherWorkspacesToken_orAnAgentWithoutConfigRead_is403_inTheSameEnvelope() throws Exception {
		double before = fastChecks();
		String viewerB = TestJwts.user(this.twin.workspaceB(), Role.VIEWER);
		Pair otherUser = both(checkBody(this.twin.agent(), "input", "hi"), "Authorization", "Bearer " + viewerB,
				"X-Workspace-ID", this.twin.workspaceA().toString());
		assertThat(otherUser.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(otherUser.fast().body()).at("/error/code").asString())
			.isEqualTo("WORKSPACE_ACCESS_DENIED");
		assertSame(otherUser);
		String agentB = TestJwts.agent(UUID.randomUUID(), this.twin.workspaceB(),
				List.of(TokenClaims.PERMISSION_CONFIG_READ));
		Pair otherAgent = both(checkBody(this.twin.agent(), "input", "hi"), "Authorization", "Bearer " + agentB,
				"X-Workspace-ID", this.twin.workspaceA().toString());
		assertThat(otherAgent.fast().statusCode()).isEqualTo(403);
		assertSame(otherAgent);
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.twin.workspaceA(),
				List.of(TokenClaims.PERMISSION_INGEST));
		Pair noConfigRead = both(checkBody(this.twin.agent(), "input", "hi"), "Authorization", "Bearer " + ingestOnly);
		assertThat(noConfigRead.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(noConfigRead.fast().body()).at("/error/code").asString())
			.isEqualTo("INSUFFICIENT_PERMISSIONS");
		assertSame(noConfigRead);
		assertThat(fastChecks()).isEqualTo(before);
	}

	@Test
	void malformedOrIncompleteBodies_are400NamingTheField_inTheSameEnvelope() throws Exception {
		double before = fastChecks();
		String[] auth = { "Authorization", "Bearer " + this.twin.viewerA() };
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
		Pair plainText = bothTyped("text/plain", checkBody(this.twin.agent(), "input", "hi"), auth);
		assertThat(plainText.fast().statusCode()).isEqualTo(415);
		assertSame(plainText);
		assertThat(fastChecks()).isEqualTo(before);
	}

	@Test
	void oversizeText_is413NamingTheField_inTheSameEnvelope() throws Exception {
		Pair pair = both(checkBody(this.twin.agent(), "input", "x".repeat(InlineCheck.MAX_TEXT_CHARS + 1)),
				"Authorization", "Bearer " + this.twin.viewerA());
		assertThat(pair.fast().statusCode()).isEqualTo(413);
		JsonNode error = JSON.readTree(pair.fast().body());
		assertThat(error.at("/error/code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(error.at("/error/details/field").asString()).isEqualTo("text");
		assertSame(pair);
	}

	@Test
	void unusualRequests_areLeftToTheNormalPath_andAnsweredAlike() throws Exception {
		double before = fastChecks();
		String body = checkBody(this.twin.agent(), "input", "hi");
		assertSame(both(body, "Authorization", "bearer " + this.twin.viewerA()));
		assertSame(both(body, "Authorization", "Bearer " + this.twin.viewerA(), "Accept", "application/xml"));
		assertSame(both(body, "Authorization", "Bearer " + this.twin.viewerA(), "X-Workspace-ID", "not-a-uuid"));
		assertThat(fastChecks()).isEqualTo(before);
	}

	// ---------------------------------------------------------------- helpers

	private Pair both(String body, String... headers) throws Exception {
		return bothTyped("application/json", body, headers);
	}

	/** The same request (with one request id) to both instances. */
	private Pair bothTyped(String contentType, String body, String... headers) throws Exception {
		String[] typed = new String[headers.length + 2];
		System.arraycopy(headers, 0, typed, 0, headers.length);
		typed[headers.length] = "Content-Type";
		typed[headers.length + 1] = contentType;
		return this.twin.post("/api/v1/guardrails/check", body, typed);
	}

	private static void assertUnauthenticated(Pair pair) {
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString()).isEqualTo("UNAUTHENTICATED");
		assertSame(pair);
	}

	/** {@code latency_ms} is the clock's. */
	private static void assertSame(Pair pair) {
		FastPathTwin.assertSame(pair, "latency_ms");
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
					checkBody(this.twin.agent(), "input", "write to " + EMAIL), "Authorization",
					"Bearer " + this.twin.viewerA(), "Content-Type", "application/json");
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			if (decision.equals(JSON.readTree(answer.body()).at("/data/decision").asString())) {
				return;
			}
			assertThat(System.nanoTime()).as("policy never seen on port " + port).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
