package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import static com.agentobs.testsupport.TestStores.asOwner;
import static com.agentobs.gemini.insights.AnswerJson.displays;
import static com.agentobs.gemini.insights.AnswerJson.evidence;
import static com.agentobs.gemini.insights.AnswerJson.facts;
import static com.agentobs.gemini.insights.AnswerJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insights and the model gateway endpoints against the real PostgreSQL and Redis, offline
 * (no key configured): a small seeded workspace with known totals, checked number by number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The placeholders of the quality/safety/incidents seed in order: the workspace or hours ago. */
	private static final String ORDER = String.join(",", "ws,2,ws,3,ws,30,ws,2", "ws,2,ws,2,ws,3,ws,3,ws,3,ws,30,ws,30",
			"ws,5,5,ws,2,ws,10,10,ws,30,30");

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	com.agentobs.gemini.llm.TextGenerator textGenerator;

	@Autowired
	InsightGenerator insightGenerator;

	TestTenant tenant;

	TestTenant other;

	String viewer;

	/** Month-to-date cost of engineering as seeded (the previous window may fall in last month). */
	BigDecimal engineeringMonthCost = BigDecimal.ZERO;

	@BeforeAll
	void seed() throws Exception {
		this.tenant = TestTenant.create("insights-it");
		this.other = TestTenant.create("insights-it");
		this.viewer = TestJwts.user(this.tenant.id(), Role.VIEWER);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
		Instant monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		UUID engineering = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement dept = c.prepareStatement("INSERT INTO departments (id, workspace_id, "
					+ "department_name, department_code, budget_monthly_usd) VALUES (?, ?, 'Engineering', "
					+ "'engineering', 1000)")) {
				dept.setObject(1, engineering);
				dept.setObject(2, this.tenant.id());
				dept.executeUpdate();
			}
			// agent, hours ago, requests, successes, errors, timeouts, rate limits, latency sum, cost, tokens
			Object[][] rows = { { "support-bot", 2, 800, 760, 40, 10, 5, 960_000, "40.00", 400_000 },
					{ "code-bot", 3, 200, 198, 2, 0, 0, 600_000, "60.00", 100_000 },
					{ "support-bot", 30, 500, 490, 10, 0, 0, 500_000, "25.00", 250_000 } };
			try (PreparedStatement insert = c.prepareStatement("""
					INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version,
					    trace_count, success_count, error_count, timeout_count, rate_limit_count, server_error_count,
					    latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
					VALUES (?, ?, ?, ?, 'production', 'v2.1', ?, ?, ?, ?, ?, 0, ?, ?, ?, '{}', '{}')
					""")) {
				for (Object[] row : rows) {
					Instant at = hour.minus((Integer) row[1], ChronoUnit.HOURS);
					insert.setTimestamp(1, Timestamp.from(at));
					insert.setObject(2, this.tenant.id());
					insert.setString(3, (String) row[0]);
					insert.setObject(4, engineering);
					for (int i = 2; i <= 7; i++) {
						insert.setLong(i + 3, ((Integer) row[i]).longValue());
					}
					insert.setBigDecimal(11, new BigDecimal((String) row[8]));
					insert.setLong(12, ((Integer) row[9]).longValue());
					insert.executeUpdate();
					if (!at.isBefore(monthStart)) {
						this.engineeringMonthCost = this.engineeringMonthCost.add(new BigDecimal((String) row[8]));
					}
				}
			}
			// Business: $2 per successful request of engineering, one goal at risk, a stored 2-day value forecast
			try (PreparedStatement business = c.prepareStatement("""
					WITH v AS (INSERT INTO value_models (workspace_id, department_id, model_type, value_per_outcome_usd)
					           VALUES (?, ?, 'per_outcome', 2.00)),
					     g AS (INSERT INTO business_goals (workspace_id, department_id, name, metric, unit, target_value,
					                                       start_date, target_date, status)
					           VALUES (?, ?, 'Engineering value', 'value_usd', 'usd', 5000, CURRENT_DATE - 10,
					                   CURRENT_DATE + 20, 'at_risk')),
					     r AS (INSERT INTO forecast_runs (id, workspace_id, series, model_name, params, history_from,
					                                      history_to, horizon_days, backtest_mape_pct)
					           VALUES (?, ?, 'value_usd', 'holt_damped', '{}', CURRENT_DATE - 10, CURRENT_DATE - 1, 2, 4.25))
					INSERT INTO impact_forecasts (workspace_id, run_id, forecast_date, predicted_value, lower_80, upper_80,
					                              lower_95, upper_95)
					VALUES (?, ?, CURRENT_DATE, 1000, 900, 1100, 800, 1200),
					       (?, ?, CURRENT_DATE + 1, 1100.40, 950, 1250, 900, 1300)
					""")) {
				UUID run = UUID.randomUUID();
				Object[] params = { this.tenant.id(), engineering, this.tenant.id(), engineering, run, this.tenant.id(),
						this.tenant.id(), run, this.tenant.id(), run };
				for (int i = 0; i < params.length; i++) {
					business.setObject(i + 1, params[i]);
				}
				business.executeUpdate();
			}
			// Quality, safety and incidents: the current 24 h window and one row in the previous one
			try (PreparedStatement ops = c.prepareStatement("""
					WITH q AS (INSERT INTO evaluation_rollups_hourly (workspace_id, hour, agent_id, evaluator, score_count,
					                  score_sum, pass_count, error_count, excellent_count, good_count, fair_count, poor_count)
					           VALUES (:ws, :h2, 'support-bot', 'heuristic', 100, 8000, 90, 0, 40, 40, 15, 5),
					                  (:ws, :h3, 'code-bot', 'llm_judge', 20, 1200, 10, 0, 2, 6, 6, 6),
					                  (:ws, :h30, 'support-bot', 'heuristic', 50, 4250, 48, 0, 20, 20, 9, 1),
					                  (:ws, :h2, 'support-bot', 'human', 10, 100, 0, 0, 0, 0, 0, 10)),
					     v AS (INSERT INTO guardrail_violations (workspace_id, detected_at, agent_id, violation_type, category,
					                  severity, action_taken, confidence, source, direction, is_false_positive)
					           VALUES (:ws, :h2, 'support-bot', 'email', 'pii', 'high', 'blocked', 0.9, 'check', 'input', false),
					                  (:ws, :h2, 'support-bot', 'email', 'pii', 'low', 'flagged', 0.9, 'check', 'output', false),
					                  (:ws, :h3, 'support-bot', 'email', 'pii', 'low', 'redacted', 0.9, 'check', 'output', false),
					                  (:ws, :h3, 'code-bot', 'secret', 'secrets', 'critical', 'blocked', 0.9, 'check', 'output', false),
					                  (:ws, :h3, 'support-bot', 'phone', 'pii', 'low', 'flagged', 0.5, 'check', 'output', true),
					                  (:ws, :h30, 'support-bot', 'email', 'pii', 'low', 'flagged', 0.9, 'check', 'input', false),
					                  (:ws, :h30, 'support-bot', 'email', 'pii', 'low', 'flagged', 0.9, 'check', 'input', false))
					INSERT INTO incidents (workspace_id, title, severity, status, cause, detected_at, resolved_at)
					VALUES (:ws, 'Error spike', 'sev2', 'resolved', 'error_spike', :h5, :h5 + interval '60 minutes'),
					       (:ws, 'Error spike again', 'sev3', 'open', 'error_spike', :h2, NULL),
					       (:ws, 'Slow answers', 'sev1', 'resolved', 'latency', :h10, :h10 + interval '30 minutes'),
					       (:ws, 'Old one', 'sev4', 'resolved', 'latency', :h30, :h30 + interval '10 minutes')
					""".replace(":ws", "CAST(? AS uuid)").replace(":h2", "CAST(? AS timestamptz)")
				.replace(":h30", "CAST(? AS timestamptz)").replace(":h3", "CAST(? AS timestamptz)")
				.replace(":h5", "CAST(? AS timestamptz)").replace(":h10", "CAST(? AS timestamptz)"))) {
				int n = 0;
				for (String token : ORDER.split(",")) {
					n++;
					if (token.equals("ws")) {
						ops.setObject(n, this.tenant.id());
					}
					else {
						ops.setTimestamp(n, Timestamp.from(hour.minus(Integer.parseInt(token), ChronoUnit.HOURS)));
					}
				}
				ops.executeUpdate();
			}
		});
	}

	/**
	 * No key, no network: every HTTP client (JDK, OkHttp, the Gemini SDK) and every plain socket asks the
	 * default ProxySelector where to connect, so recording it while fresh insights are written for every
	 * tab shows each connection the service opened; all of them must stay on this machine (the database,
	 * Redis and this test's own requests).
	 */
	@Test
	void offlineInsights_openNoConnectionBeyondThisMachine() throws Exception {
		java.net.ProxySelector previous = java.net.ProxySelector.getDefault();
		List<URI> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.net.ProxySelector.setDefault(new java.net.ProxySelector() {
			@Override
			public List<java.net.Proxy> select(URI uri) {
				seen.add(uri);
				return List.of(java.net.Proxy.NO_PROXY);
			}

			@Override
			public void connectFailed(URI uri, java.net.SocketAddress address, java.io.IOException ex) {
			}
		});
		try {
			this.redis.opsForValue().increment(DataVersion.key(this.tenant.id()));
			for (String tab : InsightTab.CODES) {
				JsonNode data = ok(get("/api/v1/insights?tab=" + tab + "&range=7d", this.viewer)).get("data");
				assertThat(data.get("provider").asString()).isEqualTo("offline");
			}
		}
		finally {
			java.net.ProxySelector.setDefault(previous);
		}
		assertThat(seen).allSatisfy((uri) -> assertThat(uri.getHost()).as(uri.toString()).isIn("127.0.0.1", "localhost", "[::1]", "::1"));
	}

	/** Value = 958 successful requests in the last 24 h × $2; ROI against the $100 they cost. */
	@Test
	void businessInsights_quoteValueRoiGoalsAndTheStoredForecast() throws Exception {
		JsonNode data = ok(get("/api/v1/insights?tab=business&range=24h", this.viewer)).get("data");
		assertThat(data.get("cards").size()).isBetween(3, 5);
		Map<String, String> facts = displays(data);
		assertThat(facts).containsEntry("value_usd", "1,916.00")
			.containsEntry("business_cost_usd", "100.00")
			.containsEntry("roi_pct", "1,816.0")
			.containsEntry("top_value_department", "Engineering")
			.containsEntry("goals_open", "1")
			.containsEntry("goals_at_risk", "1")
			.containsEntry("forecast_value_usd", "2,100")
			.containsEntry("forecast_mape_pct", "4.3");
		List<InsightCard> cards = cards(data);
		assertThat(cards.get(0).body()).contains("$1,916.00").contains("1,816.0%");
		assertThat(GroundingCheck.firstViolation(cards, sheet(data))).isEmpty();
	}

	/**
	 * Quality from the automated evaluators only (the human row is left out), violations as the Safety tab
	 * counts them (the false positive included and counted apart), incidents detected in the window, each
	 * against the previous 24 h.
	 */
	@Test
	void qualitySafetyAndIncidentsInsights_quoteTheSeededFigures() throws Exception {
		Map<String, Map<String, String>> expected = Map.of("quality",
				Map.of("scored_requests", "120", "avg_quality_score", "76.7", "avg_quality_score_before", "85.0",
						"quality_pass_rate_pct", "83.3", "quality_poor_share_pct", "9.2", "lowest_quality_agent",
						"code-bot", "lowest_quality_agent_score", "60.0"),
				"safety",
				Map.of("violations", "5", "violations_change_pct", "150.0", "violations_blocked", "2",
						"violations_severe", "2", "violations_false_positive", "1", "top_violation_type", "email",
						"top_violation_type_count", "3", "top_violation_agent", "support-bot",
						"top_violation_agent_count", "4", "top_violation_agent_share_pct", "80.0"),
				"incidents",
				Map.of("incidents", "3", "incidents_change_pct", "200.0", "incidents_severe", "2", "incidents_resolved",
						"2", "incidents_median_minutes_to_resolve", "45.0", "top_incident_cause", "error_spike",
						"top_incident_cause_count", "2", "open_incidents", "1", "firing_alerts", "0"));
		for (Map.Entry<String, Map<String, String>> tab : expected.entrySet()) {
			JsonNode data = ok(get("/api/v1/insights?tab=" + tab.getKey() + "&range=24h", this.viewer)).get("data");
			assertThat(data.get("cards").size()).as(tab.getKey()).isBetween(3, 5);
			assertThat(displays(data)).as(tab.getKey()).containsAllEntriesOf(tab.getValue());
			assertThat(GroundingCheck.firstViolation(cards(data), sheet(data))).as(tab.getKey()).isEmpty();
		}
	}

	/**
	 * Experiments, Configuration and Automations quote the current states (none seeded here: every count
	 * is zero, said as such) and still carry 3 cards from the traffic facts.
	 */
	@Test
	void experimentsConfigurationAndAutomationsInsights_quoteTheirCounts() throws Exception {
		Map<String, Map<String, String>> expected = Map.of("experiments",
				Map.of("experiments_running", "0", "canaries_aborted", "0"), "configuration",
				Map.of("agents_in_drift", "0", "approvals_pending", "0"), "automations",
				Map.of("playbook_runs", "0", "playbook_runs_awaiting_approval", "0"));
		for (Map.Entry<String, Map<String, String>> tab : expected.entrySet()) {
			JsonNode data = ok(get("/api/v1/insights?tab=" + tab.getKey() + "&range=24h", this.viewer)).get("data");
			assertThat(data.get("cards").size()).as(tab.getKey()).isBetween(3, 5);
			assertThat(displays(data)).as(tab.getKey()).containsAllEntriesOf(tab.getValue());
			assertThat(GroundingCheck.firstViolation(cards(data), sheet(data))).as(tab.getKey()).isEmpty();
		}
	}

	private static List<InsightCard> cards(JsonNode data) {
		List<InsightCard> cards = new ArrayList<>();
		data.get("cards").forEach((card) -> {
			List<String> evidence = new ArrayList<>();
			card.get("evidence").forEach((id) -> evidence.add(id.asString()));
			cards.add(new InsightCard(card.get("title").asString(), card.get("body").asString(),
					card.get("severity").asString(), evidence));
		});
		return cards;
	}

	@AfterAll
	void cleanUp() {
		this.tenant.close();
		this.other.close();
	}

	/** Without a key nothing may reach the network: both generators are the offline ones. */
	@Test
	void generators_areOffline_whenNoKeyIsConfigured() {
		assertThat(this.textGenerator).isInstanceOf(com.agentobs.gemini.llm.OfflineTextGenerator.class);
		assertThat(this.insightGenerator).isInstanceOf(OfflineInsightGenerator.class);
	}

	@Test
	void insights_quoteTheSeededFiguresExactly_onEveryTab() throws Exception {
		for (String tab : List.of("home", "usage", "cost", "performance")) {
			JsonNode data = ok(get("/api/v1/insights?tab=" + tab + "&range=24h", this.viewer)).get("data");
			assertThat(data.get("provider").asString()).isEqualTo("offline");
			assertThat(data.get("cards").size()).as(tab).isBetween(3, 5);
			Map<String, String> facts = displays(data);
			assertThat(facts).containsEntry("requests", "1,000")
				.containsEntry("requests_change_pct", "100.0")
				.containsEntry("success_rate_pct", "95.8")
				.containsEntry("errors", "42")
				.containsEntry("avg_latency_ms", "1,560")
				.containsEntry("avg_latency_change_pct", "56.0")
				.containsEntry("cost_usd", "100.00")
				.containsEntry("cost_change_pct", "300.0")
				.containsEntry("cost_per_request_usd", "0.1000")
				.containsEntry("top_agent", "support-bot")
				.containsEntry("top_agent_share_pct", "80.0")
				.containsEntry("top_cost_agent", "code-bot")
				.containsEntry("top_cost_agent_share_pct", "60.0")
				.containsEntry("least_reliable_agent", "support-bot")
				.containsEntry("least_reliable_agent_error_rate_pct", "5.0")
				.containsEntry("slowest_agent", "code-bot")
				.containsEntry("slowest_agent_latency_ms", "3,000");
			if (tab.equals("cost")) {
				assertThat(facts).containsEntry("budget_department", "Engineering")
					.containsEntry("budget_department_month_usd", Fact.format(this.engineeringMonthCost, 2))
					.containsEntry("budget_department_pct",
							Fact.format(this.engineeringMonthCost.divide(BigDecimal.TEN).setScale(1), 1));
			}
			FactSheet sheet = sheet(data);
			List<InsightCard> cards = cards(data);
			assertThat(GroundingCheck.firstViolation(cards, sheet)).as(tab).isEmpty();
		}
	}

	@Test
	void insights_areServedFromTheCacheByteIdentical_untilTheDataVersionMoves() throws Exception {
		String path = "/api/v1/insights?tab=usage&range=7d&agent_id=support-bot";
		JsonNode first = ok(get(path, this.viewer));
		JsonNode second = ok(get(path, this.viewer));
		assertThat(second.at("/meta/cached").asBoolean()).isTrue();
		assertThat(second.get("data")).isEqualTo(first.get("data"));

		this.redis.opsForValue().increment(DataVersion.key(this.tenant.id()));
		JsonNode third = ok(get(path, this.viewer));
		assertThat(third.at("/meta/cached").asBoolean()).isFalse();
		assertThat(third.at("/data/data_version").asLong()).isEqualTo(first.at("/data/data_version").asLong() + 1);
		assertThat(third.at("/data/cards")).isEqualTo(first.at("/data/cards"));
		assertThat(displays(third.get("data"))).containsEntry("requests", "1,300");
	}

	@Test
	void insights_seeOnlyTheCallersWorkspace() throws Exception {
		JsonNode data = ok(get("/api/v1/insights?tab=home&range=24h", TestJwts.user(this.other.id(), Role.VIEWER)))
			.get("data");
		assertThat(displays(data)).containsEntry("requests", "0");
		assertThat(data.get("cards")).singleElement()
			.satisfies((card) -> assertThat(card.get("title").asString()).isEqualTo("No traffic"));
	}

	@Test
	void insights_answer400_forAnUnknownOrMissingTab() throws Exception {
		HttpResponse<String> unknown = get("/api/v1/insights?tab=weather", this.viewer);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(unknown.body()).at("/error/details/field").asString()).isEqualTo("tab");
		assertThat(get("/api/v1/insights", this.viewer).statusCode()).isEqualTo(400);
	}

	@Test
	void generate_answersOffline_forAnAnalyst_andRefusesAViewer() throws Exception {
		String body = """
				{"prompt":"Is this answer correct?","response_schema":{"type":"object","required":["verdict"],
				 "properties":{"verdict":{"type":"string","enum":["pass","fail"]}}},"max_output_tokens":256}
				""";
		HttpResponse<String> refused = post("/api/v1/llm/generate", this.viewer, body);
		assertThat(refused.statusCode()).isEqualTo(403);

		JsonNode data = ok(post("/api/v1/llm/generate", TestJwts.user(this.tenant.id(), Role.ANALYST), body))
			.get("data");
		assertThat(data.get("provider").asString()).isEqualTo("offline");
		assertThat(data.at("/json/verdict").asString()).isEqualTo("pass");
		assertThat(data.get("input_tokens").asInt()).isPositive();

		HttpResponse<String> invalid = post("/api/v1/llm/generate", TestJwts.user(this.tenant.id(), Role.ANALYST),
				"{\"prompt\":\"\",\"max_output_tokens\":0}");
		assertThat(invalid.statusCode()).isEqualTo(400);
	}

	private static FactSheet sheet(JsonNode data) {
		return new FactSheet(data.get("tab").asString(), facts(data), evidence(data));
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return TestHttp.get(this.port, path, token);
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		return TestHttp.send(this.port, "POST", path, token, body);
	}

}
