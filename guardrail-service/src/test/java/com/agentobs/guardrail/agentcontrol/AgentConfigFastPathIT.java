package com.agentobs.guardrail.agentcontrol;

import java.net.http.HttpResponse;
import java.util.List;
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

import static com.agentobs.guardrail.FastPathTwin.assertSame;
import static com.agentobs.guardrail.FastPathTwin.get;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int fastPort;

	@Autowired
	MeterRegistry meters;

	FastPathTwin twin;

	@BeforeAll
	void startNormalPathInstanceAndData() throws Exception {
		this.twin = FastPathTwin.start(this.fastPort, "agentobs.agent-control.config-fast-path", "fast-path-it");
		// both instances hold the configuration in memory (the first read of each loads it)
		for (int port : new int[] { this.twin.fastPort(), this.twin.normalPort() }) {
			pollUntilCached(port, configPath(this.twin.agent()), this.twin.viewerA());
		}
	}

	@AfterAll
	void stopNormalPathInstance() {
		if (this.twin != null) {
			this.twin.close();
		}
	}

	@Test
	void cachedRead_isServedByTheFastPath_withTheNormalPathsStatusHeadersAndBody() throws Exception {
		double before = fastReads("200");
		Pair pair = both(configPath(this.twin.agent()), "Authorization", "Bearer " + this.twin.viewerA(),
				"X-Workspace-ID", this.twin.workspaceA().toString());
		assertThat(fastReads("200")).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertSame(pair);
		JsonNode body = JSON.readTree(pair.fast().body());
		assertThat(body.at("/data/agent_id").asString()).isEqualTo(this.twin.agent());
		assertThat(body.at("/meta/cached").asBoolean()).isTrue();
		assertThat(body.at("/meta/query_duration_ms").asLong()).isZero();
		assertThat(pair.fast().headers().firstValue("ETag")).isPresent();
		assertThat(pair.fast().headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void agentTokenWithoutWorkspaceHeader_isServedByTheFastPath_likeTheNormalPath() throws Exception {
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.twin.workspaceA(),
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		double before = fastReads("200");
		Pair pair = both(configPath(this.twin.agent()), "Authorization", "Bearer " + agentToken);
		assertThat(fastReads("200")).isEqualTo(before + 1);
		assertThat(pair.fast().statusCode()).isEqualTo(200);
		assertSame(pair);
	}

	@Test
	void matchingIfNoneMatch_is304FromTheFastPath_andAStaleOne200FromTheController() throws Exception {
		String etag = get(this.fastPort, configPath(this.twin.agent()), "Authorization",
				"Bearer " + this.twin.viewerA())
			.headers()
			.firstValue("ETag")
			.orElseThrow();
		double before = fastReads("304");
		Pair notModified = both(configPath(this.twin.agent()), "Authorization", "Bearer " + this.twin.viewerA(),
				"If-None-Match", "\"stale\", W/" + etag);
		assertThat(fastReads("304")).isEqualTo(before + 1);
		assertThat(notModified.fast().statusCode()).isEqualTo(304);
		assertThat(notModified.fast().body()).isEmpty();
		assertSame(notModified);

		Pair stale = both(configPath(this.twin.agent()), "Authorization", "Bearer " + this.twin.viewerA(),
				"If-None-Match", "\"0000\"");
		assertThat(stale.fast().statusCode()).isEqualTo(200);
		assertSame(stale);
	}

	@Test
	void noToken_is401_inTheSameEnvelope() throws Exception {
		Pair pair = both(configPath(this.twin.agent()), "X-Workspace-ID", this.twin.workspaceA().toString());
		assertThat(pair.fast().statusCode()).isEqualTo(401);
		assertSame(pair);
	}

	@Test
	void tamperedOrExpiredToken_is401_inTheSameEnvelope() throws Exception {
		String[] parts = this.twin.viewerA().split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		String tampered = parts[0] + "." + parts[1] + "."
				+ parts[2].substring(0, parts[2].length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ parts[2].charAt(parts[2].length() - 1);
		// another token's valid signature over A's claims is refused too
		String forged = TestJwts.user(this.twin.workspaceB(), Role.ADMIN).split("\\.")[0] + "." + parts[1] + "."
				+ TestJwts.user(this.twin.workspaceB(), Role.ADMIN).split("\\.")[2];
		for (String token : List.of(tampered, forged, TestJwts.expired(this.twin.workspaceA(), Role.ADMIN))) {
			double before = fastReads("200");
			Pair pair = both(configPath(this.twin.agent()), "Authorization", "Bearer " + token);
			assertThat(pair.fast().statusCode()).isEqualTo(401);
			assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString()).isEqualTo("UNAUTHENTICATED");
			assertSame(pair);
			assertThat(fastReads("200")).isEqualTo(before);
		}
	}

	/** The header alone grants nothing: a workspace the token does not grant is refused before the cache is read. */
	@Test
	void workspaceNotGrantedByTheToken_is403_evenWhenItsAgentIsCached() throws Exception {
		String viewerB = TestJwts.user(this.twin.workspaceB(), Role.VIEWER);
		Pair pair = both(configPath(this.twin.agent()), "Authorization", "Bearer " + viewerB, "X-Workspace-ID",
				this.twin.workspaceA().toString());
		assertThat(pair.fast().statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(pair.fast().body()).at("/error/code").asString())
			.isEqualTo("WORKSPACE_ACCESS_DENIED");
		assertSame(pair);
	}

	@Test
	void agentTokenWithoutConfigRead_is403_inTheSameEnvelope() throws Exception {
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.twin.workspaceA(),
				List.of(TokenClaims.PERMISSION_INGEST));
		Pair pair = both(configPath(this.twin.agent()), "Authorization", "Bearer " + ingestOnly);
		assertThat(pair.fast().statusCode()).isEqualTo(403);
		assertSame(pair);
	}

	/** 404, not 403: the agent is cached for workspace A, and B's own read must not find it. */
	@Test
	void unknownAgent_orAnotherWorkspacesAgent_is404_inTheSameEnvelope() throws Exception {
		Pair unknown = both(configPath("no-such-agent-" + UUID.randomUUID()), "Authorization",
				"Bearer " + this.twin.viewerA());
		assertThat(unknown.fast().statusCode()).isEqualTo(404);
		assertSame(unknown);

		String viewerB = TestJwts.user(this.twin.workspaceB(), Role.VIEWER);
		Pair otherWorkspace = both(configPath(this.twin.agent()), "Authorization", "Bearer " + viewerB);
		assertThat(otherWorkspace.fast().statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(otherWorkspace.fast().body()).at("/error/code").asString())
			.isEqualTo("RESOURCE_NOT_FOUND");
		assertSame(otherWorkspace);
	}

	@Test
	void unusualRequests_areLeftToTheNormalPath_andAnsweredAlike() throws Exception {
		double before = fastReads("200");
		for (String[] headers : List.of(
				new String[] { "Authorization", "bearer " + this.twin.viewerA() }, // the resolver accepts any case
				new String[] { "Authorization", "Bearer " + this.twin.viewerA(), "Accept", "application/xml" },
				new String[] { "Authorization", "Bearer " + this.twin.viewerA(), "X-Workspace-ID", "not-a-uuid" })) {
			assertSame(both(configPath(this.twin.agent()), headers));
		}
		assertSame(both(configPath(this.twin.agent()) + "?range=banana", "Authorization",
				"Bearer " + this.twin.viewerA()));
		assertThat(fastReads("200")).isEqualTo(before);
	}

	// ---------------------------------------------------------------- helpers

	/** The same request (with one request id) to both instances. */
	private Pair both(String path, String... headers) throws Exception {
		return this.twin.get(path, headers);
	}

	private double fastReads(String status) {
		return this.meters.get("agentobs.agent.config.fast.reads").tag("status", status).counter().count();
	}

	private static String configPath(String agent) {
		return "/api/v1/agents/" + agent + "/config";
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

}
