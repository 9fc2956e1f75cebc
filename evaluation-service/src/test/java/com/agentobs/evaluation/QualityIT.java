package com.agentobs.evaluation;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.stream.TracesProcessedEvent;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestTenant;
import com.agentobs.testsupport.TestTenants;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static com.agentobs.testsupport.TestStores.asOwner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quality end to end against the real PostgreSQL and Redis: rubric actions and their undo,
 * online evaluation from {@code traces:processed} (sampling, idempotency, rollup), the reads
 * against raw SQL, and a human review. Each test works in a workspace of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.actions.relay-grace=1h", "agentobs.evaluation.consumer.block=200ms" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CRITERIA = """
			[{"key":"helpfulness","name":"Helpfulness","weight":0.6,"check":"length"},
			 {"key":"safety","name":"No refusal","weight":0.4,"check":"refusal"}]""";

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ObjectMapper mapper;

	@AutoClose // after all tests (one instance per class)
	final TestTenants tenants = new TestTenants("quality-it");

	UUID foreign;

	@BeforeAll
	void foreignWorkspace() throws Exception {
		this.foreign = createWorkspace();
	}

	// ---------------------------------------------------------------- rubrics

	@Test
	void rubricUpdate_writesANewVersion_andItsUndoRestoresThePreviousOne() throws Exception {
		UUID ws = createWorkspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> created = send("POST", "/api/v1/rubrics", operator,
				"{\"name\":\"Helpfulness\",\"criteria\":" + CRITERIA + "}", "k-create-1");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String rubricId = body(created).at("/data/result/rubric_id").asString();
		// a retry with the same key answers the first action and creates nothing
		HttpResponse<String> retried = send("POST", "/api/v1/rubrics", operator,
				"{\"name\":\"Helpfulness\",\"criteria\":" + CRITERIA + "}", "k-create-1");
		assertThat(body(retried).at("/data/result/rubric_id").asString()).isEqualTo(rubricId);
		assertThat(count("SELECT count(*) FROM rubrics WHERE workspace_id = ?", ws)).isEqualTo(1);

		HttpResponse<String> updated = send("PUT", "/api/v1/rubrics/" + rubricId, operator,
				"{\"name\":\"Helpfulness v2\",\"pass_threshold\":80,\"criteria\":[{\"key\":\"overall\",\"weight\":1}]}",
				null);
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(201);
		JsonNode v2 = body(get("/api/v1/rubrics/" + rubricId, operator)).get("data");
		assertThat(v2.get("version").asInt()).isEqualTo(2);
		assertThat(v2.get("name").asString()).isEqualTo("Helpfulness v2");
		assertThat(v2.get("pass_threshold").asDouble()).isEqualTo(80);

		HttpResponse<String> undo = send("POST",
				"/api/v1/quality/actions/" + body(updated).at("/data/action_id").asString() + "/rollback", operator,
				null, null);
		assertThat(undo.statusCode()).as(undo.body()).isEqualTo(201);
		JsonNode restored = body(get("/api/v1/rubrics/" + rubricId, operator)).get("data");
		assertThat(restored.get("version").asInt()).isEqualTo(1);
		assertThat(restored.get("name").asString()).isEqualTo("Helpfulness");
		assertThat(restored.get("criteria").size()).isEqualTo(2);
		// version 2 stays readable (scores may name it)
		assertThat(get("/api/v1/rubrics/" + rubricId + "?version=2", operator).statusCode()).isEqualTo(200);
		assertThat(count("SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND status = 'rolled_back'",
				ws)).isEqualTo(1);
	}

	@Test
	void rubricActions_answer4xxNamingTheField_forBadInput() throws Exception {
		UUID ws = createWorkspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> weights = send("POST", "/api/v1/rubrics", operator,
				"{\"name\":\"x\",\"criteria\":[{\"key\":\"a\",\"weight\":0.5},{\"key\":\"b\",\"weight\":0.3}]}", null);
		assertThat(weights.statusCode()).isEqualTo(400);
		assertThat(body(weights).at("/error/details/field").asString()).isEqualTo("criteria");
		HttpResponse<String> unknown = send("PUT", "/api/v1/rubrics/" + UUID.randomUUID(), operator,
				"{\"name\":\"x\",\"criteria\":[{\"key\":\"a\",\"weight\":1}]}", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		HttpResponse<String> badId = send("POST", "/api/v1/rubrics/not-a-uuid/archive", operator, null, null);
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(body(badId).at("/error/details/field").asString()).isEqualTo("rubric_id");
		// a rubric of another workspace is not found, not changed
		UUID other = insertRubric(this.foreign, "Foreign");
		assertThat(send("POST", "/api/v1/rubrics/" + other + "/archive", operator, null, null).statusCode())
			.isEqualTo(404);
		HttpResponse<String> assign = send("POST", "/api/v1/rubrics/" + insertRubric(ws, "Mine") + "/assign",
				operator, "{\"agent_ids\":[\"no-such-agent\"]}", null);
		assertThat(assign.statusCode()).isEqualTo(404);
		assertThat(body(assign).at("/error/details/id").asString()).isEqualTo("no-such-agent");
		assertThat(send("POST", "/api/v1/rubrics", TestJwts.user(ws, Role.VIEWER),
				"{\"name\":\"x\",\"criteria\":[{\"key\":\"a\",\"weight\":1}]}", null).statusCode()).isEqualTo(403);
	}

	// ---------------------------------------------------------------- online evaluation

	@Test
	void onlineEvaluation_scoresTheSameSampleForTwoRules_andAReplayAddsNothing() throws Exception {
		UUID ws = createWorkspace();
		UUID helpfulness = insertRubric(ws, "Helpfulness");
		UUID tone = insertRubric(ws, "Tone");
		insertRule(ws, helpfulness, 0.3);
		insertRule(ws, tone, 0.3);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
		List<String> ids = insertTraces(ws, "support-bot-1", 200, hour);

		publish(ws, ids, hour);
		awaitCount("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws, 2 * expectedSample(ids, 0.3));

		Set<String> a = traceSet(ws, helpfulness);
		Set<String> b = traceSet(ws, tone);
		assertThat(a).isEqualTo(b).hasSize(expectedSample(ids, 0.3)).isNotEmpty();
		// a replay of the same batch (redelivery, rerun) adds no row and no rollup count
		awaitHandled(publish(ws, ids, hour));
		long rows = count("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws);
		assertThat(rows).isEqualTo(2L * a.size());
		assertThat(count("SELECT COALESCE(sum(score_count), 0) FROM evaluation_rollups_hourly WHERE workspace_id = ?",
				ws)).isEqualTo(rows);
		// the rollup also counts the requests the scored traces stand for (their sample rate)
		assertThat(count("SELECT sum(represented_count) FROM evaluation_rollups_hourly WHERE workspace_id = ?", ws))
			.isEqualTo(count("SELECT sum(t.sample_rate) FROM evaluations e JOIN traces t ON t.workspace_id = e.workspace_id "
					+ "AND t.trace_id = e.trace_id WHERE e.workspace_id = ?", ws))
			.isGreaterThan(rows);
	}

	@Test
	void reads_matchRawSql_andAHumanReviewLeavesTheBacklog_untilItIsUndone() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		insertRule(ws, rubric, 1.0);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
		List<String> ids = insertTraces(ws, "sales-agent-1", 40, hour);
		publish(ws, ids, hour);
		awaitCount("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws, 40);

		String viewer = TestJwts.user(ws, Role.VIEWER);
		JsonNode overview = body(get("/api/v1/quality/overview?range=24h", viewer)).get("data");
		double rawAvg = number("SELECT round(avg(score), 2) FROM evaluations WHERE workspace_id = ?", ws);
		double rawPass = number("SELECT round(100.0 * count(*) FILTER (WHERE passed) / count(*), 2) FROM evaluations "
				+ "WHERE workspace_id = ?", ws);
		assertThat(overview.get("avg_score").asDouble()).isEqualTo(rawAvg);
		assertThat(overview.get("pass_rate_pct").asDouble()).isEqualTo(rawPass);
		assertThat(overview.get("scored_count").asLong()).isEqualTo(40);
		JsonNode departments = body(get("/api/v1/quality/score-distribution?range=24h", viewer)).get("data");
		assertThat(departments).singleElement().satisfies((d) -> {
			assertThat(d.get("key").asString()).isEqualTo("sales");
			assertThat(d.get("count").asLong()).isEqualTo(40);
		});
		assertThat(body(get("/api/v1/quality/score-distribution?range=24h&department=support", viewer)).get("data"))
			.isEmpty();
		JsonNode low = body(get("/api/v1/quality/low-scores?range=24h&limit=5", viewer)).get("data");
		assertThat(low.get(0).get("score").asDouble())
			.isEqualTo(number("SELECT min(score) FROM evaluations WHERE workspace_id = ?", ws));
		JsonNode drill = body(get("/api/v1/quality/traces/" + low.get(0).get("trace_id").asString(), viewer))
			.get("data");
		assertThat(drill.get("scores")).hasSize(1);
		assertThat(drill.at("/scores/0/criteria_scores/helpfulness").isNumber()).isTrue();
		JsonNode criteria = body(get("/api/v1/quality/by-rubric?range=24h", viewer)).get("data");
		assertThat(criteria).hasSize(2);
		assertThat(criteria.get(0).get("criterion").asString()).isEqualTo("helpfulness");
		assertThat(criteria.get(0).get("criterion_name").asString()).isEqualTo("Helpfulness");
		assertThat(criteria.get(0).get("avg_score").asDouble()).isEqualTo(number(
				"SELECT round(avg((criteria_scores ->> 'helpfulness')::numeric), 2) FROM evaluations WHERE workspace_id = ?",
				ws));
		JsonNode intents = body(get("/api/v1/quality/by-intent?range=24h", viewer)).get("data");
		assertThat(intents).singleElement().satisfies((r) -> {
			assertThat(r.get("intent").asString()).isEqualTo("account");
			assertThat(r.get("avg_score").asDouble()).isEqualTo(rawAvg);
			assertThat(r.get("count").asLong()).isEqualTo(40);
		});
		JsonNode cost = body(get("/api/v1/quality/vs-cost?range=24h", viewer)).get("data");
		assertThat(cost).singleElement().satisfies((r) -> {
			assertThat(r.get("agent_id").asString()).isEqualTo("sales-agent-1");
			assertThat(r.get("avg_score").asDouble()).isEqualTo(rawAvg);
			assertThat(r.get("scored_count").asLong()).isEqualTo(40);
		});
		// foreign workspace: nothing of ws is visible
		assertThat(body(get("/api/v1/quality/by-intent?range=24h", TestJwts.user(this.foreign, Role.VIEWER)))
			.get("data")).isEmpty();
		assertThat(body(get("/api/v1/quality/overview?range=24h", TestJwts.user(this.foreign, Role.VIEWER)))
			.at("/data/scored_count").asLong()).isZero();

		// a queued trace, reviewed by an analyst: backlog 1 → 0, one human score; undo reopens it
		enqueue(ws, ids.get(0), hour, rubric);
		assertThat(body(get("/api/v1/quality/overview?range=24h", viewer)).at("/data/review_backlog").asLong())
			.isEqualTo(1);
		String analyst = TestJwts.user(ws, Role.ANALYST);
		HttpResponse<String> outOfRange = send("POST", "/api/v1/quality/reviews", analyst,
				"{\"trace_id\":\"" + ids.get(0) + "\",\"rubric_id\":\"" + rubric + "\",\"score\":120}", null);
		assertThat(outOfRange.statusCode()).isEqualTo(400);
		assertThat(body(outOfRange).at("/error/details/field").asString()).isEqualTo("score");
		HttpResponse<String> review = send("POST", "/api/v1/quality/reviews", analyst,
				"{\"trace_id\":\"" + ids.get(0) + "\",\"rubric_id\":\"" + rubric
						+ "\",\"score\":35,\"label\":\"incorrect\"}", null);
		assertThat(review.statusCode()).as(review.body()).isEqualTo(201);
		JsonNode afterReview = body(get("/api/v1/quality/overview?range=24h", viewer)).get("data");
		assertThat(afterReview.get("review_backlog").asLong()).isZero();
		assertThat(afterReview.get("reviews_completed").asLong()).isEqualTo(1);
		assertThat(afterReview.get("avg_score").asDouble()).isEqualTo(rawAvg); // human scores stay out of it
		assertThat(send("POST", "/api/v1/quality/reviews", analyst, "{\"trace_id\":\"" + ids.get(0)
				+ "\",\"rubric_id\":\"" + rubric + "\",\"score\":50}", null).statusCode()).isEqualTo(409);
		HttpResponse<String> undo = send("POST",
				"/api/v1/quality/actions/" + body(review).at("/data/action_id").asString() + "/rollback",
				TestJwts.user(ws, Role.OPERATOR), null, null);
		assertThat(undo.statusCode()).as(undo.body()).isEqualTo(201);
		assertThat(count("SELECT count(*) FROM evaluations WHERE workspace_id = ? AND evaluator = 'human'", ws))
			.isZero();
		assertThat(count("SELECT COALESCE(sum(score_count), 0) FROM evaluation_rollups_hourly "
				+ "WHERE workspace_id = ? AND evaluator = 'human'", ws)).isZero();
		assertThat(body(get("/api/v1/quality/review-queue", viewer)).get("data")).hasSize(1);
	}

	@Test
	void agreement_givesKappa0point400_forTheTextbookMatrix_andPearsonAsPostgresComputesIt() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Accuracy");
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
		// automated verdict × human verdict: [[20, 5], [10, 15]] (pass first)
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, department_code,
					                         rubric_id, rubric_version, evaluator, status, score, passed)
					VALUES (?, ?, ?, 'sales-agent-1', 'sales', ?, 1, ?, 'scored', ?, ?)""")) {
				for (int i = 0; i < 50; i++) {
					boolean autoPass = i < 25;
					boolean humanPass = (i < 20) || (i >= 25 && i < 35);
					double autoScore = autoPass ? 76 + (i % 20) : 40 + (i % 30);
					double humanScore = humanPass ? 75 + ((i * 7) % 25) : 30 + ((i * 3) % 40);
					for (String evaluator : List.of("heuristic", "human")) {
						boolean human = evaluator.equals("human");
						ps.setObject(1, ws);
						ps.setString(2, "tr_agree_" + i);
						ps.setTimestamp(3, Timestamp.from(hour.plusSeconds(i)));
						ps.setObject(4, rubric);
						ps.setString(5, evaluator);
						ps.setDouble(6, human ? humanScore : autoScore);
						ps.setBoolean(7, human ? humanPass : autoPass);
						ps.addBatch();
					}
				}
				ps.executeBatch();
			}
		});
		JsonNode rows = body(get("/api/v1/quality/agreement?range=24h", TestJwts.user(ws, Role.VIEWER))).get("data");
		assertThat(rows).singleElement().satisfies((r) -> {
			assertThat(r.get("rubric_name").asString()).isEqualTo("Accuracy");
			assertThat(r.get("evaluator").asString()).isEqualTo("heuristic");
			assertThat(r.get("pairs").asLong()).isEqualTo(50);
			assertThat(r.get("kappa").asDouble()).isEqualTo(0.4);
			assertThat(r.get("agreement_pct").asDouble()).isEqualTo(70.0);
			assertThat(r.at("/confusion/automated_pass_human_fail").asLong()).isEqualTo(5);
			assertThat(r.get("pearson").asDouble()).isCloseTo(number("""
					SELECT round(CAST(corr(a.score, h.score) AS numeric), 3) FROM evaluations a
					JOIN evaluations h ON h.workspace_id = a.workspace_id AND h.trace_id = a.trace_id
					 AND h.evaluator = 'human'
					WHERE a.workspace_id = ? AND a.evaluator = 'heuristic'""", ws),
					org.assertj.core.data.Offset.offset(0.0005));
		});
		// department filter and foreign workspace see none of it
		assertThat(body(get("/api/v1/quality/agreement?range=24h&department=support", TestJwts.user(ws, Role.VIEWER)))
			.get("data")).isEmpty();
		assertThat(body(get("/api/v1/quality/agreement?range=24h", TestJwts.user(this.foreign, Role.VIEWER)))
			.get("data")).isEmpty();
	}

	// ---------------------------------------------------------------- evaluator rules

	@Test
	void ruleActions_createUpdateDisableDelete_eachUndoable() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		HttpResponse<String> created = send("POST", "/api/v1/quality/rules", operator, "{\"name\":\"Sales 10 %\","
				+ "\"rubric_id\":\"" + rubric + "\",\"evaluator\":\"heuristic\",\"departments\":[\"sales\"],"
				+ "\"sampling_rate\":0.1}", "k-rule-1");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String ruleId = body(created).at("/data/result/rule_id").asString();
		assertThat(body(send("POST", "/api/v1/quality/rules", operator, "{\"name\":\"Sales 10 %\",\"rubric_id\":\""
				+ rubric + "\",\"evaluator\":\"heuristic\",\"departments\":[\"sales\"],\"sampling_rate\":0.1}",
				"k-rule-1")).at("/data/result/rule_id").asString()).isEqualTo(ruleId);
		JsonNode listed = body(get("/api/v1/quality/rules", TestJwts.user(ws, Role.VIEWER))).get("data");
		assertThat(listed).singleElement().satisfies((r) -> {
			assertThat(r.get("rule_id").asString()).isEqualTo(ruleId);
			assertThat(r.get("rubric_name").asString()).isEqualTo("Helpfulness");
			assertThat(r.get("departments").get(0).asString()).isEqualTo("sales");
			assertThat(r.get("environments")).isEmpty();
			assertThat(r.get("sampling_rate").asDouble()).isEqualTo(0.1);
			assertThat(r.get("enabled").asBoolean()).isTrue();
		});

		HttpResponse<String> updated = send("PUT", "/api/v1/quality/rules/" + ruleId, operator, "{\"name\":\"All 50 %\","
				+ "\"rubric_id\":\"" + rubric + "\",\"evaluator\":\"heuristic\",\"sampling_rate\":0.5}", null);
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(201);
		assertThat(number("SELECT sampling_rate FROM evaluator_rules WHERE workspace_id = ?", ws)).isEqualTo(0.5);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ? AND departments IS NULL", ws))
			.isEqualTo(1);
		rollback(operator, updated);
		assertThat(number("SELECT sampling_rate FROM evaluator_rules WHERE workspace_id = ?", ws)).isEqualTo(0.1);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ? AND departments = '{sales}'", ws))
			.isEqualTo(1);

		HttpResponse<String> disabled = send("POST", "/api/v1/quality/rules/" + ruleId + "/enabled", operator,
				"{\"enabled\":false}", null);
		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(201);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ? AND is_enabled", ws)).isZero();
		rollback(operator, disabled);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ? AND is_enabled", ws)).isEqualTo(1);

		HttpResponse<String> deleted = send("DELETE", "/api/v1/quality/rules/" + ruleId, operator, null, null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(201);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ?", ws)).isZero();
		rollback(operator, deleted);
		assertThat(body(get("/api/v1/quality/rules", operator)).at("/data/0/rule_id").asString()).isEqualTo(ruleId);
		assertThat(body(get("/api/v1/quality/rules", operator)).at("/data/0/name").asString()).isEqualTo("Sales 10 %");

		rollback(operator, created);
		assertThat(count("SELECT count(*) FROM evaluator_rules WHERE workspace_id = ?", ws)).isZero();
	}

	@Test
	void ruleActions_answer4xxNamingTheField_forBadInput_andForeignIds() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		UUID foreignRubric = insertRubric(this.foreign, "Theirs");
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String base = "\"name\":\"r\",\"rubric_id\":\"" + rubric + "\"";
		Map<String, String> bad = Map.of(
				"{" + base + ",\"evaluator\":\"magic\",\"sampling_rate\":0.1}", "evaluator",
				"{" + base + ",\"evaluator\":\"heuristic\",\"sampling_rate\":1.5}", "sampling_rate",
				"{" + base + ",\"evaluator\":\"heuristic\"}", "sampling_rate",
				"{" + base + ",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1,\"daily_cost_cap_usd\":5}",
				"daily_cost_cap_usd",
				"{\"name\":\"\",\"rubric_id\":\"" + rubric + "\",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1}",
				"name",
				"{\"name\":\"r\",\"rubric_id\":\"x\",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1}",
				"rubric_id");
		for (Map.Entry<String, String> e : bad.entrySet()) {
			HttpResponse<String> response = send("POST", "/api/v1/quality/rules", operator, e.getKey(), null);
			assertThat(response.statusCode()).as(e.getKey()).isEqualTo(400);
			assertThat(body(response).at("/error/details/field").asString()).isEqualTo(e.getValue());
		}
		assertThat(send("POST", "/api/v1/quality/rules", operator, "{\"name\":\"r\",\"rubric_id\":\"" + foreignRubric
				+ "\",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1}", null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/api/v1/quality/rules", operator, "{" + base
				+ ",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1,\"departments\":[\"legal\"]}", null)
			.statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/v1/quality/rules/" + UUID.randomUUID(), operator, null, null).statusCode())
			.isEqualTo(404);
		assertThat(send("POST", "/api/v1/quality/rules", TestJwts.user(ws, Role.ANALYST), "{" + base
				+ ",\"evaluator\":\"heuristic\",\"sampling_rate\":0.1}", null).statusCode()).isEqualTo(403);
	}

	private void rollback(String token, HttpResponse<String> action) throws Exception {
		HttpResponse<String> undo = send("POST",
				"/api/v1/quality/actions/" + body(action).at("/data/action_id").asString() + "/rollback", token, null,
				null);
		assertThat(undo.statusCode()).as(undo.body()).isEqualTo(201);
	}

	// ---------------------------------------------------------------- backfill

	@Test
	void backfill_scoresThePastWindowsSample_aRerunAddsNoDuplicate_andItsUndoRemovesWhatItWrote() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		UUID rule = insertRule(ws, rubric, 0.5);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
		List<String> ids = insertTraces(ws, "support-bot-1", 1200, hour);
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String window = "\"from\":\"" + hour + "\",\"to\":\"" + hour.plus(1, ChronoUnit.HOURS) + "\"";

		HttpResponse<String> started = send("POST", "/api/v1/quality/backfills", operator,
				"{\"rule_id\":\"" + rule + "\"," + window + ",\"rate_per_second\":2000}", "k-backfill-1");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String backfill = body(started).at("/data/result/backfill_id").asString();
		assertThat(body(started).at("/data/result/total_traces").asLong()).isEqualTo(1200);
		// the same key answers the same run
		assertThat(body(send("POST", "/api/v1/quality/backfills", operator,
				"{\"rule_id\":\"" + rule + "\"," + window + ",\"rate_per_second\":2000}", "k-backfill-1"))
			.at("/data/result/backfill_id").asString()).isEqualTo(backfill);
		JsonNode done = awaitBackfill(operator, backfill, "done");
		int expected = expectedSample(ids, 0.5);
		assertThat(done.get("written_count").asLong()).isEqualTo(expected);
		assertThat(done.get("processed_traces").asLong()).isEqualTo(1200);
		assertThat(done.get("progress_pct").asDouble()).isEqualTo(100.0);
		assertThat(count("SELECT count(*) FROM evaluations WHERE workspace_id = ? AND backfill_id IS NOT NULL", ws))
			.isEqualTo(expected);
		assertThat(count("SELECT COALESCE(sum(score_count), 0) FROM evaluation_rollups_hourly WHERE workspace_id = ?",
				ws)).isEqualTo(expected);

		// a second run of the same window writes nothing: (trace, rubric version, evaluator) is unique
		HttpResponse<String> rerun = send("POST", "/api/v1/quality/backfills", operator,
				"{\"rule_id\":\"" + rule + "\"," + window + ",\"rate_per_second\":2000}", null);
		assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(201);
		JsonNode second = awaitBackfill(operator, body(rerun).at("/data/result/backfill_id").asString(), "done");
		assertThat(second.get("written_count").asLong()).isZero();
		assertThat(count("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws)).isEqualTo(expected);

		// undo of the first run removes its evaluations and their rollup counts
		HttpResponse<String> undo = send("POST",
				"/api/v1/quality/actions/" + body(started).at("/data/action_id").asString() + "/rollback", operator,
				null, null);
		assertThat(undo.statusCode()).as(undo.body()).isEqualTo(201);
		assertThat(count("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws)).isZero();
		assertThat(count("SELECT COALESCE(sum(score_count), 0) FROM evaluation_rollups_hourly WHERE workspace_id = ?",
				ws)).isZero();
		assertThat(body(get("/api/v1/quality/backfills/" + backfill, operator)).at("/data/status").asString())
			.isEqualTo("cancelled");
	}

	@Test
	void backfill_isRateBounded_cancelStopsIt_andUndoingTheCancelResumesFromTheCursor() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		UUID rule = insertRule(ws, rubric, 1.0);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(7, ChronoUnit.HOURS);
		insertTraces(ws, "support-bot-1", 60, hour);
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String window = "\"from\":\"" + hour + "\",\"to\":\"" + hour.plus(1, ChronoUnit.HOURS) + "\"";
		HttpResponse<String> started = send("POST", "/api/v1/quality/backfills", operator,
				"{\"rule_id\":\"" + rule + "\"," + window + ",\"rate_per_second\":5}", null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String backfill = body(started).at("/data/result/backfill_id").asString();
		// one active run per rule
		assertThat(send("POST", "/api/v1/quality/backfills", operator,
				"{\"rule_id\":\"" + rule + "\"," + window + "}", null).statusCode()).isEqualTo(409);
		awaitProcessed(operator, backfill, 5);
		Thread.sleep(1000);
		long processed = body(get("/api/v1/quality/backfills/" + backfill, operator)).at("/data/processed_traces")
			.asLong();
		HttpResponse<String> cancel = send("POST", "/api/v1/quality/backfills/" + backfill + "/cancel", operator,
				null, null);
		assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(201);
		JsonNode cancelled = body(get("/api/v1/quality/backfills/" + backfill, operator)).get("data");
		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		// 5 traces a second: well short of the window (pages of 5, each at least a second)
		assertThat(cancelled.get("processed_traces").asLong()).isLessThan(30).isGreaterThanOrEqualTo(processed);
		long afterCancel = cancelled.get("processed_traces").asLong();
		Thread.sleep(1500);
		assertThat(body(get("/api/v1/quality/backfills/" + backfill, operator)).at("/data/processed_traces").asLong())
			.isEqualTo(afterCancel);
		assertThat(send("POST", "/api/v1/quality/backfills/" + backfill + "/cancel", operator, null, null)
			.statusCode()).isEqualTo(409);

		// undo of the cancel: queued again, it resumes at its cursor and finishes without duplicates
		HttpResponse<String> resume = send("POST",
				"/api/v1/quality/actions/" + body(cancel).at("/data/action_id").asString() + "/rollback", operator, null,
				null);
		assertThat(resume.statusCode()).as(resume.body()).isEqualTo(201);
		JsonNode finished = awaitBackfill(operator, backfill, "done");
		assertThat(finished.get("processed_traces").asLong()).isEqualTo(60);
		assertThat(count("SELECT count(*) FROM evaluations WHERE workspace_id = ?", ws)).isEqualTo(60);
	}

	@Test
	void backfill_answers4xxNamingTheField_forBadInput_andForeignRules() throws Exception {
		UUID ws = createWorkspace();
		UUID rubric = insertRubric(ws, "Helpfulness");
		UUID rule = insertRule(ws, rubric, 1.0);
		String operator = TestJwts.user(ws, Role.OPERATOR);
		Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
		String from = to.minus(1, ChronoUnit.HOURS).toString();
		Map<String, String> bad = Map.of(
				"{\"rule_id\":\"nope\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", "rule_id",
				"{\"rule_id\":\"" + rule + "\",\"from\":\"yesterday\",\"to\":\"" + to + "\"}", "from",
				"{\"rule_id\":\"" + rule + "\",\"from\":\"" + to + "\",\"to\":\"" + from + "\"}", "to",
				"{\"rule_id\":\"" + rule + "\",\"from\":\"" + from + "\",\"to\":\"" + to
						+ "\",\"rate_per_second\":0}",
				"rate_per_second");
		for (Map.Entry<String, String> e : bad.entrySet()) {
			HttpResponse<String> response = send("POST", "/api/v1/quality/backfills", operator, e.getKey(), null);
			assertThat(response.statusCode()).as(e.getKey()).isEqualTo(400);
			assertThat(body(response).at("/error/details/field").asString()).isEqualTo(e.getValue());
		}
		String body = "{\"rule_id\":\"" + rule + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
		assertThat(send("POST", "/api/v1/quality/backfills", TestJwts.user(this.foreign, Role.OPERATOR), body, null)
			.statusCode()).isEqualTo(404);
		assertThat(send("POST", "/api/v1/quality/backfills", TestJwts.user(ws, Role.VIEWER), body, null).statusCode())
			.isEqualTo(403);
		assertThat(get("/api/v1/quality/backfills/" + UUID.randomUUID(), operator).statusCode()).isEqualTo(404);
	}

	private JsonNode awaitBackfill(String token, String id, String status) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		JsonNode run = null;
		while (System.currentTimeMillis() < deadline) {
			run = body(get("/api/v1/quality/backfills/" + id, token)).get("data");
			if (status.equals(run.get("status").asString())) {
				return run;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("backfill " + id + " not " + status + ": " + run);
	}

	private void awaitProcessed(String token, String id, long atLeast) throws Exception {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			if (body(get("/api/v1/quality/backfills/" + id, token)).at("/data/processed_traces").asLong() >= atLeast) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("backfill " + id + " did not start");
	}

	// ---------------------------------------------------------------- helpers

	private int expectedSample(List<String> ids, double rate) {
		return (int) ids.stream()
			.filter((id) -> com.agentobs.evaluation.online.Sampling.sampled("default", id, rate))
			.count();
	}

	private Set<String> traceSet(UUID ws, UUID rubric) throws Exception {
		Set<String> ids = new HashSet<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c
				.prepareStatement("SELECT trace_id FROM evaluations WHERE workspace_id = ? AND rubric_id = ?")) {
				ps.setObject(1, ws);
				ps.setObject(2, rubric);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						ids.add(rs.getString(1));
					}
				}
			}
		});
		return ids;
	}

	/** Waits until the group delivered this entry and nothing is pending (it was handled and acknowledged). */
	private void awaitHandled(RecordId id) throws Exception {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			StreamInfo.XInfoGroup group = this.redis.opsForStream()
				.groups(TraceStreams.PROCESSED)
				.stream()
				.filter((g) -> g.groupName().equals("evaluators"))
				.findFirst()
				.orElse(null);
			PendingMessagesSummary pending = this.redis.opsForStream().pending(TraceStreams.PROCESSED, "evaluators");
			if (group != null && notBefore(RecordId.of(group.lastDeliveredId()), id)
					&& (pending == null || pending.getTotalPendingMessages() == 0)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("entry " + id + " was not handled within 30 s");
	}

	private static boolean notBefore(RecordId a, RecordId b) {
		return a.getTimestamp() > b.getTimestamp()
				|| (a.getTimestamp().equals(b.getTimestamp()) && a.getSequence() >= b.getSequence());
	}

	private RecordId publish(UUID ws, List<String> ids, Instant hour) {
		TracesProcessedEvent event = new TracesProcessedEvent(ws, ids, 0, hour, hour.plus(1, ChronoUnit.HOURS),
				Instant.now());
		return this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.PROCESSED)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD,
						this.mapper.writeValueAsString(event))));
	}

	private void awaitCount(String sql, UUID ws, long expected) throws Exception {
		long deadline = System.currentTimeMillis() + 30_000;
		long actual = count(sql, ws);
		while (actual != expected && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			actual = count(sql, ws);
		}
		assertThat(actual).as(sql).isEqualTo(expected);
	}

	private UUID createWorkspace() throws Exception {
		TestTenant tenant = this.tenants.create();
		UUID id = tenant.id();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO departments (workspace_id, department_code, "
					+ "department_name) VALUES (?, 'sales', 'Sales'), (?, 'support', 'Customer Support')")) {
				ps.setObject(1, id);
				ps.setObject(2, id);
				ps.executeUpdate();
			}
		});
		return id;
	}

	private UUID insertRubric(UUID ws, String name) throws Exception {
		UUID id = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement ps = c
				.prepareStatement("INSERT INTO rubrics (id, workspace_id, name) VALUES (?, ?, ?)")) {
				ps.setObject(1, id);
				ps.setObject(2, ws);
				ps.setString(3, name);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO rubric_versions (workspace_id, rubric_id, "
					+ "version, criteria, pass_threshold) VALUES (?, ?, 1, ?::jsonb, 75)")) {
				ps.setObject(1, ws);
				ps.setObject(2, id);
				ps.setString(3, CRITERIA);
				ps.executeUpdate();
			}
		});
		return id;
	}

	private UUID insertRule(UUID ws, UUID rubric, double rate) throws Exception {
		UUID id = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluator_rules (id, workspace_id, name, "
					+ "rubric_id, evaluator, sampling_rate) VALUES (?, ?, 'rule', ?, 'heuristic', ?)")) {
				ps.setObject(1, id);
				ps.setObject(2, ws);
				ps.setObject(3, rubric);
				ps.setDouble(4, rate);
				ps.executeUpdate();
			}
		});
		return id;
	}

	private List<String> insertTraces(UUID ws, String agent, int n, Instant hour) throws Exception {
		List<String> ids = new ArrayList<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, input, output, status, latency_ms,
					                    department_id, environment, version, intent_category, sample_rate)
					VALUES (?, ?, ?, ?, 'How do I reset my password?', ?, 'success', ?,
					        (SELECT id FROM departments WHERE workspace_id = ? AND department_code = ?),
					        'production', 'v2.1', 'account', ?)""")) {
				for (int i = 0; i < n; i++) {
					String id = "tr_" + UUID.randomUUID().toString().replace("-", "");
					ids.add(id);
					ps.setString(1, id);
					ps.setObject(2, ws);
					ps.setString(3, agent);
					ps.setTimestamp(4, Timestamp.from(hour.plusSeconds(i)));
					ps.setString(5, (i % 3 == 0) ? "I'm sorry, but I cannot help with that."
							: "Open settings, choose security and follow the reset link sent to you " + "x".repeat(i));
					ps.setInt(6, 500 + 100 * i);
					ps.setObject(7, ws);
					ps.setString(8, agent.startsWith("sales") ? "sales" : "support");
					ps.setInt(9, 1 + i % 3);
					ps.addBatch();
				}
				ps.executeBatch();
			}
		});
		return ids;
	}

	private void enqueue(UUID ws, String traceId, Instant hour, UUID rubric) throws Exception {
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_queue_items (workspace_id, trace_id, "
					+ "trace_timestamp, agent_id, rubric_id, reason) VALUES (?, ?, ?, 'sales-agent-1', ?, 'low score')")) {
				ps.setObject(1, ws);
				ps.setString(2, traceId);
				ps.setTimestamp(3, Timestamp.from(hour));
				ps.setObject(4, rubric);
				ps.executeUpdate();
			}
		});
	}

	private long count(String sql, UUID ws) throws Exception {
		return (long) number(sql, ws);
	}

	private double number(String sql, UUID ws) throws Exception {
		double[] value = new double[1];
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement(sql)) {
				ps.setObject(1, ws);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					value[0] = rs.getDouble(1);
				}
			}
		});
		return value[0];
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
