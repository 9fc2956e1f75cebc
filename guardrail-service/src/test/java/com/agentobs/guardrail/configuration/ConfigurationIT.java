package com.agentobs.guardrail.configuration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.guardrail.configuration.drift.DriftChecker;
import com.agentobs.testsupport.MovableClock;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestTenant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.agentobs.testsupport.TestStores.ownerLong;
import static com.agentobs.testsupport.TestStores.ownerUpdate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration &amp; Policy end to end against the real PostgreSQL and Redis, with a clock the test
 * moves: drift (out-of-band changes, heartbeats, environment parity, ignore rules, reconcile),
 * approvals (four eyes, concurrency, expiry, rejection), CEL policies and compliance, RBAC grants.
 * The scheduled passes are off: each check here is one explicit pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.actions.relay-grace=1h", "agentobs.configuration.checks-enabled=false" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ConfigurationIT.Clocks.class)
class ConfigurationIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	DriftChecker checker;

	TestTenant tenant;

	UUID ws;

	UUID wsB;

	String admin;

	String operator;

	@BeforeAll
	void workspaces() {
		this.tenant = TestTenant.create("config-it");
		this.ws = this.tenant.id();
		this.wsB = TestTenant.create("config-it").id();
		this.admin = TestJwts.user(this.ws, Role.ADMIN);
		this.operator = TestJwts.user(this.ws, Role.OPERATOR);
	}

	// --------------------------------------------------------------------------- standard filters

	/** The shared filter resolver checks the department in the caller's workspace, on every service with a database. */
	@Test
	void departmentFilter_naming_aDepartmentTheWorkspaceLacks_is400_listingTheCodesItHas() throws Exception {
		agent("finance");
		HttpResponse<String> unknown = get("/api/v1/config/drift?department=no-such-department", this.operator);
		assertThat(unknown.statusCode()).isEqualTo(400);
		JsonNode error = body(unknown).get("error");
		assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(error.at("/details/field").asString()).isEqualTo("department");
		assertThat(error.at("/details/allowed").values()).extracting(JsonNode::asString).contains("finance");
		assertThat(get("/api/v1/config/drift?department=finance", this.operator).statusCode()).isEqualTo(200);
		// another workspace's department is unknown here
		assertThat(get("/api/v1/config/drift?department=finance", TestJwts.user(this.wsB, Role.ADMIN)).statusCode())
			.isEqualTo(400);
	}

	// ------------------------------------------------------------------------------------ drift

	@Test
	void drift_outOfBandDatabaseChange_isDetectedWithinOneCheck_andClearedByReconcile() throws Exception {
		String agent = agent("engineering");
		change(agent, "{\"changes\":{\"settings\":{\"temperature\":0.3}},\"reason\":\"baseline\"}", this.operator, 201);
		assertThat(check().get("drifted").asInt()).isZero();
		assertThat(driftedPaths(agent, "desired_vs_observed")).isNull();

		ownerUpdate("UPDATE agents SET model = 'rogue-model', rate_limit_rpm = 5 WHERE workspace_id = ? AND agent_id = ?",
				this.ws, agent);
		this.clock.advance(Duration.ofMinutes(5));
		check();
		// the rate limit is owned by another action: it differs, but never drifts
		assertThat(driftedPaths(agent, "desired_vs_observed")).containsExactly("/model");

		HttpResponse<String> reconcile = send("POST", "/api/v1/agents/" + agent + "/reconcile", this.operator, "{}");
		assertThat(reconcile.statusCode()).as(reconcile.body()).isEqualTo(201);
		assertThat(body(reconcile).at("/data/result/still_drifted")).isEmpty();
		assertThat(config(agent).get("model").asString()).isEqualTo("gpt-4o");
		assertThat(config(agent).get("rate_limit_rpm").asInt()).isEqualTo(5);
		this.clock.advance(Duration.ofMinutes(5));
		check();
		assertThat(driftedPaths(agent, "desired_vs_observed")).isNull();
		// a second reconcile has nothing to do
		assertThat(send("POST", "/api/v1/agents/" + agent + "/reconcile", this.operator, "{}").statusCode())
			.isEqualTo(409);
	}

	@Test
	void drift_agentReportingAnotherHash_driftsAfterMoreThanTwoHeartbeats_andClearsWhenItReportsTheRightOne()
			throws Exception {
		String agent = agent("engineering");
		change(agent, "{\"changes\":{\"version\":\"v2.2\"}}", this.operator, 201);
		String token = TestJwts.agent(UUID.randomUUID(), this.ws, List.of(TokenClaims.PERMISSION_CONFIG_READ));
		String served = config(agent).get("config_hash").asString();
		assertThat(served).matches("[0-9a-f]{64}");
		String other = "0".repeat(64);
		for (int i = 1; i <= 3; i++) {
			this.clock.advance(Duration.ofSeconds(30));
			HttpResponse<String> beat = send("POST", "/api/v1/agents/" + agent + "/heartbeat", token,
					"{\"config_hash\":\"" + other + "\"}");
			assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
			assertThat(body(beat).at("/data/in_sync").asBoolean()).isFalse();
			check();
			if (i <= 2) {
				assertThat(driftedPaths(agent, "desired_vs_observed")).as("after %d heartbeats", i).isNull();
			}
		}
		assertThat(driftedPaths(agent, "desired_vs_observed")).isEmpty();
		this.clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> ok = send("POST", "/api/v1/agents/" + agent + "/heartbeat", token,
				"{\"config_hash\":\"" + served + "\"}");
		assertThat(body(ok).at("/data/in_sync").asBoolean()).isTrue();
		check();
		assertThat(driftedPaths(agent, "desired_vs_observed")).isNull();
	}

	@Test
	void drift_stagingDiffersFromProduction_onlyInNonIgnoredPaths_andReconcileCopiesProduction() throws Exception {
		String logical = "parity-" + UUID.randomUUID().toString().substring(0, 8);
		String prod = this.tenant.agent(logical + "-prod");
		String staging = this.tenant.agent(logical + "-staging");
		ownerUpdate("UPDATE agents SET logical_agent_key = ?, environment = 'production', rate_limit_rpm = 600 "
				+ "WHERE workspace_id = ? AND agent_id = ?", logical, this.ws, prod);
		ownerUpdate("UPDATE agents SET logical_agent_key = ?, environment = 'staging', rate_limit_rpm = 60 "
				+ "WHERE workspace_id = ? AND agent_id = ?", logical, this.ws, staging);
		ownerUpdate("INSERT INTO drift_ignore_rules (workspace_id, path, environment) VALUES (?, '/rate_limit_rpm', 'staging')",
				this.ws);
		check();
		assertThat(driftedPaths(staging, "env_vs_production")).as("an ignored path never drifts").isNull();

		ownerUpdate("UPDATE agents SET model = 'gpt-4o-mini' WHERE workspace_id = ? AND agent_id = ?", this.ws, staging);
		check();
		assertThat(driftedPaths(staging, "env_vs_production")).containsExactly("/model");

		HttpResponse<String> reconcile = send("POST", "/api/v1/agents/" + staging + "/reconcile", this.operator,
				"{\"drift_kind\":\"env_vs_production\"}");
		assertThat(reconcile.statusCode()).as(reconcile.body()).isEqualTo(201);
		assertThat(config(staging).get("model").asString()).isEqualTo("gpt-4o");
		assertThat(config(staging).get("rate_limit_rpm").asInt()).isEqualTo(60);
		check();
		assertThat(driftedPaths(staging, "env_vs_production")).isNull();
		assertThat(body(get("/api/v1/config/drift", TestJwts.user(this.wsB, Role.ADMIN))).get("data")).isEmpty();
	}

	// -------------------------------------------------------------------------------- approvals

	@Test
	void approvals_fourEyes_concurrentFinalApprovalsApplyOnce_expiryAnd_rejection() throws Exception {
		String agent = agent("finance");
		String critical = "critical-" + UUID.randomUUID().toString().substring(0, 8);
		policy("{\"name\":\"" + critical + "\",\"change_rule\":\"change.keys.exists(k, k == 'model') && agent.department == 'finance'\","
				+ "\"effect\":\"require_approval\",\"required_approvals\":2}");

		// 202 pending, nothing changed yet
		String hashBefore = config(agent).get("config_hash").asString();
		String requesterOp = TestJwts.user(this.ws, Role.OPERATOR);
		HttpResponse<String> proposed = change(agent, "{\"changes\":{\"model\":\"claude-sonnet\"},\"reason\":\"cheaper\"}",
				requesterOp, 202);
		String approvalId = body(proposed).at("/data/approval_id").asString();
		assertThat(body(proposed).at("/data/status").asString()).isEqualTo("pending");
		assertThat(config(agent).get("config_hash").asString()).isEqualTo(hashBefore);

		// no self-approval, whatever the role
		HttpResponse<String> self = send("POST", "/api/v1/approvals/" + approvalId + "/approve", requesterOp, "{}");
		assertThat(self.statusCode()).isEqualTo(403);
		assertThat(body(self).at("/error/code").asString()).isEqualTo("SELF_APPROVAL");
		UUID adminId = UUID.randomUUID();
		String requesterAdmin = TestJwts.user(adminId, Map.of(this.ws, Role.ADMIN));
		String adminApproval = body(change(agent, "{\"changes\":{\"model\":\"other\"}}", requesterAdmin, 202))
			.at("/data/approval_id").asString();
		HttpResponse<String> selfAdmin = send("POST", "/api/v1/approvals/" + adminApproval + "/approve",
				requesterAdmin, "{}");
		assertThat(selfAdmin.statusCode()).isEqualTo(403);
		assertThat(body(selfAdmin).at("/error/code").asString()).isEqualTo("SELF_APPROVAL");

		// two approvers click together: it reaches 2 approvals once, applies once
		List<String> approvers = List.of(TestJwts.user(this.ws, Role.OPERATOR), TestJwts.user(this.ws, Role.ADMIN));
		CyclicBarrier barrier = new CyclicBarrier(approvers.size());
		ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
		List<Future<HttpResponse<String>>> results = new ArrayList<>();
		for (String approver : approvers) {
			Callable<HttpResponse<String>> call = () -> {
				barrier.await();
				return send("POST", "/api/v1/approvals/" + approvalId + "/approve", approver, "{\"comment\":\"ok\"}");
			};
			results.add(pool.submit(call));
		}
		int applied = 0;
		for (Future<HttpResponse<String>> f : results) {
			HttpResponse<String> r = f.get();
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
			applied += body(r).at("/data/applied").isObject() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(applied).isEqualTo(1);
		assertThat(config(agent).get("model").asString()).isEqualTo("claude-sonnet");
		assertThat(ownerLong("SELECT COUNT(*) FROM action_audit_log WHERE workspace_id = ? AND action_type = "
				+ "'config.propose_change' AND target_id = ? AND status = 'completed'", this.ws, agent)).isEqualTo(1);
		assertThat(ownerLong("SELECT COUNT(*) FROM change_approvals WHERE id = ? AND status = 'approved' "
				+ "AND applied_action_id IS NOT NULL", UUID.fromString(approvalId))).isEqualTo(1);
		// a third approval after the fact is a conflict, not a second apply
		assertThat(send("POST", "/api/v1/approvals/" + approvalId + "/approve", TestJwts.user(this.ws, Role.ADMIN), "{}")
			.statusCode()).isEqualTo(409);

		// expired → 409
		String expiring = body(change(agent, "{\"changes\":{\"model\":\"gpt-5\"}}", requesterOp, 202))
			.at("/data/approval_id").asString();
		this.clock.advance(Duration.ofHours(73));
		HttpResponse<String> late = send("POST", "/api/v1/approvals/" + expiring + "/approve", this.admin, "{}");
		assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
		assertThat(body(late).at("/error/details/status").asString()).isEqualTo("expired");

		// rejected → the configuration hash is unchanged
		String hash = config(agent).get("config_hash").asString();
		String rejected = body(change(agent, "{\"changes\":{\"model\":\"gpt-5\"}}", requesterOp, 202))
			.at("/data/approval_id").asString();
		HttpResponse<String> reject = send("POST", "/api/v1/approvals/" + rejected + "/reject", this.admin,
				"{\"comment\":\"no\"}");
		assertThat(reject.statusCode()).as(reject.body()).isEqualTo(201);
		assertThat(config(agent).get("config_hash").asString()).isEqualTo(hash);
		assertThat(send("POST", "/api/v1/approvals/" + rejected + "/approve", this.admin, "{}").statusCode())
			.isEqualTo(409);
		JsonNode pending = body(get("/api/v1/approvals?status=pending", this.operator)).get("data");
		assertThat(pending.findValuesAsString("id")).contains(adminApproval).doesNotContain(rejected, approvalId);
		assertThat(body(get("/api/v1/approvals", TestJwts.user(this.wsB, Role.ADMIN))).get("data")).isEmpty();
	}

	// ------------------------------------------------------------------------ policies, compliance

	@Test
	void compliance_equalsASqlRecomputation_andAPolicyChangeShowsAtOnce() throws Exception {
		TestTenant own = TestTenant.create("config-compliance");
		String token = TestJwts.user(own.id(), Role.ADMIN);
		for (int i = 0; i < 5; i++) {
			own.agent("agent-" + i);
		}
		ownerUpdate("UPDATE agents SET model = 'gpt-3.5-turbo' WHERE workspace_id = ? AND agent_id IN ('agent-0', 'agent-1')",
				own.id());
		HttpResponse<String> created = send("POST", "/api/v1/policies", token,
				"{\"name\":\"No legacy models\",\"compliance_rule\":\"agent.config.model != 'gpt-3.5-turbo'\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String policyId = body(created).at("/data/result/policy_id").asString();

		JsonNode compliance = body(get("/api/v1/policies/compliance", token)).get("data");
		long sqlCompliant = ownerLong("SELECT COUNT(*) FROM agents WHERE workspace_id = ? AND model <> 'gpt-3.5-turbo'",
				own.id());
		long sqlTotal = ownerLong("SELECT COUNT(*) FROM agents WHERE workspace_id = ?", own.id());
		assertThat(compliance.get("evaluated").asLong()).isEqualTo(sqlTotal);
		assertThat(compliance.get("compliant").asLong()).isEqualTo(sqlCompliant);
		assertThat(compliance.get("overall_pct").asDouble()).isEqualTo(60.0);
		assertThat(compliance.get("violations").findValuesAsString("agent_id")).containsExactlyInAnyOrder("agent-0",
				"agent-1");

		HttpResponse<String> updated = send("PUT", "/api/v1/policies/" + policyId, token,
				"{\"compliance_rule\":\"agent.config.model != 'gpt-4o'\"}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(201);
		assertThat(body(get("/api/v1/policies/compliance", token)).at("/data/compliant").asLong()).isEqualTo(2);

		HttpResponse<String> invalid = send("POST", "/api/v1/policies", token,
				"{\"name\":\"Broken\",\"change_rule\":\"change.keys.exists(k, \"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(body(invalid).at("/error/details/field").asString()).isEqualTo("change_rule");
		assertThat(send("POST", "/api/v1/policies", TestJwts.user(own.id(), Role.OPERATOR),
				"{\"name\":\"x\",\"compliance_rule\":\"true\"}").statusCode()).isEqualTo(403);
	}

	@Test
	void policy_deny_refusesTheChange_andAuditPoliciesLetItThrough() throws Exception {
		String agent = agent("legal");
		policy("{\"name\":\"deny-" + agent + "\",\"change_rule\":\"agent.agent_id == '" + agent
				+ "' && has(change.after.settings.temperature) && change.after.settings.temperature > 1.0\",\"effect\":\"deny\"}");
		HttpResponse<String> denied = change(agent, "{\"changes\":{\"settings\":{\"temperature\":1.5}}}", this.operator,
				403);
		assertThat(body(denied).at("/error/details/policies/0/effect").asString()).isEqualTo("deny");
		change(agent, "{\"changes\":{\"settings\":{\"temperature\":0.5}}}", this.operator, 201);
	}

	// ------------------------------------------------------------------------------------- RBAC

	@Test
	void rbac_departmentGrant_raisesTheRoleInItsDepartmentOnly_untilItExpires() throws Exception {
		String support = agent("support");
		String sales = agent("sales");
		UUID viewerId = UUID.randomUUID();
		ownerUpdate("INSERT INTO users (id, email) VALUES (?, ?)", viewerId, "viewer-" + viewerId + "@example.test");
		ownerUpdate("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'viewer')", this.ws, viewerId);
		String viewer = TestJwts.user(viewerId, Map.of(this.ws, Role.VIEWER));
		String body = "{\"changes\":{\"settings\":{\"max_tokens\":512}}}";
		change(support, body, viewer, 403);

		HttpResponse<String> grant = send("POST", "/api/v1/rbac/assignments", this.admin,
				"{\"user_id\":\"" + viewerId + "\",\"role\":\"operator\",\"department_code\":\"support\",\"expires_at\":\""
						+ this.clock.instant().plus(Duration.ofHours(8)) + "\"}");
		assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
		assertThat(send("POST", "/api/v1/rbac/assignments", this.operator,
				"{\"user_id\":\"" + viewerId + "\",\"role\":\"admin\"}").statusCode()).isEqualTo(403);

		change(support, body, viewer, 201);
		change(sales, body, viewer, 403);
		JsonNode effective = body(get("/api/v1/rbac/effective-role?user_id=" + viewerId + "&department=support",
				this.admin)).get("data");
		assertThat(effective.get("effective_role").asString()).isEqualTo("operator");
		JsonNode matrix = body(get("/api/v1/rbac/matrix", this.admin)).get("data");
		assertThat(matrix.findValuesAsString("email")).contains("viewer-" + viewerId + "@example.test");

		this.clock.advance(Duration.ofHours(9));
		change(support, "{\"changes\":{\"settings\":{\"max_tokens\":256}}}", viewer, 403);
	}

	// ---------------------------------------------------------------------------------- helpers

	private String agent(String department) throws Exception {
		String agent = this.tenant.agent(department + "-cfg-" + UUID.randomUUID().toString().substring(0, 8));
		ownerUpdate("INSERT INTO departments (workspace_id, department_code, department_name) VALUES (?, ?, ?) "
				+ "ON CONFLICT (workspace_id, department_code) DO NOTHING", this.ws, department, department);
		ownerUpdate("UPDATE agents SET department_id = (SELECT id FROM departments WHERE workspace_id = ? AND department_code = ?) "
				+ "WHERE workspace_id = ? AND agent_id = ?", this.ws, department, this.ws, agent);
		return agent;
	}

	private void policy(String json) throws Exception {
		HttpResponse<String> r = send("POST", "/api/v1/policies", this.admin, json);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
	}

	private HttpResponse<String> change(String agent, String json, String token, int expected) throws Exception {
		HttpResponse<String> r = send("POST", "/api/v1/agents/" + agent + "/config/changes", token, json);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
		return r;
	}

	private JsonNode check() {
		return JSON.valueToTree(this.checker.check(this.ws));
	}

	private JsonNode config(String agent) throws Exception {
		HttpResponse<String> r = get("/api/v1/agents/" + agent + "/config", this.operator);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return body(r).get("data");
	}

	/** The drifted paths of the agent's finding of this kind, or null when it is not drifted. */
	private List<String> driftedPaths(String agent, String kind) throws Exception {
		for (JsonNode row : body(get("/api/v1/config/drift", this.operator)).get("data")) {
			if (row.get("agent_key").asString().equals(agent) && row.get("drift_kind").asString().equals(kind)
					&& row.get("drifted").asBoolean()) {
				List<String> paths = new ArrayList<>();
				row.get("paths").forEach((p) -> paths.add(p.asString()));
				return paths;
			}
		}
		return null;
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return TestHttp.get(this.port, path, token);
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		return TestHttp.send(this.port, method, path, token, json);
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
