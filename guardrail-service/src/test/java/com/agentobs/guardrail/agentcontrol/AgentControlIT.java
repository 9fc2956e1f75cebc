package com.agentobs.guardrail.agentcontrol;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.contracts.action.ActionEvent;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.agentobs.guardrail.ActionStream.dataVersion;
import static com.agentobs.guardrail.ActionStream.eventsFor;
import static com.agentobs.testsupport.TestStores.asOwner;
import static com.agentobs.testsupport.TestStores.ownerLong;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control plane and the action pattern end to end, against the real PostgreSQL and
 * Redis: each test works on its own agents in workspaces created here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agentobs.actions.relay-grace=1h") // as ActionOutboxIT: one shared context
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentControlIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	TestTenant tenantA;

	UUID workspaceA;

	UUID workspaceB;

	String operator;

	@BeforeAll
	void workspaces() throws Exception {
		this.tenantA = TestTenant.create("actions-it");
		this.workspaceA = this.tenantA.id();
		this.workspaceB = TestTenant.create("actions-it").id();
		this.operator = TestJwts.user(this.workspaceA, Role.OPERATOR);
	}

	// ---------------------------------------------------------------- pause, config, events

	@Test
	void pause_showsPausedAtOnce_withOneCompletedAuditRow_anEventAndADataVersionBump() throws Exception {
		String agent = createAgent();
		HttpResponse<String> before = get("/api/v1/agents/" + agent + "/config", this.operator);
		assertThat(before.statusCode()).isEqualTo(200);
		assertThat(body(before).at("/data/status").asString()).isEqualTo("active");
		String etagBefore = before.headers().firstValue("ETag").orElseThrow();
		assertThat(before.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
		long versionBefore = dataVersion(this.redis, this.workspaceA);

		HttpResponse<String> pause = send("POST", "/api/v1/agents/" + agent + "/pause", this.operator,
				"{\"reason\":\"incident 42\"}");
		assertThat(pause.statusCode()).as(pause.body()).isEqualTo(201);
		JsonNode action = body(pause).get("data");
		assertThat(action.get("status").asString()).isEqualTo("completed");
		assertThat(action.get("action_type").asString()).isEqualTo("agent.pause");
		assertThat(action.get("rollback_available").asBoolean()).isTrue();
		String actionId = action.get("action_id").asString();

		HttpResponse<String> after = get("/api/v1/agents/" + agent + "/config", this.operator);
		assertThat(body(after).at("/data/status").asString()).isEqualTo("paused");
		String etagAfter = after.headers().firstValue("ETag").orElseThrow();
		assertThat(etagAfter).isNotEqualTo(etagBefore);
		assertThat(get("/api/v1/agents/" + agent + "/config", this.operator, "If-None-Match", etagAfter).statusCode())
			.isEqualTo(304);
		assertThat(get("/api/v1/agents/" + agent + "/config", this.operator, "If-None-Match", etagBefore)
			.statusCode()).isEqualTo(200);

		assertThat(auditStatuses(this.workspaceA, agent)).containsExactly("completed");
		assertThat(dataVersion(this.redis, this.workspaceA)).isEqualTo(versionBefore + 1);
		assertThat(eventsFor(this.redis, actionId)).singleElement()
			.satisfies((event) -> assertThat(event.event()).isEqualTo(ActionEvent.COMPLETED));
		assertThat(queryBoolean("SELECT is_paused FROM agents WHERE workspace_id = ? AND agent_id = ?",
				this.workspaceA, agent)).isTrue();
	}

	@Test
	void config_isServedFromMemory_andAChangeCommittedElsewhere_isSeenThroughTheDatabaseNotification()
			throws Exception {
		String agent = createAgent();
		String path = "/api/v1/agents/" + agent + "/config";
		assertThat(body(get(path, this.operator)).at("/meta/cached").asBoolean()).isFalse();
		// the second read comes from memory (once the change listener is connected)
		HttpResponse<String> cached = pollUntil(() -> get(path, this.operator),
				(r) -> body(r).at("/meta/cached").asBoolean());
		assertThat(body(cached).at("/meta/cached").asBoolean()).isTrue();
		String etagBefore = cached.headers().firstValue("ETag").orElseThrow();

		// a column the configuration does not use changes nothing; the pause made by another writer
		// (another instance, a manual UPDATE) reaches this instance through NOTIFY at commit
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement(
					"UPDATE agents SET description = 'renamed', is_paused = TRUE WHERE workspace_id = ? AND agent_id = ?")) {
				ps.setObject(1, this.workspaceA);
				ps.setString(2, agent);
				assertThat(ps.executeUpdate()).isEqualTo(1);
			}
		});
		HttpResponse<String> after = pollUntil(() -> get(path, this.operator),
				(r) -> "paused".equals(body(r).at("/data/status").asString()));
		assertThat(body(after).at("/data/status").asString()).isEqualTo("paused");
		assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etagBefore);
		assertThat(get(path, this.operator, "If-None-Match", etagBefore).statusCode()).isEqualTo(200);
	}

	@Test
	void config_carriesTheRunningExperiments_andAChangedSplitChangesTheETag() throws Exception {
		String agent = createAgent();
		String path = "/api/v1/agents/" + agent + "/config";
		UUID experiment = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO experiments (id, workspace_id, name, agent_id, primary_metric, status, salt)
					VALUES (?, ?, 'Prompt test', ?, 'success_rate', 'running', 'salt-1')""")) {
				ps.setObject(1, experiment);
				ps.setObject(2, this.workspaceA);
				ps.setString(3, agent);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO experiment_variants (workspace_id, experiment_id, key, name, is_control, traffic_pct,
					                                 overrides, position)
					VALUES (?, ?, 'control', 'Control', TRUE, 50, '{}', 0),
					       (?, ?, 'short', 'Short prompt', FALSE, 50, '{"prompt_version":"p2"}', 1)""")) {
				ps.setObject(1, this.workspaceA);
				ps.setObject(2, experiment);
				ps.setObject(3, this.workspaceA);
				ps.setObject(4, experiment);
				ps.executeUpdate();
			}
		});
		HttpResponse<String> first = pollUntil(() -> get(path, this.operator),
				(r) -> body(r).at("/data/experiments").size() == 1);
		JsonNode block = body(first).at("/data/experiments/0");
		assertThat(block.get("salt").asString()).isEqualTo("salt-1");
		assertThat(block.at("/variants/1/key").asString()).isEqualTo("short");
		assertThat(block.at("/variants/1/weight").asDouble()).isEqualTo(50.0);
		assertThat(block.at("/variants/1/overrides/prompt_version").asString()).isEqualTo("p2");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement(
					"UPDATE experiment_variants SET traffic_pct = CASE WHEN is_control THEN 90 ELSE 10 END "
							+ "WHERE experiment_id = ?")) {
				ps.setObject(1, experiment);
				ps.executeUpdate();
			}
		});
		HttpResponse<String> after = pollUntil(() -> get(path, this.operator),
				(r) -> body(r).at("/data/experiments/0/variants/1/weight").asDouble() == 10.0);
		assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
	}

	@Test
	void config_isReadableWithAnAgentToken_butAgentTokensCannotAct() throws Exception {
		String agent = createAgent();
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.workspaceA,
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		HttpResponse<String> config = get("/api/v1/agents/" + agent + "/config", agentToken);
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(body(config).at("/data/model").asString()).isEqualTo("gpt-4o");
		assertThat(send("POST", "/api/v1/agents/" + agent + "/pause", agentToken, null).statusCode()).isEqualTo(403);
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.workspaceA, List.of(TokenClaims.PERMISSION_INGEST));
		assertThat(get("/api/v1/agents/" + agent + "/config", ingestOnly).statusCode()).isEqualTo(403);
		assertThat(auditStatuses(this.workspaceA, agent)).isEmpty();
	}

	// ---------------------------------------------------------------- permissions and tenancy

	@Test
	void viewerAndAnalyst_get403_andNoAuditRowIsWritten() throws Exception {
		String agent = createAgent();
		for (Role role : List.of(Role.VIEWER, Role.ANALYST)) {
			String token = TestJwts.user(this.workspaceA, role);
			HttpResponse<String> response = send("POST", "/api/v1/agents/" + agent + "/pause", token, null);
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(body(response).at("/error/code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
			assertThat(send("PUT", "/api/v1/agents/" + agent + "/rate-limit", token, "{\"rate_limit_rpm\":5}")
				.statusCode()).isEqualTo(403);
		}
		assertThat(auditStatuses(this.workspaceA, agent)).isEmpty();
		assertThat(queryBoolean("SELECT is_paused FROM agents WHERE workspace_id = ? AND agent_id = ?",
				this.workspaceA, agent)).isFalse();
	}

	/** 404, not 403: another workspace must not learn that the agent exists. */
	@Test
	void otherWorkspace_cannotSeeOrPauseTheAgent_404() throws Exception {
		String agent = createAgent();
		String operatorB = TestJwts.user(this.workspaceB, Role.OPERATOR);
		HttpResponse<String> pause = send("POST", "/api/v1/agents/" + agent + "/pause", operatorB, null);
		assertThat(pause.statusCode()).isEqualTo(404);
		assertThat(body(pause).at("/error/code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(get("/api/v1/agents/" + agent + "/config", operatorB).statusCode()).isEqualTo(404);

		String actionId = body(send("POST", "/api/v1/agents/" + agent + "/pause", this.operator, null))
			.at("/data/action_id")
			.asString();
		assertThat(get("/api/v1/actions/" + actionId, operatorB).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/api/v1/actions/" + actionId + "/rollback", operatorB, null).statusCode())
			.isEqualTo(404);
		assertThat(body(get("/api/v1/actions?agent_id=" + agent, operatorB)).get("data").size()).isZero();
		assertThat(auditStatuses(this.workspaceA, agent)).containsExactly("completed");
	}

	// ---------------------------------------------------------------- idempotency

	@Test
	void sameIdempotencyKeyTwice_actsOnce_andAnswersTheFirstAction() throws Exception {
		String agent = createAgent();
		long versionBefore = dataVersion(this.redis, this.workspaceA);
		String key = "retry-" + UUID.randomUUID();
		HttpResponse<String> first = send("POST", "/api/v1/agents/" + agent + "/pause", this.operator, null,
				"Idempotency-Key", key);
		HttpResponse<String> second = send("POST", "/api/v1/agents/" + agent + "/pause", this.operator, null,
				"Idempotency-Key", key);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(second.statusCode()).isEqualTo(201);
		assertThat(body(second).at("/data/action_id").asString())
			.isEqualTo(body(first).at("/data/action_id").asString());
		assertThat(auditStatuses(this.workspaceA, agent)).containsExactly("completed");
		assertThat(dataVersion(this.redis, this.workspaceA)).isEqualTo(versionBefore + 1);

		HttpResponse<String> reused = send("POST", "/api/v1/agents/" + agent + "/resume", this.operator, null,
				"Idempotency-Key", key);
		assertThat(reused.statusCode()).isEqualTo(409);
		assertThat(auditStatuses(this.workspaceA, agent)).containsExactly("completed");
	}

	// ---------------------------------------------------------------- rollback

	@Test
	void rollback_restoresThePreviousConfigExactly_andLinksTheRows() throws Exception {
		String agent = createAgent();
		JsonNode configBefore = body(get("/api/v1/agents/" + agent + "/config", this.operator)).get("data");
		String setLimit = body(send("PUT", "/api/v1/agents/" + agent + "/rate-limit", this.operator,
				"{\"rate_limit_rpm\":120,\"reason\":\"cost spike\"}"))
			.at("/data/action_id")
			.asString();
		assertThat(body(get("/api/v1/agents/" + agent + "/config", this.operator)).at("/data/rate_limit_rpm").asInt())
			.isEqualTo(120);

		HttpResponse<String> rollback = send("POST", "/api/v1/actions/" + setLimit + "/rollback", this.operator,
				null);
		assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(201);
		JsonNode rollbackAction = body(rollback).get("data");
		assertThat(rollbackAction.get("action_type").asString()).isEqualTo("action.rollback");
		assertThat(rollbackAction.get("status").asString()).isEqualTo("completed");
		assertThat(rollbackAction.get("rollback_available").asBoolean()).isFalse();

		JsonNode configAfter = body(get("/api/v1/agents/" + agent + "/config", this.operator)).get("data");
		assertThat(withoutVersion(configAfter)).isEqualTo(withoutVersion(configBefore));
		JsonNode original = body(get("/api/v1/actions/" + setLimit, this.operator)).get("data");
		assertThat(original.get("status").asString()).isEqualTo("rolled_back");
		assertThat(original.get("rollback_action_id").asString())
			.isEqualTo(rollbackAction.get("action_id").asString());

		// history: baseline, the change (rolled back), the restore
		JsonNode versions = body(get("/api/v1/agents/" + agent + "/config/versions", this.operator));
		assertThat(versions.at("/meta/total").asInt()).isEqualTo(3);
		assertThat(versions.at("/data/1/status").asString()).isEqualTo("rolled_back");
		assertThat(versions.at("/data/1/diff/rate_limit_rpm/to").asInt()).isEqualTo(120);
		assertThat(versions.at("/data/1/change_summary").asString()).contains("cost spike");

		HttpResponse<String> again = send("POST", "/api/v1/actions/" + setLimit + "/rollback", this.operator, null);
		assertThat(again.statusCode()).isEqualTo(409);
	}

	@Test
	void rollbackOfPause_resumesTheAgent() throws Exception {
		String agent = createAgent();
		String pause = body(send("POST", "/api/v1/agents/" + agent + "/pause", this.operator, null))
			.at("/data/action_id")
			.asString();
		assertThat(send("POST", "/api/v1/actions/" + pause + "/rollback", this.operator, null).statusCode())
			.isEqualTo(201);
		assertThat(body(get("/api/v1/agents/" + agent + "/config", this.operator)).at("/data/status").asString())
			.isEqualTo("active");
	}

	@Test
	void rollbackVersion_redeploysThePreviousVersion_andIs409WithoutHistory() throws Exception {
		String agent = createAgent();
		assertThat(send("POST", "/api/v1/agents/" + agent + "/rollback-version", this.operator, null).statusCode())
			.isEqualTo(409);
		assertThat(auditStatuses(this.workspaceA, agent)).isEmpty();
		send("PUT", "/api/v1/agents/" + agent + "/rate-limit", this.operator, "{\"rate_limit_rpm\":50}");
		send("PUT", "/api/v1/agents/" + agent + "/rate-limit", this.operator, "{\"rate_limit_rpm\":70}");
		HttpResponse<String> rollback = send("POST", "/api/v1/agents/" + agent + "/rollback-version", this.operator,
				null);
		assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(201);
		JsonNode config = body(get("/api/v1/agents/" + agent + "/config", this.operator)).get("data");
		assertThat(config.get("rate_limit_rpm").asInt()).isEqualTo(50);
		assertThat(config.get("config_version").asInt()).isEqualTo(4);
		send("POST", "/api/v1/agents/" + agent + "/rollback-version", this.operator, null);
		assertThat(body(get("/api/v1/agents/" + agent + "/config", this.operator)).at("/data/rate_limit_rpm").isNull())
			.isTrue();
	}

	@Test
	void deprecate_setsStatusDateAndReplacement_andValidatesTheBody() throws Exception {
		String agent = createAgent();
		String replacement = createAgent();
		HttpResponse<String> bad = send("POST", "/api/v1/agents/" + agent + "/deprecate", this.operator,
				"{\"deprecation_date\":\"next tuesday\"}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(body(bad).at("/error/details/field").asString()).isEqualTo("deprecation_date");
		HttpResponse<String> unknown = send("POST", "/api/v1/agents/" + agent + "/deprecate", this.operator,
				"{\"deprecation_date\":\"2026-09-01\",\"replacement_agent_id\":\"no-such-agent\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(body(unknown).at("/error/details/field").asString()).isEqualTo("replacement_agent_id");
		HttpResponse<String> rate = send("PUT", "/api/v1/agents/" + agent + "/rate-limit", this.operator,
				"{\"rate_limit_rpm\":0}");
		assertThat(rate.statusCode()).isEqualTo(400);
		assertThat(body(rate).at("/error/details/field").asString()).isEqualTo("rate_limit_rpm");
		assertThat(send("POST", "/api/v1/agents/no-such-agent/pause", this.operator, null).statusCode())
			.isEqualTo(404);
		for (String[] malformed : new String[][] {
				{ "/deprecate", "{\"deprecation_date\":\"0001-01-01\"}", "deprecation_date" },
				{ "/deprecate", "{\"deprecation_date\":\"2026-09-01\",\"replacement_agent_id\":17}",
						"replacement_agent_id" },
				{ "/pause", "{\"reason\":true}", "reason" }, { "/pause", "{\"reason\":\"a\\u0000b\"}", "reason" },
				{ "/pause", "{\"reason\":\"rollback \\u202Eevil\"}", "reason" },
				{ "/resume", "{\"reason\":\"a\\ud800\"}", "reason" } }) {
			HttpResponse<String> refused = send("POST", "/api/v1/agents/" + agent + malformed[0], this.operator,
					malformed[1]);
			assertThat(refused.statusCode()).as(malformed[1]).isEqualTo(400);
			assertThat(body(refused).at("/error/details/field").asString()).as(malformed[1]).isEqualTo(malformed[2]);
		}
		assertThat(auditStatuses(this.workspaceA, agent)).isEmpty();

		HttpResponse<String> ok = send("POST", "/api/v1/agents/" + agent + "/deprecate", this.operator,
				"{\"deprecation_date\":\"2026-09-01\",\"replacement_agent_id\":\"" + replacement + "\"}");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
		JsonNode config = body(get("/api/v1/agents/" + agent + "/config", this.operator)).get("data");
		assertThat(config.get("status").asString()).isEqualTo("deprecated");
		assertThat(config.get("deprecation_date").asString()).isEqualTo("2026-09-01T00:00:00Z");
		assertThat(config.get("replacement_agent_id").asString()).isEqualTo(replacement);
	}

	// ---------------------------------------------------------------- failure

	/** The failure is injected inside the execution step, after the agent row was already updated. */
	@Test
	void failingAction_endsFailed_withTheError_andLeavesTheAgentUnchanged() throws Exception {
		String agent = createAgent();
		UUID agentRowId = agentRowId(this.workspaceA, agent);
		String trigger = "agentobs_it_fail_" + agentRowId.toString().replace("-", "");
		long versionBefore = dataVersion(this.redis, this.workspaceA);
		asOwner((c) -> {
			try (Statement s = c.createStatement()) {
				s.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
						+ "RAISE EXCEPTION 'injected failure'; END $$");
				s.execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE OF rate_limit_rpm ON agents FOR EACH ROW "
						+ "WHEN (NEW.id = '" + agentRowId + "') EXECUTE FUNCTION " + trigger + "()");
			}
		});
		try {
			HttpResponse<String> response = send("PUT", "/api/v1/agents/" + agent + "/rate-limit", this.operator,
					"{\"rate_limit_rpm\":10}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
			JsonNode error = body(response).get("error");
			assertThat(error.get("code").asString()).isEqualTo("ACTION_FAILED");
			String actionId = error.at("/details/action_id").asString();
			JsonNode failed = body(get("/api/v1/actions/" + actionId, this.operator)).get("data");
			assertThat(failed.get("status").asString()).isEqualTo("failed");
			assertThat(failed.at("/result/error/message").asString()).contains("injected failure");
			assertThat(failed.get("rollback_available").asBoolean()).isFalse();
			assertThat(eventsFor(this.redis, actionId)).singleElement()
				.satisfies((event) -> assertThat(event.event()).isEqualTo(ActionEvent.FAILED));
		}
		finally {
			asOwner((c) -> {
				try (Statement s = c.createStatement()) {
					s.execute("DROP TRIGGER " + trigger + " ON agents");
					s.execute("DROP FUNCTION " + trigger + "()");
				}
			});
		}
		assertThat(auditStatuses(this.workspaceA, agent)).containsExactly("failed");
		assertThat(ownerLong("SELECT COUNT(*) FROM config_versions WHERE workspace_id = ? AND agent_id = "
				+ "(SELECT id FROM agents WHERE workspace_id = ? AND agent_id = ?)", this.workspaceA,
				this.workspaceA, agent))
			.isZero();
		assertThat(ownerLong("SELECT COUNT(*) FROM agents WHERE workspace_id = ? AND agent_id = ? "
				+ "AND rate_limit_rpm IS NULL AND current_config_version_id IS NULL", this.workspaceA, agent))
			.isEqualTo(1);
		assertThat(dataVersion(this.redis, this.workspaceA)).isEqualTo(versionBefore);
	}

	// ---------------------------------------------------------------- concurrency

	/** Each action's "was_paused" must be the previous action's outcome: no lost update. */
	@Test
	void concurrentPauseAndResume_serialise() throws Exception {
		String agent = createAgent();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String verb = (i % 2 == 0) ? "pause" : "resume";
				Callable<HttpResponse<String>> call = () -> send("POST", "/api/v1/agents/" + agent + "/" + verb,
						this.operator, null);
				futures.add(pool.submit(call));
			}
			for (Future<HttpResponse<String>> future : futures) {
				assertThat(future.get().statusCode()).isEqualTo(201);
			}
		}
		finally {
			pool.shutdown();
		}
		List<boolean[]> chain = new ArrayList<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("""
					SELECT (result ->> 'was_paused')::boolean, (result ->> 'is_paused')::boolean
					FROM action_audit_log WHERE workspace_id = ? AND target_id = ? ORDER BY completed_at""")) {
				ps.setObject(1, this.workspaceA);
				ps.setString(2, agent);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						chain.add(new boolean[] { rs.getBoolean(1), rs.getBoolean(2) });
					}
				}
			}
		});
		assertThat(chain).hasSize(12);
		boolean state = false;
		for (boolean[] step : chain) {
			assertThat(step[0]).isEqualTo(state);
			state = step[1];
		}
		assertThat(queryBoolean("SELECT is_paused FROM agents WHERE workspace_id = ? AND agent_id = ?",
				this.workspaceA, agent)).isEqualTo(state);
	}

	// ---------------------------------------------------------------- audit trail

	@Test
	void auditTrail_filtersByAgentTypeStatusAndActor_andPagesWithACursor() throws Exception {
		String agent = createAgent();
		UUID userId = UUID.randomUUID();
		String token = TestJwts.user(userId, Map.of(this.workspaceA, Role.OPERATOR));
		for (int i = 0; i < 3; i++) {
			send("POST", "/api/v1/agents/" + agent + "/pause", token, null);
			send("POST", "/api/v1/agents/" + agent + "/resume", token, null);
		}
		JsonNode pauses = body(get("/api/v1/actions?agent_id=" + agent + "&action_type=agent.pause&status=completed"
				+ "&actor=" + userId, this.operator));
		assertThat(pauses.get("data").size()).isEqualTo(3);
		assertThat(pauses.at("/meta/total").asInt()).isEqualTo(3);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = body(get("/api/v1/actions?agent_id=" + agent + "&limit=4"
					+ ((cursor != null) ? "&cursor=" + cursor : ""), this.operator));
			page.get("data").forEach((row) -> seen.add(row.get("action_id").asString()));
			assertThat(page.at("/meta/total").asInt()).isEqualTo(6);
			cursor = page.at("/meta/next_cursor").isMissingNode() || page.at("/meta/next_cursor").isNull() ? null
					: page.at("/meta/next_cursor").asString();
		}
		while (cursor != null);
		assertThat(seen).hasSize(6).doesNotHaveDuplicates();

		HttpResponse<String> badStatus = get("/api/v1/actions?status=done", this.operator);
		assertThat(badStatus.statusCode()).isEqualTo(400);
		assertThat(body(badStatus).at("/error/details/field").asString()).isEqualTo("status");
		assertThat(body(get("/api/v1/actions?cursor=garbage", this.operator)).at("/error/details/field").asString())
			.isEqualTo("cursor");
		assertThat(get("/api/v1/actions/not-a-uuid", this.operator).statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/actions/" + UUID.randomUUID(), this.operator).statusCode()).isEqualTo(404);
	}

	// ---------------------------------------------------------------- helpers

	private static JsonNode withoutVersion(JsonNode config) {
		tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) config.deepCopy();
		copy.remove("config_version");
		return copy;
	}

	private List<String> auditStatuses(UUID workspace, String agent) throws Exception {
		List<String> statuses = new ArrayList<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("SELECT status FROM action_audit_log "
					+ "WHERE workspace_id = ? AND target_type = 'agent' AND target_id = ? ORDER BY created_at")) {
				ps.setObject(1, workspace);
				ps.setString(2, agent);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						statuses.add(rs.getString(1));
					}
				}
			}
		});
		return statuses;
	}

	private String createAgent() {
		return this.tenantA.agent("engineering-it-agent-" + UUID.randomUUID().toString().substring(0, 8));
	}

	private UUID agentRowId(UUID workspace, String agent) throws Exception {
		UUID[] id = new UUID[1];
		asOwner((c) -> {
			try (PreparedStatement ps = c
				.prepareStatement("SELECT id FROM agents WHERE workspace_id = ? AND agent_id = ?")) {
				ps.setObject(1, workspace);
				ps.setString(2, agent);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					id[0] = rs.getObject(1, UUID.class);
				}
			}
		});
		return id[0];
	}

	private boolean queryBoolean(String sql, Object... params) throws Exception {
		return ownerLong("SELECT CASE WHEN (" + sql + ") THEN 1 ELSE 0 END", params) == 1;
	}

	interface Call {

		HttpResponse<String> send() throws Exception;

	}

	/** Repeats the call (up to 10 s) until the answer satisfies the condition; returns the last answer. */
	private static HttpResponse<String> pollUntil(Call call, java.util.function.Predicate<HttpResponse<String>> done)
			throws Exception {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		HttpResponse<String> response = call.send();
		while (!done.test(response) && System.nanoTime() < deadline) {
			Thread.sleep(20);
			response = call.send();
		}
		return response;
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String token, String... headers) throws Exception {
		return send("GET", path, token, null, headers);
	}

	private HttpResponse<String> send(String method, String path, String token, String json, String... headers)
			throws Exception {
		return TestHttp.sendWithHeaders(this.port, method, path, token, json, headers);
	}

}
