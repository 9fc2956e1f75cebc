package com.agentobs.alert.automation;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playbook engine against the real PostgreSQL: the background worker is off, each test drives
 * the triggers and engines itself (two engines with their own holder ids stand for two
 * alert-service instances). Steps run two test actions: {@code test.set_objective} changes an SLO's
 * objective (reversible; the workspace's "config hash" is the hash of its SLO objectives) and
 * {@code test.fail} always fails. Every test has its own workspace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.alert.evaluation.enabled=false", "agentobs.alert.notifications.enabled=false",
				"agentobs.alert.automation.enabled=false", "agentobs.alert.automation.lease=2s",
				"agentobs.actions.relay-grace=1h" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutomationIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** execute() calls of test.set_objective: a step acting twice would show here. */
	static final AtomicInteger EXECUTES = new AtomicInteger();

	/** guardrail-service stand-in: records each call's headers and answers the action runner's 201. */
	static final List<Map<String, String>> OWNER_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

	static com.sun.net.httpserver.HttpServer ownerStub;

	@org.springframework.test.context.DynamicPropertySource
	static void ownerStubProperties(org.springframework.test.context.DynamicPropertyRegistry registry) throws Exception {
		ownerStub = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		ownerStub.createContext("/api/v1/agents/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			OWNER_CALLS.add(Map.of("path", exchange.getRequestURI().getPath(), "method", exchange.getRequestMethod(),
					"authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
					"key", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
					"workspace", String.valueOf(exchange.getRequestHeaders().getFirst("X-Workspace-ID"))));
			// one audit row per key, as the owner's action runner answers a retry
			UUID action = UUID.nameUUIDFromBytes(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key"))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			byte[] body = ("{\"data\":{\"action_id\":\"" + action + "\",\"status\":\"completed\"}}")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		ownerStub.start();
		registry.add("agentobs.alert.automation.guardrail-url", () -> "http://127.0.0.1:" + ownerStub.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	AutomationEngine engine;

	@Autowired
	AutomationTriggers triggers;

	@Autowired
	WorkspaceTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlaybookStore playbooks;

	@Autowired
	ExecutionStore executions;

	@Autowired
	StepCatalog catalog;

	@Autowired
	ActionRunner actions;

	@Autowired
	RemoteActions remote;

	final JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());

	final List<TestTenant> tenants = new ArrayList<>();

	@AfterAll
	void close() {
		this.tenants.forEach(TestTenant::close);
		ownerStub.stop(0);
	}

	@TestConfiguration
	static class TestActions {

		record Objective(UUID sloId, BigDecimal objectivePct) {
		}

		@Bean
		ActionHandler<Objective, Objective> setObjectiveAction(JdbcClient jdbc) {
			return new ActionHandler<>() {

				@Override
				public String type() {
					return "test.set_objective";
				}

				@Override
				public Class<Objective> paramsType() {
					return Objective.class;
				}

				@Override
				public Class<Objective> inverseType() {
					return Objective.class;
				}

				@Override
				public ActionTarget prepare(ActionContext context, Objective params) {
					return new ActionTarget(ActionScope.FLEET, "slo", String.valueOf(params.sloId()));
				}

				@Override
				public ActionOutcome<Objective> execute(ActionContext context, Objective params) {
					EXECUTES.incrementAndGet();
					BigDecimal before = jdbc.sql("SELECT objective_pct FROM slos WHERE workspace_id = :ws AND id = :id FOR UPDATE")
						.param("ws", context.workspaceId())
						.param("id", params.sloId())
						.query(BigDecimal.class)
						.single();
					set(jdbc, context.workspaceId(), params);
					return ActionOutcome.of(Map.of("objective_pct", params.objectivePct()),
							new Objective(params.sloId(), before));
				}

				@Override
				public Object revert(ActionContext context, Objective inverse) {
					set(jdbc, context.workspaceId(), inverse);
					return Map.of("objective_pct", inverse.objectivePct());
				}
			};
		}

		static void set(JdbcClient jdbc, UUID ws, Objective o) {
			jdbc.sql("UPDATE slos SET objective_pct = :pct WHERE workspace_id = :ws AND id = :id")
				.param("pct", o.objectivePct())
				.param("ws", ws)
				.param("id", o.sloId())
				.update();
		}

		@Bean
		ActionHandler<Map<String, Object>, Void> failAction() {
			return new ActionHandler<>() {

				@Override
				public String type() {
					return "test.fail";
				}

				@SuppressWarnings({ "unchecked", "rawtypes" })
				@Override
				public Class<Map<String, Object>> paramsType() {
					return (Class) Map.class;
				}

				@Override
				public Class<Void> inverseType() {
					return Void.class;
				}

				@Override
				public ActionTarget prepare(ActionContext context, Map<String, Object> params) {
					return new ActionTarget(ActionScope.FLEET, "test", "fail");
				}

				@Override
				public ActionOutcome<Void> execute(ActionContext context, Map<String, Object> params) {
					throw new IllegalStateException("this step always fails");
				}

				@Override
				public Object revert(ActionContext context, Void inverse) {
					return null;
				}
			};
		}

	}

	// ------------------------------------------------------------------ fixtures

	UUID workspace() {
		TestTenant tenant = TestTenant.create("automation-it");
		this.tenants.add(tenant);
		return tenant.id();
	}

	UUID slo(UUID ws, String name, String pct) {
		return this.owner.sql("""
				INSERT INTO slos (workspace_id, name, sli, objective_pct) VALUES (:ws, :name, 'availability', :pct)
				RETURNING id
				""").param("ws", ws).param("name", name).param("pct", new BigDecimal(pct)).query(UUID.class).single();
	}

	/** The workspace's "configuration hash": its SLOs' objectives. */
	String configHash(UUID ws) {
		return this.owner.sql("""
				SELECT md5(string_agg(id::text || '=' || objective_pct::text, ',' ORDER BY id)) FROM slos
				WHERE workspace_id = :ws
				""").param("ws", ws).query(String.class).single();
	}

	static String setStep(UUID slo, String pct, String onFailure, boolean approval) {
		return "{\"action_type\":\"test.set_objective\",\"params\":{\"slo_id\":\"" + slo + "\",\"objective_pct\":" + pct
				+ "},\"on_failure\":\"" + onFailure + "\",\"requires_approval\":" + approval + "}";
	}

	/** The step with a 1 s timeout. */
	static String quick(String step) {
		return step.substring(0, step.length() - 1) + ",\"timeout_s\":1}";
	}

	static String playbook(String name, String trigger, String triggerConfig, String extra, String... steps) {
		return "{\"name\":\"" + name + "\",\"trigger_type\":\"" + trigger + "\",\"trigger_config\":" + triggerConfig
				+ extra + ",\"steps\":[" + String.join(",", steps) + "]}";
	}

	HttpResponse<String> send(String method, String path, UUID ws, String token, String body) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("X-Workspace-ID", ws.toString())
			.method(method, (body != null) ? java.net.http.HttpRequest.BodyPublishers.ofString(body)
					: java.net.http.HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	UUID create(UUID ws, String body) throws Exception {
		HttpResponse<String> created = send("POST", "/api/v1/playbooks", ws, TestJwts.user(ws, Role.ADMIN), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return UUID.fromString(JSON.readTree(created.body()).at("/data/result/playbook_id").asString());
	}

	UUID run(UUID ws, UUID playbook, String token) throws Exception {
		HttpResponse<String> run = send("POST", "/api/v1/playbooks/" + playbook + "/run", ws, token, null);
		assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
		return UUID.fromString(JSON.readTree(run.body()).at("/data/result/execution_id").asString());
	}

	Execution execution(UUID ws, UUID id) {
		return this.transactions.inWorkspace(ws,
				() -> this.executions.find(ws, id).map((e) -> e.withSteps(this.executions.steps(ws, id)))).orElseThrow();
	}

	long auditRows(UUID ws, String where) {
		return this.owner.sql("SELECT count(*) FROM action_audit_log WHERE workspace_id = :ws AND " + where)
			.param("ws", ws)
			.query(Long.class)
			.single();
	}

	AutomationEngine secondEngine(String holder) {
		return new AutomationEngine(this.transactions, this.jdbc, this.playbooks, this.executions, this.catalog,
				this.actions, this.remote, Clock.systemUTC(), Duration.ofSeconds(2), holder);
	}

	// ------------------------------------------------------------------ tests

	@Test
	void dryRun_writesOnlyItsOwnAuditRow_andPlansEveryStep() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "Availability", "99.0");
		UUID id = create(ws, playbook("Dry", "manual", "{}", "", setStep(slo, "95", "stop", false),
				"{\"action_type\":\"test.fail\",\"enabled\":false}"));
		String hash = configHash(ws);
		long before = auditRows(ws, "TRUE");

		HttpResponse<String> dry = send("POST", "/api/v1/playbooks/" + id + "/dry-run", ws,
				TestJwts.user(ws, Role.OPERATOR), null);
		assertThat(dry.statusCode()).as(dry.body()).isEqualTo(201);
		JsonNode result = JSON.readTree(dry.body()).at("/data/result");
		assertThat(result.get("planned_actions")).hasSize(2);
		this.engine.runWorkspace(ws, 20);

		assertThat(auditRows(ws, "TRUE")).isEqualTo(before + 1);
		assertThat(auditRows(ws, "action_type = 'playbook.dry_run'")).isEqualTo(1);
		Execution e = execution(ws, UUID.fromString(result.get("execution_id").asString()));
		assertThat(e.mode()).isEqualTo("dry_run");
		assertThat(e.steps()).extracting(Execution.Step::status).containsOnly("planned");
		assertThat(configHash(ws)).isEqualTo(hash);
	}

	@Test
	void aNotificationStep_queuesOneMessageOnTheChannel() throws Exception {
		UUID ws = workspace();
		HttpResponse<String> channel = send("POST", "/api/v1/alerts/channels", ws, TestJwts.user(ws, Role.ADMIN),
				"{\"name\":\"ops\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}");
		assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
		String channelId = JSON.readTree(channel.body()).at("/data/result/channel_id").asString();
		UUID id = create(ws, playbook("Notify", "manual", "{}", "", "{\"action_type\":\"notification.send\","
				+ "\"params\":{\"channel_id\":\"" + channelId + "\",\"message\":\"Playbook finished\"}}"));
		UUID run = run(ws, id, TestJwts.user(ws, Role.OPERATOR));

		this.engine.runWorkspace(ws, 20);

		assertThat(execution(ws, run).status()).isEqualTo("succeeded");
		assertThat(this.owner.sql("""
				SELECT payload ->> 'text' FROM alert_notifications
				WHERE workspace_id = :ws AND channel_id = CAST(:channel AS uuid) AND alert_id IS NULL""")
			.param("ws", ws)
			.param("channel", channelId)
			.query(String.class)
			.list()).containsExactly("Playbook finished");
	}

	@Test
	void rollbackOnStep3_restoresSteps1And2Exactly_withOneRollbackRowEach() throws Exception {
		UUID ws = workspace();
		UUID a = slo(ws, "A", "99.0");
		UUID b = slo(ws, "B", "99.5");
		String hash = configHash(ws);
		UUID id = create(ws, playbook("Rollback", "manual", "{}", "", setStep(a, "95", "rollback", false),
				setStep(b, "96", "rollback", false), "{\"action_type\":\"test.fail\",\"on_failure\":\"rollback\"}"));
		UUID execution = run(ws, id, TestJwts.user(ws, Role.OPERATOR));

		this.engine.runWorkspace(ws, 20);

		Execution e = execution(ws, execution);
		assertThat(e.status()).isEqualTo("rolled_back");
		assertThat(e.steps()).extracting(Execution.Step::status).containsExactly("rolled_back", "rolled_back", "failed");
		assertThat(configHash(ws)).isEqualTo(hash);
		assertThat(auditRows(ws, "action_type = 'action.rollback'")).isEqualTo(2);
		assertThat(auditRows(ws, "action_type = 'test.set_objective' AND status = 'rolled_back'")).isEqualTo(2);
		// the playbook is the actor of every step, and each row points at its execution
		assertThat(auditRows(ws, "action_type LIKE 'test.%' AND actor_type = 'playbook' AND actor_subject = 'playbook:"
				+ id + "' AND playbook_execution_id = '" + execution + "'")).isEqualTo(3);
	}

	@Test
	void approvalTimeout_failsClosed_withoutRunningTheStep() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "A", "99.0");
		String hash = configHash(ws);
		UUID id = create(ws, playbook("Approve", "manual", "{}", ",\"approval_timeout_seconds\":1800",
				setStep(slo, "90", "stop", true)));
		UUID execution = run(ws, id, TestJwts.user(ws, Role.OPERATOR));
		this.engine.runWorkspace(ws, 20);
		assertThat(execution(ws, execution).status()).isEqualTo("awaiting_approval");

		// 30 minutes pass without an approver
		this.owner.sql("UPDATE playbook_executions SET approval_deadline = NOW() - interval '1 second' WHERE id = :id")
			.param("id", execution)
			.update();
		this.engine.runWorkspace(ws, 20);

		Execution e = execution(ws, execution);
		assertThat(e.status()).isEqualTo("failed");
		assertThat(e.reason()).isEqualTo("approval_timeout");
		assertThat(e.steps().get(0).status()).isEqualTo("failed");
		assertThat(auditRows(ws, "action_type = 'test.set_objective'")).isZero();
		assertThat(configHash(ws)).isEqualTo(hash);
	}

	@Test
	void theTriggeringUserCannotApprove_anotherOperatorCan() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "A", "99.0");
		UUID id = create(ws, playbook("Four eyes", "manual", "{}", "", setStep(slo, "90", "stop", true)));
		UUID starter = UUID.randomUUID();
		String starterToken = TestJwts.user(starter, Map.of(ws, Role.OPERATOR));
		UUID execution = run(ws, id, starterToken);
		this.engine.runWorkspace(ws, 20);

		HttpResponse<String> self = send("POST", "/api/v1/playbooks/executions/" + execution + "/approve", ws,
				starterToken, null);
		assertThat(self.statusCode()).as(self.body()).isEqualTo(403);
		assertThat(JSON.readTree(self.body()).at("/error/code").asString()).isEqualTo("SELF_APPROVAL");

		HttpResponse<String> other = send("POST", "/api/v1/playbooks/executions/" + execution + "/approve", ws,
				TestJwts.user(ws, Role.OPERATOR), null);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
		this.engine.runWorkspace(ws, 20);
		assertThat(execution(ws, execution).status()).isEqualTo("succeeded");
		assertThat(auditRows(ws, "action_type = 'test.set_objective' AND status = 'completed'")).isEqualTo(1);
	}

	@Test
	void aMissedSchedule_runsExactlyOnceOnCatchUp_evenWithTwoEngines() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "A", "99.0");
		UUID id = create(ws, playbook("Every minute", "schedule", "{\"cron\":\"0 * * * * *\"}", "",
				setStep(slo, "98", "stop", false)));
		// the service was down for ten slots
		this.owner.sql("UPDATE playbooks SET next_run_at = NOW() - interval '10 minutes' WHERE id = :id")
			.param("id", id)
			.update();

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> claims = List.of(pool.submit(() -> this.triggers.onSchedules(ws, "engine-a")),
					pool.submit(() -> this.triggers.onSchedules(ws, "engine-b")));
			int started = 0;
			for (Future<Integer> claim : claims) {
				started += claim.get();
			}
			assertThat(started).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.triggers.onSchedules(ws, "engine-a")).isZero();
		assertThat(this.owner.sql("SELECT count(*) FROM playbook_executions WHERE playbook_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		Instant next = this.owner.sql("SELECT next_run_at FROM playbooks WHERE id = :id")
			.param("id", id)
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(next).isAfter(Instant.now().minusSeconds(1));
		this.engine.runWorkspace(ws, 20);
		assertThat(this.owner.sql("SELECT status FROM playbook_executions WHERE playbook_id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("succeeded");
	}

	@Test
	void anAlertEvent_startsTheMatchingPlaybooksOnce_andTheConditionFilters() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "A", "99.0");
		UUID matching = create(ws, playbook("On sev1", "alert", "{\"severity\":\"sev2\"}",
				",\"condition\":\"event.value > 0.2\"", setStep(slo, "97", "stop", false)));
		Map<String, String> event = new java.util.LinkedHashMap<>(Map.of("event", "alert.firing", "workspace_id",
				ws.toString(), "alert_id", UUID.randomUUID().toString(), "severity", "sev1", "value", "0.35",
				"rule_kind", "threshold", "dedup_key", "alert:x:stream:firing:1"));
		assertThat(this.triggers.onAlertEvent(event)).isEqualTo(1);
		// a redelivered record adds nothing
		assertThat(this.triggers.onAlertEvent(event)).isZero();
		event.put("dedup_key", "alert:x:stream:firing:2");
		event.put("value", "0.1");
		assertThat(this.triggers.onAlertEvent(event)).isZero();
		event.put("value", "0.5");
		event.put("severity", "sev3");
		assertThat(this.triggers.onAlertEvent(event)).isZero();
		this.engine.runWorkspace(ws, 20);
		assertThat(this.owner.sql("SELECT status FROM playbook_executions WHERE playbook_id = :id")
			.param("id", matching)
			.query(String.class)
			.list()).containsExactly("succeeded");
	}

	@Test
	void cooldownSkips_areRecorded_andMaxConcurrentOneHolds() throws Exception {
		UUID ws = workspace();
		UUID slo = slo(ws, "A", "99.0");
		UUID cooled = create(ws, playbook("Cooled", "manual", "{}", ",\"cooldown_seconds\":3600",
				setStep(slo, "97", "stop", false)));
		String token = TestJwts.user(ws, Role.OPERATOR);
		run(ws, cooled, token);
		UUID skipped = run(ws, cooled, token);
		assertThat(execution(ws, skipped).status()).isEqualTo("skipped");
		assertThat(execution(ws, skipped).reason()).isEqualTo("cooldown");

		UUID serial = create(ws, playbook("Serial", "manual", "{}", ",\"max_concurrent\":1",
				setStep(slo, "96", "stop", false)));
		for (int i = 0; i < 20; i++) {
			run(ws, serial, token);
		}
		AutomationEngine other = secondEngine("engine-b");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<UUID>>> claims = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				AutomationEngine e = (i % 2 == 0) ? this.engine : other;
				claims.add(pool.submit(() -> e.claim(ws, 50)));
			}
			long claimedOfSerial = 0;
			for (Future<List<UUID>> claim : claims) {
				for (UUID x : claim.get()) {
					claimedOfSerial += execution(ws, x).playbookId().equals(serial) ? 1 : 0;
				}
			}
			assertThat(claimedOfSerial).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void invalidPlaybooks_answer400NamingTheField() throws Exception {
		UUID ws = workspace();
		String admin = TestJwts.user(ws, Role.ADMIN);
		HttpResponse<String> cron = send("POST", "/api/v1/playbooks", ws, admin,
				playbook("Bad cron", "schedule", "{\"cron\":\"every day\"}", "", "{\"action_type\":\"test.fail\"}"));
		assertThat(cron.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(cron.body()).at("/error/details/field").asString()).isEqualTo("trigger_config.cron");
		HttpResponse<String> type = send("POST", "/api/v1/playbooks", ws, admin,
				playbook("Bad step", "manual", "{}", "", "{\"action_type\":\"nope.nothing\"}"));
		assertThat(type.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(type.body()).at("/error/details/field").asString()).isEqualTo("steps[0].action_type");
		HttpResponse<String> cel = send("POST", "/api/v1/playbooks", ws, admin,
				playbook("Bad condition", "manual", "{}", ",\"condition\":\"event.value >\"",
						"{\"action_type\":\"test.fail\"}"));
		assertThat(cel.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(cel.body()).at("/error/details/field").asString()).isEqualTo("condition");
		HttpResponse<String> operator = send("POST", "/api/v1/playbooks", ws, TestJwts.user(ws, Role.OPERATOR),
				playbook("Not admin", "manual", "{}", "", "{\"action_type\":\"test.fail\"}"));
		assertThat(operator.statusCode()).isEqualTo(403);
	}

	/**
	 * Two engines over 50 executions of three steps; one "dies" (stops between a step's action and
	 * its record, its lease left to expire) on a random 15 % of steps and comes back under a new
	 * name. Every execution finishes, every step's action ran exactly once.
	 */
	@Test
	void twoEngines_withCrashesMidRun_neverRepeatAStep_andFinishEveryExecution() throws Exception {
		UUID ws = workspace();
		UUID a = slo(ws, "A", "99.0");
		UUID b = slo(ws, "B", "99.0");
		UUID c = slo(ws, "C", "99.0");
		// a step's lease covers its timeout plus 10 s, so a dead engine's step waits that long: these steps act
		// in milliseconds, so a 1 s timeout keeps each crash's wait at 11 s instead of the default 70 s
		UUID id = create(ws, playbook("Crashy", "manual", "{}", ",\"max_concurrent\":100",
				quick(setStep(a, "98", "stop", false)), quick(setStep(b, "97", "stop", false)),
				quick(setStep(c, "96", "stop", false))));
		String token = TestJwts.user(ws, Role.OPERATOR);
		List<UUID> runs = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			runs.add(run(ws, id, token));
		}
		int executesBefore = EXECUTES.get();
		Random random = new Random(26);
		Set<String> crashes = ConcurrentHashMap.newKeySet();
		AutomationEngine steady = secondEngine("engine-steady");
		AtomicInteger generation = new AtomicInteger();
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> crashing = pool.submit(() -> {
				while (System.nanoTime() < deadline && unfinished(ws, id) > 0) {
					AutomationEngine life = secondEngine("engine-crashy-" + generation.incrementAndGet());
					life.crashPoint((execution, step) -> {
						boolean crash = random.nextDouble() < 0.15;
						if (crash) {
							crashes.add(execution + ":" + step);
						}
						return crash;
					});
					try {
						while (unfinished(ws, id) > 0 && System.nanoTime() < deadline) {
							if (life.runWorkspace(ws, 2) == 0) {
								pause();
							}
						}
					}
					catch (AutomationEngine.SimulatedCrash dead) {
						// kill -9: its claims stay until their leases expire; it restarts under a new name
					}
				}
			});
			Future<?> other = pool.submit(() -> {
				while (System.nanoTime() < deadline && unfinished(ws, id) > 0) {
					if (steady.runWorkspace(ws, 2) == 0) {
						pause();
					}
				}
			});
			crashing.get();
			other.get();
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(crashes).isNotEmpty();
		assertThat(runs).allSatisfy((r) -> assertThat(execution(ws, r).status()).isEqualTo("succeeded"));
		assertThat(EXECUTES.get() - executesBefore).isEqualTo(150);
		assertThat(auditRows(ws, "action_type = 'test.set_objective'")).isEqualTo(150);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM (SELECT idempotency_key FROM action_audit_log
				WHERE workspace_id = :ws AND action_type = 'test.set_objective' GROUP BY 1 HAVING count(*) > 1) d
				""").param("ws", ws).query(Long.class).single()).isZero();
		// resumed steps were attempted again under the same key and answered from the first row
		assertThat(this.owner.sql("SELECT count(*) FROM playbook_execution_steps WHERE workspace_id = :ws AND attempts > 1")
			.param("ws", ws)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void aRemoteStep_callsTheOwningServiceAsThePlaybook_withTheStepsKey_andAResumeSendsTheSameKey() throws Exception {
		UUID ws = workspace();
		UUID id = create(ws, playbook("Remote", "manual", "{}", "",
				"{\"action_type\":\"agent.pause\",\"params\":{\"agent_id\":\"support-bot\",\"reason\":\"spike\"}}"));
		UUID execution = run(ws, id, TestJwts.user(ws, Role.OPERATOR));
		// the first attempt "dies" after the owner answered; the next engine resumes the step
		AutomationEngine dying = secondEngine("engine-dying");
		dying.crashPoint((e, i) -> true);
		try {
			dying.runWorkspace(ws, 20);
		}
		catch (AutomationEngine.SimulatedCrash expected) {
			// kill -9
		}
		this.owner.sql("UPDATE playbook_executions SET lease_expires_at = NOW() WHERE id = :id").param("id", execution).update();
		this.engine.runWorkspace(ws, 20);

		Execution e = execution(ws, execution);
		assertThat(e.status()).isEqualTo("succeeded");
		List<Map<String, String>> calls = OWNER_CALLS.stream().filter((c) -> c.get("workspace").equals(ws.toString())).toList();
		assertThat(calls).hasSize(2).allSatisfy((c) -> {
			assertThat(c.get("path")).isEqualTo("/api/v1/agents/support-bot/pause");
			assertThat(c.get("key")).isEqualTo("playbook:" + execution + ":0");
		});
		String token = calls.get(0).get("authorization").substring("Bearer ".length());
		com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
		String pem = new String(getClass().getResourceAsStream("/agentobs-test-jwt-public.pem").readAllBytes())
			.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
			.generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
		assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("playbook:" + id);
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("agentobs");
		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("workspaces")).containsEntry(ws.toString(), "operator");
		assertThat(e.steps().get(0).attempts()).isEqualTo(2);
		assertThat(e.steps().get(0).ownerService()).isEqualTo("guardrail");
	}

	@Test
	void theReads_answerEveryChartAndList_withPaginationAndFilters() throws Exception {
		UUID ws = workspace();
		UUID a = slo(ws, "A", "99.0");
		UUID manual = create(ws, playbook("Reads", "manual", "{}", "", setStep(a, "95", "stop", false),
				"{\"action_type\":\"test.fail\",\"on_failure\":\"continue\"}"));
		create(ws, playbook("Nightly", "schedule", "{\"cron\":\"0 0 2 * * *\"}", "", setStep(a, "96", "stop", false)));
		String viewer = TestJwts.user(ws, Role.VIEWER);
		UUID execution = run(ws, manual, TestJwts.user(ws, Role.OPERATOR));
		this.engine.runWorkspace(ws, 20);

		JsonNode overview = JSON.readTree(send("GET", "/api/v1/automations/overview?range=7d", ws, viewer, null).body());
		assertThat(overview.at("/data/kpis/executions").asInt()).isEqualTo(1);
		assertThat(overview.at("/data/kpis/active_playbooks").asInt()).isEqualTo(2);
		assertThat(overview.at("/data/kpis/next_run_playbook").asString()).isEqualTo("Nightly");
		assertThat(overview.at("/data/history")).hasSize(1);
		assertThat(overview.at("/data/by_playbook/0/succeeded").asInt()).isEqualTo(1);
		assertThat(overview.at("/data/trigger_sources/0/trigger_source").asString()).isEqualTo("manual");
		assertThat(overview.at("/data/step_failures/0/action_type").asString()).isEqualTo("test.fail");
		assertThat(overview.at("/data/actions_by_type")).hasSize(2);
		assertThat(overview.at("/data/mttr").isArray()).isTrue();

		HttpResponse<String> list = send("GET", "/api/v1/playbooks?limit=1&page=2", ws, viewer, null);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(JSON.readTree(list.body()).at("/meta/total").asInt()).isEqualTo(2);
		assertThat(JSON.readTree(list.body()).at("/data")).hasSize(1);
		assertThat(JSON.readTree(send("GET", "/api/v1/playbooks?trigger_type=schedule", ws, viewer, null).body()).at("/data/0/name").asString())
			.isEqualTo("Nightly");
		assertThat(send("GET", "/api/v1/playbooks?trigger_type=nope", ws, viewer, null).statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(send("GET", "/api/v1/playbooks/" + manual, ws, viewer, null).body()).at("/data/recent_executions")).hasSize(1);
		JsonNode executions = JSON.readTree(send("GET", "/api/v1/playbooks/executions?status=succeeded&mode=live", ws, viewer, null).body());
		assertThat(executions.at("/data/0/execution_id").asString()).isEqualTo(execution.toString());
		JsonNode detail = JSON.readTree(send("GET", "/api/v1/playbooks/executions/" + execution, ws, viewer, null).body());
		assertThat(detail.at("/data/steps")).hasSize(2);
		assertThat(detail.at("/data/steps/1/status").asString()).isEqualTo("failed");
		assertThat(send("GET", "/api/v1/playbooks/executions/" + UUID.randomUUID(), ws, viewer, null).statusCode()).isEqualTo(404);
		JsonNode schedule = JSON.readTree(send("GET", "/api/v1/playbooks/schedule?days=3", ws, viewer, null).body());
		assertThat(schedule.at("/data")).hasSize(3);
		assertThat(send("GET", "/api/v1/playbooks/schedule?days=99", ws, viewer, null).statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(send("GET", "/api/v1/playbooks/action-types", ws, viewer, null).body()).at("/data").size())
			.isGreaterThan(5);
		assertThat(send("POST", "/api/v1/playbooks/" + manual + "/run", ws, viewer, null).statusCode()).isEqualTo(403);
	}

	long unfinished(UUID ws, UUID playbook) {
		return this.owner.sql("""
				SELECT count(*) FROM playbook_executions
				WHERE playbook_id = :id AND status IN ('queued', 'running', 'awaiting_approval')
				""").param("id", playbook).query(Long.class).single();
	}

	static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
