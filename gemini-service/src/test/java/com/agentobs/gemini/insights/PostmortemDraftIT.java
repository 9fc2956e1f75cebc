package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
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

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestTenant;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static com.agentobs.testsupport.TestStores.asOwner;
import static com.agentobs.gemini.insights.AnswerJson.displays;
import static com.agentobs.gemini.insights.AnswerJson.facts;
import static com.agentobs.gemini.insights.AnswerJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The postmortem draft against the real PostgreSQL, offline (no key): a resolved incident on one
 * agent with an attached error-rate alert, four timeline events and known traffic in and before
 * its window, checked figure by figure; then the role, workspace and bad-input answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostmortemDraftIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TestTenant tenant;

	TestTenant other;

	UUID incident = UUID.randomUUID();

	Instant detected;

	@BeforeAll
	void seed() throws Exception {
		this.tenant = TestTenant.create("postmortem-it");
		this.other = TestTenant.create("postmortem-it");
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
		// detected 10 min into the hour three hours ago, acknowledged 20.5 min later, resolved after 155 min:
		// the incident window is those three hours, the window before the three hours ending where it starts
		this.detected = hour.minus(3, ChronoUnit.HOURS).plus(10, ChronoUnit.MINUTES);
		Instant acknowledged = this.detected.plusSeconds(20 * 60 + 30);
		Instant resolved = this.detected.plus(155, ChronoUnit.MINUTES);
		UUID support = UUID.randomUUID();
		UUID rule = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement s = c.prepareStatement("""
					WITH d AS (INSERT INTO departments (id, workspace_id, department_name, department_code)
					           VALUES (?, ?, 'Customer Support', 'support')),
					     i AS (INSERT INTO incidents (id, workspace_id, title, severity, status, department, agent_id,
					                                  cause, detected_at, acknowledged_at, resolved_at)
					           VALUES (?, ?, 'Support bot error spike', 'sev2', 'resolved', 'support', 'support-bot',
					                   'error_spike', ?, ?, ?)),
					     r AS (INSERT INTO alert_rules (id, workspace_id, name, kind, severity, measure, comparator, threshold)
					           VALUES (?, ?, 'Support error rate', 'threshold', 'sev2', 'error_rate', '>', 5))
					INSERT INTO alerts (workspace_id, rule_id, fingerprint, group_key, title, severity, status, agent_id,
					                    value, threshold, started_at, fired_at, resolved_at, last_evaluated_at, incident_id)
					VALUES (?, ?, 'fp-1', 'g-1', 'Error rate above 5% on support-bot', 'sev2', 'resolved', 'support-bot',
					        25.5, 5, ?, ?, ?, ?, ?)
					""")) {
				Object[] params = { support, this.tenant.id(), this.incident, this.tenant.id(), ts(this.detected),
						ts(acknowledged), ts(resolved), rule, this.tenant.id(), this.tenant.id(), rule, ts(this.detected),
						ts(this.detected), ts(resolved), ts(resolved), this.incident };
				for (int i = 0; i < params.length; i++) {
					s.setObject(i + 1, params[i]);
				}
				s.executeUpdate();
			}
			// inserted out of order: the draft lists them by time
			Object[][] events = { { "resolved", "Error rate back under target for 30 minutes", resolved },
					{ "opened", "Support bot error spike", this.detected },
					{ "acknowledged", "On it", acknowledged },
					{ "alert_fired", "Error rate above 5% on support-bot", this.detected.plusSeconds(1) } };
			try (PreparedStatement s = c.prepareStatement("""
					INSERT INTO incident_events (workspace_id, incident_id, event_type, message, actor, occurred_at)
					VALUES (?, ?, ?, ?, 'alert-service', ?)
					""")) {
				for (Object[] e : events) {
					s.setObject(1, this.tenant.id());
					s.setObject(2, this.incident);
					s.setString(3, (String) e[0]);
					s.setString(4, (String) e[1]);
					s.setTimestamp(5, ts((Instant) e[2]));
					s.executeUpdate();
				}
			}
			// agent, hours ago, requests, errors, latency sum, cost
			Object[][] rows = { { "support-bot", 3, 100, 30, 150_000, "3.00" }, { "support-bot", 2, 100, 20, 150_000, "3.00" },
					{ "support-bot", 1, 100, 10, 150_000, "3.00" }, { "support-bot", 5, 200, 2, 200_000, "4.00" },
					{ "code-bot", 2, 50, 50, 900_000, "9.00" } };
			try (PreparedStatement s = c.prepareStatement("""
					INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version,
					    trace_count, success_count, error_count, timeout_count, rate_limit_count, server_error_count,
					    latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
					VALUES (?, ?, ?, ?, 'production', 'v1', ?, ?, ?, 0, 0, 0, ?, ?, 0, '{}', '{}')
					""")) {
				for (Object[] row : rows) {
					int requests = (Integer) row[2];
					int errors = (Integer) row[3];
					s.setTimestamp(1, ts(hour.minus((Integer) row[1], ChronoUnit.HOURS)));
					s.setObject(2, this.tenant.id());
					s.setString(3, (String) row[0]);
					s.setObject(4, support);
					s.setLong(5, requests);
					s.setLong(6, requests - errors);
					s.setLong(7, errors);
					s.setLong(8, ((Integer) row[4]).longValue());
					s.setBigDecimal(9, new BigDecimal((String) row[5]));
					s.executeUpdate();
				}
			}
		});
	}

	@AfterAll
	void cleanUp() {
		this.tenant.close();
		this.other.close();
	}

	@Test
	void offlineDraft_quotesTheIncidentsFigures_andListsEveryEventInTimeOrder() throws Exception {
		JsonNode data = ok(draft(operator(this.tenant), "{\"incident_id\":\"" + this.incident + "\"}")).get("data");

		assertThat(data.get("incident_id").asString()).isEqualTo(this.incident.toString());
		assertThat(data.get("status").asString()).isEqualTo("draft");
		assertThat(data.get("provider").asString()).isEqualTo("offline");
		assertThat(data.get("fallback_reason").isNull()).isTrue();
		List<String> types = new ArrayList<>();
		data.get("timeline").forEach((e) -> types.add(e.get("event_type").asString()));
		assertThat(types).containsExactly("opened", "alert_fired", "acknowledged", "resolved");
		assertThat(data.at("/timeline/0/at").asString()).isEqualTo(this.detected.toString());

		Map<String, String> facts = displays(data);
		assertThat(facts).containsEntry("severity", "sev2")
			.containsEntry("scope", "agent support-bot")
			.containsEntry("minutes_to_acknowledge", "20.5")
			.containsEntry("minutes_to_resolve", "155.0")
			.containsEntry("alerts_attached", "1")
			.containsEntry("alert_1_value", "25.5")
			.containsEntry("alert_1_threshold", "5")
			.containsEntry("window_hours", "3")
			.containsEntry("requests_during", "300")
			.containsEntry("errors_during", "60")
			.containsEntry("error_rate_during_pct", "20.0")
			.containsEntry("avg_latency_during_ms", "1,500")
			.containsEntry("cost_during_usd", "9.00")
			.containsEntry("requests_before", "200")
			.containsEntry("error_rate_before_pct", "1.0")
			.containsEntry("avg_latency_before_ms", "1,000");

		assertThat(data.get("summary").asString()).startsWith("SEV2 incident \"Support bot error spike\" on agent support-bot")
			.contains("155.0 minutes later").contains("acknowledged after 20.5 minutes");
		assertThat(data.get("impact").asString()).contains("served 300 requests and 60 failed (20.0%, against 1.0%")
			.contains("1,500 ms (1,000 ms before)").contains("$9.00");
		assertThat(data.get("root_cause_hypothesis").asString()).startsWith("Hypothesis (to be confirmed")
			.contains("measured 25.5% of error_rate against a threshold of 5%")
			.contains("from 1.0% to 20.0%");
		assertThat(data.get("action_items").size()).isBetween(3, 6);
		assertThat(data.at("/action_items/2").asString()).contains("20.5 minutes");

		PostmortemProse prose = new PostmortemProse(data.get("summary").asString(), data.get("impact").asString(),
				data.get("root_cause_hypothesis").asString(), strings(data.get("action_items")));
		assertThat(PostmortemWriter.violation(prose, sheet(data))).isEmpty();
	}

	@Test
	void draft_isForOperatorsInTheIncidentsWorkspace() throws Exception {
		String body = "{\"incident_id\":\"" + this.incident + "\"}";
		assertThat(draft(TestJwts.user(this.tenant.id(), Role.ANALYST), body).statusCode()).isEqualTo(403);
		HttpResponse<String> elsewhere = draft(operator(this.other), body);
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(elsewhere.body()).at("/error/code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(draft(operator(this.tenant), "{\"incident_id\":\"" + UUID.randomUUID() + "\"}").statusCode())
			.isEqualTo(404);
	}

	@Test
	void draft_answers400NamingTheField_forAMissingOrMalformedId() throws Exception {
		for (String body : List.of("{}", "{\"incident_id\":\"not-a-uuid\"}", "{\"incident_id\":\"\"}")) {
			HttpResponse<String> answer = draft(operator(this.tenant), body);
			assertThat(answer.statusCode()).as(body).isEqualTo(400);
			assertThat(JSON.readTree(answer.body()).at("/error/details/field").asString()).isEqualTo("incident_id");
		}
	}

	private static String operator(TestTenant tenant) {
		return TestJwts.user(tenant.id(), Role.OPERATOR);
	}

	private static Timestamp ts(Instant at) {
		return Timestamp.from(at);
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach((n) -> out.add(n.asString()));
		return out;
	}

	private static FactSheet sheet(JsonNode data) {
		return new FactSheet("incidents", facts(data), List.of());
	}

	private HttpResponse<String> draft(String token, String body) throws Exception {
		return TestHttp.send(this.port, "POST", "/api/v1/insights/postmortem-draft", token, body);
	}

}
