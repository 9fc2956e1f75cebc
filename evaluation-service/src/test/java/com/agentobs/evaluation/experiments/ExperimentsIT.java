package com.agentobs.evaluation.experiments;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.MovableClock;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import com.agentobs.testsupport.TestTenants;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments and canaries against the real PostgreSQL and Redis, with a clock the test moves:
 * the calculator, the experiment lifecycle with its 409s and undo, results from variant-tagged
 * traces, and the canary controller (abort with rollback, promotion after exactly its steps, and
 * no decision without traffic). The schedules are off; the test runs the controller's ticks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.actions.relay-grace=1h", "agentobs.experiments.enabled=false",
				"agentobs.evaluation.consumer.enabled=false", "agentobs.evaluation.backfill.enabled=false" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TestConfiguration
	static class ClockConfiguration {

		@Bean
		@Primary
		MovableClock movableClock() {
			// whole seconds, as the service stores them
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	CanaryAnalyzer ticks;

	@AutoClose // after all tests (one instance per class)
	final TestTenants tenants = new TestTenants("experiments-it");

	// ---------------------------------------------------------------- calculator

	@Test
	void analyze_answersTheKnownAnswers_andNamesTheBadField() throws Exception {
		UUID ws = workspace();
		String viewer = TestJwts.user(ws, Role.VIEWER);
		JsonNode z = body(send("POST", "/api/v1/experiments/analyze", viewer, """
				{"metric":"proportion","control":{"successes":200,"n":10000},"treatment":{"successes":150,"n":10000}}""",
				null)).get("data");
		assertThat(z.get("statistic").asDouble()).isCloseTo(-2.6963, org.assertj.core.data.Offset.offset(1e-4));
		assertThat(z.get("p_value").asDouble()).isCloseTo(0.007011, org.assertj.core.data.Offset.offset(1e-4));
		assertThat(z.get("lift").asDouble()).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-9));
		JsonNode t = body(send("POST", "/api/v1/experiments/analyze", viewer, """
				{"metric":"mean","control":{"mean":1200,"sd":400,"n":500},"treatment":{"mean":1150,"sd":380,"n":480}}""",
				null)).get("data");
		assertThat(t.get("p_value").asDouble()).isCloseTo(0.045056, org.assertj.core.data.Offset.offset(1e-4));
		JsonNode n = body(send("POST", "/api/v1/experiments/sample-size", viewer, """
				{"metric":"proportion","baseline":0.02,"minimum_detectable_effect":-0.005}""", null)).get("data");
		assertThat(n.get("per_arm").asLong()).isEqualTo(10_795);

		HttpResponse<String> bad = send("POST", "/api/v1/experiments/analyze", viewer, """
				{"metric":"proportion","control":{"successes":20},"treatment":{"successes":15,"n":100}}""", null);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(body(bad).at("/error/details/field").asString()).isEqualTo("control.n");
		HttpResponse<String> metric = send("POST", "/api/v1/experiments/sample-size", viewer,
				"{\"metric\":\"median\"}", null);
		assertThat(metric.statusCode()).isEqualTo(400);
		assertThat(body(metric).at("/error/details/field").asString()).isEqualTo("metric");
	}

	// ---------------------------------------------------------------- experiments

	@Test
	void declareWinner_is409BeforeTheMinimumSample_thenSucceeds_andItsUndoRestoresTheExperiment() throws Exception {
		UUID ws = workspace();
		TestTenant tenant = this.tenants.last();
		tenant.agent("support-bot-1");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String id = createAndStart(operator, "support-bot-1", "k-exp-1");
		JsonNode experiment = body(get("/api/v1/experiments/" + id, operator)).get("data");
		String control = experiment.at("/variants/0/variant_id").asString();
		String treatment = experiment.at("/variants/1/variant_id").asString();

		HttpResponse<String> early = send("POST", "/api/v1/experiments/" + id + "/declare-winner", operator,
				"{\"variant\":\"treatment\"}", null);
		assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
		assertThat(body(early).at("/error/code").asString()).isEqualTo("EXPERIMENT_UNDERPOWERED");

		// control fails 10 %, the treatment 6 %, 2,000 units each: a real effect
		insertVariantTraces(ws, "support-bot-1", UUID.fromString(control), 2000, 10);
		insertVariantTraces(ws, "support-bot-1", UUID.fromString(treatment), 2000, 6);
		this.clock.advance(Duration.ofMinutes(1));
		JsonNode results = body(send("POST", "/api/v1/experiments/" + id + "/compute", operator, null, null))
			.get("data");
		JsonNode primary = results.at("/primary/0");
		assertThat(primary.get("control_n").asLong()).isEqualTo(2000);
		assertThat(primary.get("treatment_value").asDouble()).isCloseTo(0.94, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(primary.get("significant").asBoolean()).isTrue();
		assertThat(results.at("/srm/mismatch").asBoolean()).isFalse();
		assertThat(results.at("/readiness/can_declare").asBoolean()).isTrue();

		HttpResponse<String> declared = send("POST", "/api/v1/experiments/" + id + "/declare-winner", operator,
				"{\"variant\":\"treatment\"}", "k-win-1");
		assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
		assertThat(body(get("/api/v1/experiments/" + id, operator)).at("/data/status").asString())
			.isEqualTo("completed");
		HttpResponse<String> undo = send("POST",
				"/api/v1/experiments/actions/" + body(declared).at("/data/action_id").asString() + "/rollback",
				operator, null, null);
		assertThat(undo.statusCode()).as(undo.body()).isEqualTo(201);
		JsonNode restored = body(get("/api/v1/experiments/" + id, operator)).get("data");
		assertThat(restored.get("status").asString()).isEqualTo("running");
		assertThat(restored.get("winner_variant_id").isNull()).isTrue();
		JsonNode portfolio = body(get("/api/v1/experiments", TestJwts.user(ws, Role.VIEWER))).get("data");
		assertThat(portfolio.at("/kpis/running").asInt()).isEqualTo(1);
	}

	@Test
	void declareWinner_is409UnderSampleRatioMismatch() throws Exception {
		UUID ws = workspace();
		this.tenants.last().agent("sales-agent-1");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String id = createAndStart(operator, "sales-agent-1", "k-exp-srm");
		JsonNode experiment = body(get("/api/v1/experiments/" + id, operator)).get("data");
		// planned 50/50, observed 2,600 / 2,000
		insertVariantTraces(ws, "sales-agent-1", UUID.fromString(experiment.at("/variants/0/variant_id").asString()),
				2600, 10);
		insertVariantTraces(ws, "sales-agent-1", UUID.fromString(experiment.at("/variants/1/variant_id").asString()),
				2000, 6);
		this.clock.advance(Duration.ofMinutes(1));
		JsonNode results = body(send("POST", "/api/v1/experiments/" + id + "/compute", operator, null, null))
			.get("data");
		assertThat(results.at("/srm/mismatch").asBoolean()).isTrue();
		HttpResponse<String> srm = send("POST", "/api/v1/experiments/" + id + "/declare-winner", operator,
				"{\"variant\":\"treatment\"}", null);
		assertThat(srm.statusCode()).as(srm.body()).isEqualTo(409);
		assertThat(body(srm).at("/error/code").asString()).isEqualTo("SAMPLE_RATIO_MISMATCH");
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND action_type = "
				+ "'experiment.declare_winner'", ws)).isZero();
	}

	// ---------------------------------------------------------------- canaries

	@Test
	void badCanary_abortsWithinThreeIntervalsOfMinimumVolume_andRestoresTheConfigHash() throws Exception {
		UUID ws = workspace();
		this.tenants.last().agent("billing-bot");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> started = send("POST", "/api/v1/agents/billing-bot/canary", operator, """
				{"to_version":"v2.2","steps":[10,50,100],"interval_seconds":60,"min_requests_per_arm":200,
				 "max_error_rate_diff":0.02,"failure_limit":3}""", "k-canary-bad");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String preHash = body(started).at("/data/result/pre_config_hash").asString();
		assertThat(currentHash(ws, "billing-bot")).isNotEqualTo(preHash);
		Instant t0 = this.clock.instant();

		// one interval without traffic: inconclusive
		this.clock.advance(Duration.ofSeconds(60));
		this.ticks.tick();
		// then 2 % errors on the stable version and 10 % on the canary
		insertVersionTraces(ws, "billing-bot", "v2.1", 1000, 2, t0.plusSeconds(61));
		insertVersionTraces(ws, "billing-bot", "v2.2", 250, 10, t0.plusSeconds(61));
		int intervals = 0;
		while (!"aborted".equals(status(ws)) && intervals < 10) {
			this.clock.advance(Duration.ofSeconds(60));
			this.ticks.tick();
			intervals++;
		}
		assertThat(status(ws)).isEqualTo("aborted");
		assertThat(intervals).isLessThanOrEqualTo(3);
		assertThat(currentHash(ws, "billing-bot")).isEqualTo(preHash);
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND action_type = 'canary.abort'"
				+ " AND status = 'completed'", ws)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND action_type = "
				+ "'agent.rollback_version' AND status = 'completed'", ws)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM canary_analysis_runs WHERE workspace_id = ? AND verdict = 'fail'", ws))
			.isEqualTo(intervals);
		assertThat(count("SELECT count(*) FROM canary_analysis_runs WHERE workspace_id = ? AND verdict = "
				+ "'inconclusive'", ws)).isEqualTo(1);
		JsonNode history = body(get("/api/v1/agents/billing-bot/canary", TestJwts.user(ws, Role.VIEWER))).get("data");
		assertThat(history.at("/canaries/0/status").asString()).isEqualTo("aborted");
		assertThat(history.at("/canaries/0/runs").size()).isEqualTo(intervals + 1);
	}

	@Test
	void healthyCanary_isPromotedAfterExactlyItsSteps() throws Exception {
		UUID ws = workspace();
		this.tenants.last().agent("docs-bot");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> started = send("POST", "/api/v1/agents/docs-bot/canary", operator, """
				{"to_version":"v2.2","steps":[10,50,100],"interval_seconds":60,"min_requests_per_arm":200}""", null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		int passes = 0;
		while (!"promoted".equals(status(ws)) && passes < 10) {
			Instant stepStart = this.clock.instant();
			insertVersionTraces(ws, "docs-bot", "v2.1", 300, 2, stepStart.plusSeconds(1));
			insertVersionTraces(ws, "docs-bot", "v2.2", 300, 2, stepStart.plusSeconds(1));
			this.clock.advance(Duration.ofSeconds(60));
			this.ticks.tick();
			passes++;
		}
		assertThat(status(ws)).isEqualTo("promoted");
		assertThat(passes).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM canary_analysis_runs WHERE workspace_id = ? AND verdict = 'pass'", ws))
			.isEqualTo(3);
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND action_type = 'canary.abort'",
				ws)).isZero();
		assertThat(text("SELECT version FROM agents WHERE workspace_id = ? AND agent_id = 'docs-bot'", ws))
			.isEqualTo("v2.2");
		assertThat(text("SELECT metadata -> 'config_settings' ->> 'canary' FROM agents WHERE workspace_id = ? "
				+ "AND agent_id = 'docs-bot'", ws)).isNull();
	}

	@Test
	void zeroTraffic_isInconclusive_thenPaused_neverPromotedNorAborted() throws Exception {
		UUID ws = workspace();
		this.tenants.last().agent("quiet-bot");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> started = send("POST", "/api/v1/agents/quiet-bot/canary", operator, """
				{"to_version":"v2.2","interval_seconds":60,"progress_deadline_seconds":180}""", null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			this.ticks.tick();
		}
		assertThat(status(ws)).isEqualTo("paused");
		assertThat(count("SELECT count(*) FROM canary_analysis_runs WHERE workspace_id = ? AND verdict <> "
				+ "'inconclusive'", ws)).isZero();
		assertThat(count("SELECT count(*) FROM canary_analysis_runs WHERE workspace_id = ?", ws)).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND action_type IN "
				+ "('canary.advance', 'canary.abort', 'agent.rollback_version')", ws)).isZero();
		assertThat(text("SELECT metadata -> 'config_settings' -> 'canary' ->> 'weight' FROM agents "
				+ "WHERE workspace_id = ? AND agent_id = 'quiet-bot'", ws)).isEqualTo("5");
	}

	// ---------------------------------------------------------------- helpers

	private String createAndStart(String operator, String agent, String key) throws Exception {
		HttpResponse<String> created = send("POST", "/api/v1/experiments", operator, """
				{"name":"Shorter prompt","agent_id":"%s","primary_metric":"success_rate","min_sample_size":1000,
				 "sequential":false,
				 "variants":[{"key":"control","traffic_pct":50},
				             {"key":"treatment","traffic_pct":50,"overrides":{"prompt_version":"p-short"}}]}"""
			.formatted(agent), key);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = body(created).at("/data/result/experiment_id").asString();
		HttpResponse<String> start = send("POST", "/api/v1/experiments/" + id + "/start", operator, null, null);
		assertThat(start.statusCode()).as(start.body()).isEqualTo(201);
		return id;
	}

	private UUID workspace() {
		TestTenant tenant = this.tenants.create();
		return tenant.id();
	}

	/** n traces of one variant inside the experiment's window, every 100/errorPct-th an error. */
	private void insertVariantTraces(UUID ws, String agent, UUID variant, int n, int errorPct) throws Exception {
		Instant base = this.clock.instant();
		insert(ws, agent, "v2.1", variant, n, errorPct, base);
	}

	private void insertVersionTraces(UUID ws, String agent, String version, int n, int errorPct, Instant at)
			throws Exception {
		insert(ws, agent, version, null, n, errorPct, at);
	}

	private void insert(UUID ws, String agent, String version, UUID variant, int n, int errorPct, Instant at)
			throws Exception {
		try (Connection c = TestStores.owner(); PreparedStatement ps = c.prepareStatement("""
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, status, latency_ms, cost_usd, environment,
				                    version, agent_version, experiment_variant_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'production', ?, ?, ?)""")) {
			for (int i = 0; i < n; i++) {
				ps.setString(1, "tr_" + UUID.randomUUID().toString().replace("-", ""));
				ps.setObject(2, ws);
				ps.setString(3, agent);
				ps.setTimestamp(4, Timestamp.from(at.plusMillis(i % 50_000)));
				// exactly errorPct % of the rows fail, spread evenly
				boolean error = ((i + 1) * errorPct) / 100 > (i * errorPct) / 100;
				ps.setString(5, error ? "error" : "success");
				ps.setInt(6, 800 + (i % 10) * 40);
				ps.setBigDecimal(7, new java.math.BigDecimal("0.002"));
				ps.setString(8, version);
				ps.setString(9, version);
				ps.setObject(10, variant);
				ps.addBatch();
			}
			ps.executeBatch();
		}
	}

	private String status(UUID ws) throws Exception {
		return text("SELECT status FROM canaries WHERE workspace_id = ? ORDER BY started_at DESC LIMIT 1", ws);
	}

	private String currentHash(UUID ws, String agent) throws Exception {
		return text("SELECT cv.config_hash FROM agents a JOIN config_versions cv ON cv.id = a.current_config_version_id "
				+ "WHERE a.workspace_id = ? AND a.agent_id = '" + agent + "'", ws);
	}

	private long count(String sql, UUID ws) throws Exception {
		String v = text(sql, ws);
		return (v == null) ? 0 : Long.parseLong(v);
	}

	private String text(String sql, UUID ws) throws Exception {
		try (Connection c = TestStores.owner(); PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return TestHttp.get(this.port, path, token);
	}

	private HttpResponse<String> send(String method, String path, String token, String json, String key)
			throws Exception {
		return TestHttp.send(this.port, method, path, token, json, key);
	}

}
