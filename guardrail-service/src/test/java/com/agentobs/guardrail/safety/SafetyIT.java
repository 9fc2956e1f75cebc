package com.agentobs.guardrail.safety;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.stream.TracesProcessedEvent;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import static com.agentobs.testsupport.TestStores.ownerLong;
import static com.agentobs.testsupport.TestStores.ownerUpdate;
import static com.agentobs.testsupport.TestStores.ownerValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safety end to end against the real PostgreSQL and Redis: policies as actions, the inline check
 * (mode changes seen within 2 s, redaction, quarantine), violations that never hold a raw value,
 * the false-positive mark, and the trace scanner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agentobs.actions.relay-grace=1h") // the same context as the other guardrail ITs
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SafetyIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMAIL = "dana.scully@fbi.example.gov";

	private static final String CARD = "4111 1111 1111 1111";

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ObjectMapper mapper;

	TestTenant tenant;

	String admin;

	String operator;

	String viewer;

	@BeforeAll
	void workspace() {
		this.tenant = TestTenant.create("safety-it");
		this.admin = TestJwts.user(this.tenant.id(), Role.ADMIN);
		this.operator = TestJwts.user(this.tenant.id(), Role.OPERATOR);
		this.viewer = TestJwts.user(this.tenant.id(), Role.VIEWER);
	}

	@AfterAll
	void cleanUp() {
		this.tenant.close();
	}

	@Test
	void policyModeChange_isSeenByTheCheckWithinTwoSeconds_andItsRollbackRestoresIt() throws Exception {
		String agent = this.tenant.agent("support-mode-" + suffix());
		String policy = createPolicy("pii-" + suffix(), "pii", "monitor", "{\"agents\":[\"" + agent + "\"]}");
		JsonNode monitored = check(agent, "write to " + EMAIL);
		assertThat(monitored.at("/data/decision").asString()).isEqualTo("allow");
		assertThat(monitored.at("/data/findings/0/type").asString()).isEqualTo("email");
		assertThat(monitored.at("/data/findings/0/action").asString()).isEqualTo("monitor");

		HttpResponse<String> setMode = send("POST", "/api/v1/guardrails/policies/" + policy + "/mode", this.admin,
				"{\"enforcement_mode\":\"block\",\"reason\":\"PII spike\"}");
		assertThat(setMode.statusCode()).as(setMode.body()).isEqualTo(201);
		Instant changed = Instant.now();
		JsonNode blocked = pollCheck(agent, "write to " + EMAIL, "block", Duration.ofSeconds(2));
		assertThat(blocked.at("/data/decision").asString()).as("seen %s after the change",
				Duration.between(changed, Instant.now())).isEqualTo("block");

		String actionId = body(setMode).at("/data/action_id").asString();
		assertThat(send("POST", "/api/v1/actions/" + actionId + "/rollback", this.admin, "{}").statusCode())
			.isEqualTo(201);
		assertThat(pollCheck(agent, "write to " + EMAIL, "allow", Duration.ofSeconds(2)).at("/data/decision").asString())
			.isEqualTo("allow");
	}

	@Test
	void check_answersAnAgentsApiKeyToken_butNotATokenWithoutConfigRead() throws Exception {
		String agent = this.tenant.agent("support-agent-key-" + suffix());
		String body = this.mapper.writeValueAsString(Map.of("agent_id", agent, "direction", "input", "text", "hello"));
		String agentToken = TestJwts.agent(UUID.randomUUID(), this.tenant.id(),
				List.of(TokenClaims.PERMISSION_INGEST, TokenClaims.PERMISSION_CONFIG_READ));
		HttpResponse<String> answer = send("POST", "/api/v1/guardrails/check", agentToken, body);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(body(answer).at("/data/decision").asString()).isEqualTo("allow");
		String ingestOnly = TestJwts.agent(UUID.randomUUID(), this.tenant.id(), List.of(TokenClaims.PERMISSION_INGEST));
		assertThat(send("POST", "/api/v1/guardrails/check", ingestOnly, body).statusCode()).isEqualTo(403);
	}

	@Test
	void redactPolicy_replacesValuesWithTypedPlaceholders_stableWithinTheCall() throws Exception {
		String agent = this.tenant.agent("support-redact-" + suffix());
		createPolicy("pii-redact-" + suffix(), "pii", "redact", "{\"agents\":[\"" + agent + "\"]}");
		JsonNode answer = pollCheck(agent, "mail " + EMAIL + ", card " + CARD + ", again " + EMAIL, "redact",
				Duration.ofSeconds(2));
		assertThat(answer.at("/data/redacted_text").asString())
			.isEqualTo("mail <EMAIL_1>, card <CREDIT_CARD_1>, again <EMAIL_1>");
	}

	@Test
	void quarantine_blocksEveryCheck_andShowsInTheConfig_untilItsRollback() throws Exception {
		String agent = this.tenant.agent("sales-quarantine-" + suffix());
		assertThat(check(agent, "hello").at("/data/decision").asString()).isEqualTo("allow");
		HttpResponse<String> quarantine = send("POST", "/api/v1/agents/" + agent + "/quarantine", this.operator,
				"{\"reason\":\"leaking PII\"}");
		assertThat(quarantine.statusCode()).as(quarantine.body()).isEqualTo(201);
		JsonNode blocked = pollCheck(agent, "hello", "block", Duration.ofSeconds(2));
		assertThat(blocked.at("/data/quarantined").asBoolean()).isTrue();
		assertThat(body(get("/api/v1/agents/" + agent + "/config", this.operator)).at("/data/status").asString())
			.isEqualTo("quarantined");

		String actionId = body(quarantine).at("/data/action_id").asString();
		assertThat(send("POST", "/api/v1/actions/" + actionId + "/rollback", this.operator, "{}").statusCode())
			.isEqualTo(201);
		assertThat(pollCheck(agent, "hello", "allow", Duration.ofSeconds(2)).at("/data/decision").asString())
			.isEqualTo("allow");
		assertThat(body(get("/api/v1/agents/" + agent + "/config", this.operator)).at("/data/status").asString())
			.isEqualTo("active");
	}

	/** The promise that makes the Safety tab safe to open: a violation never stores the value it is about. */
	@Test
	void violations_storeRedactedExcerptsOnly_andTheFalsePositiveMarkMovesTheKpiAndRollsBack() throws Exception {
		String agent = this.tenant.agent("finance-fp-" + suffix());
		createPolicy("secrets-" + suffix(), "secret", "block", "{\"agents\":[\"" + agent + "\"]}");
		String key = "AKIAZ7Q2EXAMPLE4KEY9";
		assertThat(pollCheck(agent, "deploy with " + key + " now", "block", Duration.ofSeconds(2))
			.at("/data/decision").asString()).isEqualTo("block");

		String violation = awaitValue("SELECT id::text FROM guardrail_violations WHERE workspace_id = ? AND agent_id = ?",
				this.tenant.id(), agent);
		assertThat(violation).isNotNull();
		assertThat(ownerLong("SELECT count(*) FROM guardrail_violations WHERE workspace_id = ? AND details::text LIKE ?",
				this.tenant.id(), "%" + key + "%")).as("rows holding the raw key").isZero();
		assertThat(ownerValue("SELECT details ->> 'excerpt' FROM guardrail_violations WHERE id = CAST(? AS uuid)",
				violation)).contains("<SECRET_1>");

		double before = overview(agent).at("/data/false_positive_rate").asDouble();
		HttpResponse<String> mark = send("POST", "/api/v1/safety/violations/" + violation + "/false-positive",
				this.operator, "{\"reason\":\"test key\"}");
		assertThat(mark.statusCode()).as(mark.body()).isEqualTo(201);
		assertThat(overview(agent).at("/data/false_positive_rate").asDouble()).isGreaterThan(before);
		String actionId = body(mark).at("/data/action_id").asString();
		assertThat(send("POST", "/api/v1/actions/" + actionId + "/rollback", this.operator, "{}").statusCode())
			.isEqualTo(201);
		assertThat(overview(agent).at("/data/false_positive_rate").asDouble()).isEqualTo(before);
	}

	@Test
	void traceScanner_recordsCoveredFindingsOfStoredTraces_once_evenWhenTheEventIsReplayed() throws Exception {
		String agent = this.tenant.agent("support-scan-" + suffix());
		createPolicy("pii-scan-" + suffix(), "pii", "monitor", "{\"agents\":[\"" + agent + "\"]}");
		String traceId = "scan-" + suffix();
		ownerUpdate("INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, status, latency_ms, sample_rate, input, output) "
				+ "VALUES (?, ?, ?, now(), 'success', 120, 1, ?, 'sure')", this.tenant.id(), traceId, agent,
				"my card is " + CARD + " and mail " + EMAIL);
		publish(traceId);
		String count = "SELECT count(*) FROM guardrail_violations WHERE workspace_id = ? AND trace_id = ? AND source = 'trace_scan'";
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (ownerLong(count, this.tenant.id(), traceId) < 2 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(ownerLong(count, this.tenant.id(), traceId)).isEqualTo(2);
		publish(traceId); // a redelivery, or processing publishing again, adds nothing
		publish("marker-" + suffix());
		Thread.sleep(1500);
		assertThat(ownerLong(count, this.tenant.id(), traceId)).isEqualTo(2);
		assertThat(ownerLong("SELECT count(*) FROM guardrail_violations WHERE workspace_id = ? AND details::text LIKE ?",
				this.tenant.id(), "%4111%")).isZero();
	}

	/**
	 * The promise behind "the raw value is never written anywhere": raw PII and secrets go through the check
	 * (redacted, blocked and refused requests) and the trace scanner, then every table, every Redis stream
	 * and string, and everything the service logged are searched for them. Only {@code traces} may hold them:
	 * it is the agent's trace as ingested, which the scanner reads.
	 */
	@Test
	void rawPiiAndSecrets_reachNoTable_noStream_andNoLog(CapturedOutput output) throws Exception {
		String agent = this.tenant.agent("support-leak-" + suffix());
		createPolicy("pii-leak-" + suffix(), "pii", "redact", "{\"agents\":[\"" + agent + "\"]}");
		createPolicy("secret-leak-" + suffix(), "secret", "block", "{\"agents\":[\"" + agent + "\"]}");
		java.util.Random random = new java.util.Random();
		String email = "leak." + suffix() + "@example.org";
		String card = luhnVisa(random);
		String ssn = (100 + random.nextInt(500)) + "-" + (10 + random.nextInt(89)) + "-" + (1000 + random.nextInt(8999));
		String iban = iban(random);
		String aws = "AKIA" + alphanumeric(random, 16).toUpperCase(java.util.Locale.ROOT);
		String github = "ghp_" + alphanumeric(random, 36);
		String pii = "mail " + email + ", card " + card + ", ssn " + ssn + ", iban " + iban + ".";
		String secrets = "export AWS_ACCESS_KEY_ID=" + aws + " GITHUB_TOKEN=" + github;
		List<String> raw = List.of(email, card, card.replace(" ", ""), ssn, iban, iban.replace(" ", ""), aws, github);

		JsonNode redacted = pollCheck(agent, pii, "redact", Duration.ofSeconds(2));
		assertThat(redacted.at("/data/findings").size()).as("e-mail, card, SSN and IBAN found").isEqualTo(4);
		assertThat(redacted.at("/data/redacted_text").asString()).doesNotContain(raw);
		assertThat(pollCheck(agent, secrets, "block", Duration.ofSeconds(2)).at("/data/decision").asString())
			.isEqualTo("block");
		HttpResponse<String> refused = send("POST", "/api/v1/guardrails/check", this.viewer,
				this.mapper.writeValueAsString(Map.of("agent_id", agent, "direction", "sideways", "text", pii + secrets)));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain(raw);
		String traceId = "leak-" + suffix();
		ownerUpdate("INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, status, latency_ms, sample_rate, input, output) "
				+ "VALUES (?, ?, ?, now(), 'success', 120, 1, ?, ?)", this.tenant.id(), traceId, agent, pii, secrets);
		publish(traceId);
		String scanned = "SELECT count(*) FROM guardrail_violations WHERE workspace_id = ? AND agent_id = ? AND source = ?";
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while ((ownerLong(scanned, this.tenant.id(), agent, "trace_scan") < 6 || ownerLong(scanned, this.tenant.id(),
				agent, "check") < 6) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(ownerLong(scanned, this.tenant.id(), agent, "trace_scan")).as("violations from the scanner").isEqualTo(6);
		assertThat(ownerLong(scanned, this.tenant.id(), agent, "check")).as("violations from the check").isGreaterThanOrEqualTo(6);

		List<String> holding = new java.util.ArrayList<>();
		try (Connection c = TestStores.owner();
				PreparedStatement tables = c.prepareStatement("SELECT table_name FROM information_schema.tables "
						+ "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'traces'");
				ResultSet names = tables.executeQuery()) {
			while (names.next()) {
				String table = names.getString(1);
				try (PreparedStatement grep = c.prepareStatement(
						"SELECT count(*) FROM \"" + table + "\" x WHERE x::text LIKE ANY (?)")) {
					grep.setArray(1, c.createArrayOf("text", raw.stream().map((v) -> "%" + v + "%").toArray()));
					try (ResultSet rs = grep.executeQuery()) {
						rs.next();
						if (rs.getLong(1) > 0) {
							holding.add(table);
						}
					}
				}
			}
		}
		assertThat(holding).as("tables holding a raw value").isEmpty();
		assertThat(ownerLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
			.as("tables searched").isGreaterThan(20);

		List<String> inRedis = new java.util.ArrayList<>();
		for (String key : this.redis.keys("*")) {
			org.springframework.data.redis.connection.DataType type = this.redis.type(key);
			String values = switch (type) {
				case STREAM -> String.valueOf(this.redis.opsForStream()
					.range(key, org.springframework.data.domain.Range.unbounded()));
				case STRING -> this.redis.opsForValue().get(key);
				case HASH -> String.valueOf(this.redis.opsForHash().entries(key));
				default -> "";
			};
			if (values != null && raw.stream().anyMatch(values::contains)) {
				inRedis.add(key);
			}
		}
		assertThat(inRedis).as("Redis keys holding a raw value").isEmpty();
		assertThat(output.getAll()).as("the log").doesNotContain(raw);
	}

	private static String luhnVisa(java.util.Random random) {
		StringBuilder digits = new StringBuilder("4");
		while (digits.length() < 15) {
			digits.append(random.nextInt(10));
		}
		for (int check = 0; check < 10; check++) {
			String candidate = digits.toString() + check;
			int sum = 0;
			for (int i = 0; i < 16; i++) {
				int d = candidate.charAt(15 - i) - '0';
				sum += (i % 2 == 1) ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
			}
			if (sum % 10 == 0) {
				return candidate.replaceAll("(\\d{4})(?=\\d)", "$1 ");
			}
		}
		throw new IllegalStateException();
	}

	/** A valid British IBAN with a random account number, grouped by four. */
	private static String iban(java.util.Random random) {
		String bban = "WEST" + (100000 + random.nextInt(900000)) + (10000000 + random.nextInt(90000000));
		String numeric = bban.replace("W", "32").replace("E", "14").replace("S", "28").replace("T", "29") + "161100";
		int check = 98 - new java.math.BigInteger(numeric).mod(java.math.BigInteger.valueOf(97)).intValue();
		String iban = "GB" + String.format("%02d", check) + bban;
		return iban.replaceAll("(.{4})(?=.)", "$1 ");
	}

	private static String alphanumeric(java.util.Random random, int length) {
		String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(chars.charAt(random.nextInt(chars.length())));
		}
		return out.toString();
	}

	@Test
	void policies_refuseAnInvalidPattern_withTheField_andAreAdminOnly() throws Exception {
		HttpResponse<String> invalid = send("POST", "/api/v1/guardrails/policies", this.admin,
				"{\"name\":\"bad-" + suffix() + "\",\"policy_type\":\"custom\",\"enforcement_mode\":\"block\","
						+ "\"config\":{\"patterns\":[{\"name\":\"emp\",\"pattern\":\"EMP-(\\\\d{6}\"}]}}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(body(invalid).at("/error/details/field").asString()).isEqualTo("config.patterns[0].pattern");

		HttpResponse<String> byOperator = send("POST", "/api/v1/guardrails/policies", this.operator,
				"{\"name\":\"op-" + suffix() + "\",\"policy_type\":\"pii\",\"enforcement_mode\":\"block\"}");
		assertThat(byOperator.statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/v1/guardrails/check", this.viewer,
				"{\"agent_id\":\"x\",\"direction\":\"sideways\",\"text\":\"hi\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void safetyReads_answerEveryChart_andCountTheWorkspacesViolationsOnly() throws Exception {
		String agent = this.tenant.agent("legal-reads-" + suffix());
		createPolicy("toxicity-" + suffix(), "toxicity", "block", "{\"agents\":[\"" + agent + "\"]}");
		pollCheck(agent, "you stupid idiot, you are worthless", "block", Duration.ofSeconds(2));
		awaitValue("SELECT id::text FROM guardrail_violations WHERE workspace_id = ? AND agent_id = ?", this.tenant.id(),
				agent);
		long stored = ownerLong("SELECT count(*) FROM guardrail_violations WHERE workspace_id = ? AND detected_at > now() - interval '24 hours'",
				this.tenant.id());
		JsonNode overview = body(get("/api/v1/safety/overview?range=24h", this.viewer));
		assertThat(overview.at("/data/total_violations").asLong()).isEqualTo(stored);
		for (String path : List.of("violation-trends", "compliance-by-department", "guardrail-effectiveness", "heatmap",
				"top-agents", "violations", "policy-coverage", "audit-trail")) {
			HttpResponse<String> answer = get("/api/v1/safety/" + path + "?range=24h", this.viewer);
			assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
			assertThat(body(answer).get("data").isArray()).as(path).isTrue();
		}
		JsonNode violations = body(get("/api/v1/safety/violations?range=24h&agent_id=" + agent, this.viewer));
		assertThat(violations.at("/data/0/violation_type").asString()).isEqualTo("toxicity");
		assertThat(violations.at("/data/0/action_taken").asString()).isEqualTo("blocked");
		HttpResponse<String> csv = get("/api/v1/safety/audit-trail?range=24h&format=csv",
				TestJwts.user(this.tenant.id(), Role.ANALYST));
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body()).startsWith("created_at,action_id,action_type").contains("guardrail_policy.create");
		assertThat(get("/api/v1/safety/audit-trail?format=csv", this.viewer).statusCode()).isEqualTo(403);
		assertThat(get("/api/v1/safety/violations?severity=extreme", this.viewer).statusCode()).isEqualTo(400);
	}

	// ---------------------------------------------------------------- helpers

	private String createPolicy(String name, String type, String mode, String scope) throws Exception {
		HttpResponse<String> created = send("POST", "/api/v1/guardrails/policies", this.admin,
				"{\"name\":\"" + name + "\",\"policy_type\":\"" + type + "\",\"enforcement_mode\":\"" + mode
						+ "\",\"scope\":" + scope + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return body(created).at("/data/result/policy_id").asString();
	}

	private JsonNode check(String agent, String text) throws Exception {
		HttpResponse<String> answer = send("POST", "/api/v1/guardrails/check", this.viewer,
				this.mapper.writeValueAsString(Map.of("agent_id", agent, "direction", "input", "text", text)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return body(answer);
	}

	private JsonNode pollCheck(String agent, String text, String decision, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		JsonNode answer = check(agent, text);
		while (!decision.equals(answer.at("/data/decision").asString()) && System.nanoTime() < deadline) {
			Thread.sleep(20);
			answer = check(agent, text);
		}
		return answer;
	}

	private JsonNode overview(String agent) throws Exception {
		HttpResponse<String> answer = get("/api/v1/safety/overview?range=24h&agent_id=" + agent, this.viewer);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return body(answer);
	}

	private void publish(String traceId) {
		TracesProcessedEvent event = new TracesProcessedEvent(this.tenant.id(), List.of(traceId), 0, Instant.now(),
				Instant.now(), Instant.now());
		this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.PROCESSED)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, this.tenant.id().toString(), TraceStreams.FIELD_PAYLOAD,
						this.mapper.writeValueAsString(event))));
	}

	private String awaitValue(String sql, Object... params) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String value = ownerValue(sql, params);
		while (value == null && System.nanoTime() < deadline) {
			Thread.sleep(100);
			value = ownerValue(sql, params);
		}
		return value;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return TestHttp.get(this.port, path, token);
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		return TestHttp.send(this.port, method, path, token, json);
	}

}
