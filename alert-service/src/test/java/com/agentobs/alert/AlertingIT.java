package com.agentobs.alert;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.alert.engine.Evaluator;
import com.agentobs.alert.notify.NotificationRelay;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

import static com.agentobs.alert.AlertFixture.createdId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting pipeline against the real PostgreSQL and Redis. The background evaluator and relay
 * are off: each test replays time by calling the evaluator at chosen instants over traffic it
 * wrote at one trace per second, and runs the relay itself. Every test has its own workspace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.alert.evaluation.enabled=false", "agentobs.alert.notifications.enabled=false",
				"agentobs.alert.notifications.first-backoff=0s", "agentobs.actions.relay-grace=1h" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertingIT {

	@LocalServerPort
	int port;

	@Autowired
	Evaluator evaluator;

	@Autowired
	NotificationRelay relay;

	@Autowired
	StringRedisTemplate redis;

	final AlertFixture fx = new AlertFixture();

	@AfterAll
	void close() {
		this.fx.close();
	}

	// ------------------------------------------------------------------ burn rate (SRE workbook timings)

	/** 99.9 % SLO, 0 → 100 % errors: the 1 h/5 m page fires after 0.86 min, i.e. at the first evaluation after it. */
	@Test
	void burnRate_pagesAtTheWorkbookTime_andResolvesWithinFiveMinutesOfRecovery_whenErrorsJumpToAll() throws Exception {
		UUID ws = this.fx.workspace();
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5)).plus(Duration.ofMinutes(17));
		this.fx.traffic(ws, "checkout-bot", t0.minus(Duration.ofHours(3)), t0, 0, 1);
		this.fx.traffic(ws, "checkout-bot", t0, t0.plus(Duration.ofMinutes(3)), 1, 1);
		this.fx.traffic(ws, "checkout-bot", t0.plus(Duration.ofMinutes(3)), t0.plus(Duration.ofMinutes(20)), 0, 1);
		this.fx.rebuildRollups(ws, t0.minus(Duration.ofHours(4)), t0.plus(Duration.ofHours(1)));
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String slo = createdId(post(ws, operator, "/api/v1/slo",
				"{\"name\":\"Availability 99.9\",\"sli\":\"availability\",\"objective_pct\":99.9}"), "slo_id");
		String paging = createdId(post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Budget burn\",\"kind\":\"burn_rate\",\"slo_id\":\"" + slo + "\"}"), "rule_id");
		String fastOnly = createdId(post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Fast burn\",\"kind\":\"burn_rate\",\"slo_id\":\"" + slo
						+ "\",\"burn_windows\":[{\"long_minutes\":60,\"short_minutes\":5,\"factor\":14.4,\"severity\":\"sev2\"}]}"),
				"rule_id");

		Integer pagedAt = null;
		Integer resolvedAt = null;
		for (int minute = 0; minute <= 12; minute++) {
			this.evaluator.evaluateWorkspace(ws, t0.plus(Duration.ofMinutes(minute)));
			if (pagedAt == null && count(ws, "rule_id = '" + paging + "' AND severity = 'sev2' AND fired_at IS NOT NULL") > 0) {
				pagedAt = minute;
			}
			if (resolvedAt == null && count(ws, "rule_id = '" + fastOnly + "' AND status = 'resolved'") > 0) {
				resolvedAt = minute;
			}
		}
		// fires at t0 + 0.86 min, seen by the evaluation at t0 + 1 min (within one evaluation interval)
		assertThat(pagedAt).isEqualTo(1);
		// errors stop at t0 + 3 min: the 5-minute window is clean at t0 + 8 min (≤ 5 min + one evaluation)
		assertThat(resolvedAt).isBetween(8, 9);
		// one paging alert per rule, one incident for the page
		assertThat(count(ws, "rule_id = '" + paging + "'")).isEqualTo(1);
		assertThat(this.fx.count("SELECT count(*) FROM incidents WHERE workspace_id = ?", ws)).isEqualTo(2);
	}

	/** 98 % SLO ("error rate < 2 %"), 0.5 % → 40 % errors: the 1 h/5 m page needs 28.8 % over the hour: 43 min. */
	@Test
	void burnRate_pagesAfter43Minutes_whenA98PctSloGoesFromHalfAPercentTo40PctErrors() throws Exception {
		UUID ws = this.fx.workspace();
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4)).plus(Duration.ofMinutes(41));
		this.fx.traffic(ws, "billing-bot", t0.minus(Duration.ofHours(2)), t0, 1, 200);
		this.fx.traffic(ws, "billing-bot", t0, t0.plus(Duration.ofMinutes(50)), 2, 5);
		this.fx.rebuildRollups(ws, t0.minus(Duration.ofHours(3)), t0.plus(Duration.ofHours(1)));
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String slo = createdId(post(ws, operator, "/api/v1/slo",
				"{\"name\":\"Errors under 2 %\",\"sli\":\"availability\",\"objective_pct\":98}"), "slo_id");
		String rule = createdId(post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Budget burn\",\"kind\":\"burn_rate\",\"slo_id\":\"" + slo + "\"}"), "rule_id");
		Integer pagedAt = null;
		for (int minute = 38; minute <= 46 && pagedAt == null; minute++) {
			this.evaluator.evaluateWorkspace(ws, t0.plus(Duration.ofMinutes(minute)));
			if (count(ws, "rule_id = '" + rule + "' AND severity = 'sev2' AND status = 'firing'") > 0) {
				pagedAt = minute;
			}
		}
		assertThat(pagedAt).isBetween(43, 44);
	}

	@Test
	void createRule_answers400NamingTheFactor_whenTheSloCannotReachTheBurnRate() throws Exception {
		UUID ws = this.fx.workspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		// "P90 < 2 s" as events is a 90 % SLO: its largest burn rate is 10×, so the workbook's 14.4× page is unreachable
		String slo = createdId(post(ws, operator, "/api/v1/slo",
				"{\"name\":\"Latency\",\"sli\":\"latency\",\"objective_pct\":90,\"threshold\":2000}"), "slo_id");
		HttpResponse<String> refused = post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Latency burn\",\"kind\":\"burn_rate\",\"slo_id\":\"" + slo + "\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		JsonNode error = AlertFixture.json(refused).get("error");
		assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(error.at("/details/field").asString()).isEqualTo("burn_windows[0].factor");
		assertThat(error.at("/details/reason").asString()).startsWith("BURN_RATE_UNREACHABLE");
		assertThat(this.fx.count("SELECT count(*) FROM alert_rules WHERE workspace_id = ?", ws)).isZero();
	}

	// ------------------------------------------------------------------ preview

	/** Errors for 30 minutes five hours ago: the preview shows one firing over them, resolved after, and saves nothing. */
	@Test
	void preview_replaysTheRuleOverThePastDays_andShowsWhenItWouldHaveFired() throws Exception {
		UUID ws = this.fx.workspace();
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
		this.fx.traffic(ws, "preview-bot", t0.minus(Duration.ofHours(2)), t0, 0, 1);
		this.fx.traffic(ws, "preview-bot", t0, t0.plus(Duration.ofMinutes(30)), 1, 3);
		this.fx.traffic(ws, "preview-bot", t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(3)), 0, 1);
		this.fx.rebuildRollups(ws, t0.minus(Duration.ofHours(3)), t0.plus(Duration.ofHours(4)));
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String rule = "{\"name\":\"Preview errors\",\"kind\":\"threshold\",\"measure\":\"error_rate\",\"comparator\":\">\","
				+ "\"threshold\":5,\"window_minutes\":15,\"group_by\":\"agent\",\"severity\":\"sev3\"}";
		HttpResponse<String> preview = post(ws, operator, "/api/v1/alert-rules/preview?days=1", rule);
		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
		JsonNode data = AlertFixture.json(preview).get("data");
		assertThat(data.get("step_minutes").asInt()).isEqualTo(15);
		assertThat(data.get("evaluations").asInt()).isBetween(96, 97);
		assertThat(data.get("fired_count").asInt()).isEqualTo(1);
		JsonNode firing = data.at("/firings/0");
		assertThat(firing.at("/labels/agent_id").asString()).isEqualTo("preview-bot");
		Instant fired = Instant.parse(firing.get("fired_at").asString());
		Instant resolved = Instant.parse(firing.get("resolved_at").asString());
		// evaluations every 15 min on the hour: [t0, t0 + 15) breaches; [t0 + 30, t0 + 45) and the next are clear
		assertThat(fired).isEqualTo(t0.plus(Duration.ofMinutes(15)));
		assertThat(resolved).isEqualTo(t0.plus(Duration.ofMinutes(60)));
		assertThat(firing.get("peak_value").asDouble()).isGreaterThan(5);
		// nothing was saved or fired
		assertThat(this.fx.count("SELECT count(*) FROM alert_rules WHERE workspace_id = ?", ws)).isZero();
		assertThat(count(ws, "TRUE")).isZero();

		JsonNode quiet = AlertFixture.json(post(ws, operator, "/api/v1/alert-rules/preview?days=1",
				rule.replace("\"threshold\":5", "\"threshold\":50"))).get("data");
		assertThat(quiet.get("fired_count").asInt()).isZero();
		HttpResponse<String> badDays = post(ws, operator, "/api/v1/alert-rules/preview?days=90", rule);
		assertThat(badDays.statusCode()).isEqualTo(400);
		assertThat(AlertFixture.json(badDays).at("/error/details/field").asString()).isEqualTo("days");
		HttpResponse<String> badRule = post(ws, operator, "/api/v1/alert-rules/preview", rule.replace("error_rate", "bogus"));
		assertThat(AlertFixture.json(badRule).at("/error/details/field").asString()).isEqualTo("measure");
		assertThat(post(ws, TestJwts.user(ws, Role.VIEWER), "/api/v1/alert-rules/preview", rule).statusCode())
			.isEqualTo(403);
	}

	// ------------------------------------------------------------------ dedup, notification, silences, inhibition

	/** 100 evaluations of one breach over 10 minutes: 1 alert, 1 incident, 1 signed webhook (repeat interval 4 h). */
	@Test
	void threshold_firesOnceWithOneIncidentAndOneSignedWebhook_when100EvaluationsSeeTheSameBreach() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "hr-bot", now.minus(Duration.ofMinutes(20)), now, 1, 10);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), "s3cr3t-signing-key-0123");
			String rule = this.fx.thresholdRule(this.port, ws, "HR errors", "agent", "sev2", channel);
			Instant start = now.minus(Duration.ofMinutes(10));
			for (int i = 0; i < 100; i++) {
				this.evaluator.evaluateWorkspace(ws, start.plus(Duration.ofSeconds(6L * i)));
			}
			assertThat(count(ws, "rule_id = '" + rule + "'")).isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM incidents WHERE workspace_id = ?", ws)).isEqualTo(1);
			assertThat(this.fx.count(
					"SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND channel_id IS NOT NULL", ws))
				.isEqualTo(1);
			this.relay.runOnce();
			assertThat(stub.deliveries).hasSize(1);
			WebhookStub.Delivery d = stub.deliveries.get(0);
			assertThat(d.headers().get("signature")).isEqualTo("sha256="
					+ NotificationRelay.sign("s3cr3t-signing-key-0123", d.headers().get("timestamp") + "." + d.body()));
			JsonNode payload = AlertFixture.JSON.readTree(d.body());
			assertThat(payload.get("event").asString()).isEqualTo("alert.firing");
			assertThat(payload.get("agent_id").asString()).isEqualTo("hr-bot");
			assertThat(streamEvents(payload.get("alert_id").asString())).hasSize(1);
			// the channel list never echoes the secret
			HttpResponse<String> channels = this.fx.send(this.port, "GET", "/api/v1/alerts/channels", ws,
					TestJwts.user(ws, Role.VIEWER), null);
			assertThat(channels.body()).doesNotContain("s3cr3t").contains("\"has_secret\":true");
		}
	}

	@Test
	void silence_suppressesEveryChannelNotification_andItsUndoLetsTheAlertNotify() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "sales-bot", now.minus(Duration.ofMinutes(10)), now, 1, 5);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), null);
			this.fx.thresholdRule(this.port, ws, "Sales errors", "agent", "sev3", channel);
			String operator = TestJwts.user(ws, Role.OPERATOR);
			HttpResponse<String> silence = post(ws, operator, "/api/v1/alerts/silences",
					"{\"matchers\":{\"agent_id\":\"sales-bot\"},\"duration_minutes\":60,\"comment\":\"maintenance\"}");
			assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);
			for (int i = 0; i < 5; i++) {
				this.evaluator.evaluateWorkspace(ws, Instant.now());
			}
			HttpResponse<String> alerts = this.fx.send(this.port, "GET", "/api/v1/alerts?status=firing", ws, operator,
					null);
			assertThat(AlertFixture.json(alerts).at("/data/0/silenced").asBoolean()).isTrue();
			assertThat(this.fx.count(
					"SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND channel_id IS NOT NULL", ws))
				.isZero();

			String actionId = AlertFixture.json(silence).at("/data/action_id").asString();
			assertThat(post(ws, operator, "/api/v1/alerts/actions/" + actionId + "/rollback", null).statusCode())
				.isEqualTo(201);
			this.evaluator.evaluateWorkspace(ws, Instant.now().plusSeconds(1));
			assertThat(this.fx.count(
					"SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND channel_id IS NOT NULL", ws))
				.isEqualTo(1);
		}
	}

	@Test
	void inhibition_keepsAgentAlertsQuiet_whileAFleetAlertFires() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "eng-bot-1", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		this.fx.traffic(ws, "eng-bot-2", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), null);
			String fleet = this.fx.thresholdRule(this.port, ws, "Fleet errors", "fleet", "sev2", channel);
			String agents = this.fx.thresholdRule(this.port, ws, "Agent errors", "agent", "sev3", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			assertThat(count(ws, "rule_id = '" + fleet + "' AND status = 'firing' AND inhibited_by IS NULL")).isEqualTo(1);
			assertThat(count(ws, "rule_id = '" + agents + "' AND status = 'firing' AND inhibited_by IS NOT NULL"))
				.isEqualTo(2);
			assertThat(this.fx.count("""
					SELECT count(*) FROM alert_notifications n JOIN alerts a ON a.id = n.alert_id
					WHERE n.workspace_id = ? AND n.channel_id IS NOT NULL AND a.agent_id IS NOT NULL
					""", ws)).isZero();
		}
	}

	/** A deleted rule is not evaluated any more: the next pass resolves its alerts (and notifies the resolution). */
	@Test
	void deleteRule_resolvesItsFiringAlertAtTheNextPass_andUndoLetsItFireAgain() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "ops-bot", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), null);
			String rule = this.fx.thresholdRule(this.port, ws, "Ops errors", "fleet", "sev2", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			assertThat(count(ws, "rule_id = '" + rule + "' AND status = 'firing'")).isEqualTo(1);
			String operator = TestJwts.user(ws, Role.OPERATOR);
			HttpResponse<String> deleted = this.fx.send(this.port, "DELETE", "/api/v1/alert-rules/" + rule, ws,
					operator, null);
			assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(201);

			this.evaluator.evaluateWorkspace(ws, now.plusSeconds(60));
			assertThat(count(ws, "rule_id = '" + rule + "' AND status = 'resolved' AND resolved_at IS NOT NULL"))
				.isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? "
					+ "AND channel_id IS NOT NULL AND state = 'resolved'", ws)).isEqualTo(1);

			String actionId = AlertFixture.json(deleted).at("/data/action_id").asString();
			assertThat(post(ws, operator, "/api/v1/alerts/actions/" + actionId + "/rollback", null).statusCode())
				.isEqualTo(201);
			this.evaluator.evaluateWorkspace(ws, now.plusSeconds(120));
			assertThat(count(ws, "rule_id = '" + rule + "'")).isEqualTo(2);
			assertThat(count(ws, "rule_id = '" + rule + "' AND status = 'firing'")).isEqualTo(1);
		}
	}

	// ------------------------------------------------------------------ channel editing and test sends

	/**
	 * An admin disables a webhook channel, replaces its secret (write-only: never in a response) and sends a
	 * test: the receiver verifies the new signature; the undo restores the old secret; a Slack URL is listed
	 * without its path; a test to a dead URL answers delivered=false with the reason.
	 */
	@Test
	void channels_areEditedAndTestedWithoutEverEchoingTheSecret() throws Exception {
		UUID ws = this.fx.workspace();
		String admin = TestJwts.user(ws, Role.ADMIN);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), "first-secret-0123456789");
			HttpResponse<String> disabled = this.fx.send(this.port, "PUT", "/api/v1/alerts/channels/" + channel, ws, admin,
					"{\"enabled\":false,\"secret\":\"second-secret-0123456789\"}");
			assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(201);
			assertThat(disabled.body()).doesNotContain("second-secret");
			HttpResponse<String> list = this.fx.send(this.port, "GET", "/api/v1/alerts/channels", ws, admin, null);
			assertThat(list.body()).doesNotContain("secret-0123").contains("\"enabled\":false").contains("\"has_secret\":true");
			assertThat(this.fx.send(this.port, "PUT", "/api/v1/alerts/channels/" + channel, ws, admin,
					"{\"secret\":\"short\"}").statusCode()).isEqualTo(400);
			assertThat(this.fx.send(this.port, "PUT", "/api/v1/alerts/channels/" + channel, ws,
					TestJwts.user(ws, Role.OPERATOR), "{\"enabled\":true}").statusCode()).isEqualTo(403);

			HttpResponse<String> test = post(ws, admin, "/api/v1/alerts/channels/" + channel + "/test", null);
			assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
			assertThat(AlertFixture.json(test).at("/data/delivered").asBoolean()).isTrue();
			WebhookStub.Delivery d = stub.deliveries.get(0);
			assertThat(d.headers().get("signature")).isEqualTo("sha256="
					+ NotificationRelay.sign("second-secret-0123456789", d.headers().get("timestamp") + "." + d.body()));
			assertThat(AlertFixture.JSON.readTree(d.body()).get("event").asString()).isEqualTo("channel.test");

			String actionId = AlertFixture.json(disabled).at("/data/action_id").asString();
			assertThat(post(ws, admin, "/api/v1/alerts/actions/" + actionId + "/rollback", null).statusCode()).isEqualTo(201);
			post(ws, admin, "/api/v1/alerts/channels/" + channel + "/test", null);
			WebhookStub.Delivery again = stub.deliveries.get(1);
			assertThat(again.headers().get("signature")).isEqualTo("sha256="
					+ NotificationRelay.sign("first-secret-0123456789", again.headers().get("timestamp") + "." + again.body()));
		}
		createdId(post(ws, admin, "/api/v1/alerts/channels",
				"{\"name\":\"ops\",\"kind\":\"slack\",\"url\":\"https://hooks.slack.example/services/T0/B0/XYZSECRET\"}"), "channel_id");
		assertThat(this.fx.send(this.port, "GET", "/api/v1/alerts/channels", ws, admin, null).body())
			.doesNotContain("XYZSECRET").contains("https://hooks.slack.example/…");
		String dead = createdId(post(ws, admin, "/api/v1/alerts/channels",
				"{\"name\":\"dead\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}"), "channel_id");
		JsonNode failed = AlertFixture.json(post(ws, admin, "/api/v1/alerts/channels/" + dead + "/test", null));
		assertThat(failed.at("/data/delivered").asBoolean()).isFalse();
		assertThat(failed.at("/data/error").asString()).contains("unreachable");
	}

	// ------------------------------------------------------------------ group wait and group interval

	/**
	 * A rule grouped by agent with a 30 s group wait: three agents of one department fire in one pass and
	 * a fourth 10 s later; all four go out as one webhook once the wait is over (the test moves the due
	 * time instead of sleeping). A fifth alert after that batch is due one group interval (5 min) after it.
	 */
	@Test
	void groupWait_sendsTheAlertsOfAGroupThatFireTogetherAsOneNotification_andSpacesLaterOnesByTheGroupInterval()
			throws Exception {
		UUID ws = this.fx.workspace();
		// evaluations two minutes ahead: the group wait cannot have passed in real time when the relay runs
		Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(2));
		for (String agent : List.of("eng-a", "eng-b", "eng-c")) {
			this.fx.traffic(ws, agent, t.minus(Duration.ofMinutes(10)), t.plus(Duration.ofMinutes(2)), 1, 3);
		}
		this.fx.traffic(ws, "eng-d", t.plus(Duration.ofSeconds(5)), t.plus(Duration.ofMinutes(2)), 1, 3);
		this.fx.traffic(ws, "eng-e", t.plus(Duration.ofSeconds(50)), t.plus(Duration.ofMinutes(2)), 1, 3);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = channel(ws, stub.url(), null);
			createdId(post(ws, TestJwts.user(ws, Role.OPERATOR), "/api/v1/alert-rules",
					"{\"name\":\"Eng errors\",\"kind\":\"threshold\",\"measure\":\"error_count\",\"comparator\":\">\","
							+ "\"threshold\":0,\"window_minutes\":5,\"group_by\":\"agent\",\"severity\":\"sev3\","
							+ "\"channel_ids\":[\"" + channel + "\"]}"), "rule_id");
			this.evaluator.evaluateWorkspace(ws, t);
			this.evaluator.evaluateWorkspace(ws, t.plusSeconds(10));
			assertThat(count(ws, "status = 'firing'")).isEqualTo(4);
			assertThat(batches(ws)).isEqualTo(1);
			this.relay.runOnce();
			assertThat(stub.deliveries).as("still within the group wait").isEmpty();

			this.fx.owner.sql("UPDATE alert_notifications SET next_attempt_at = NOW() WHERE workspace_id = ? AND channel_id IS NOT NULL")
				.param(ws).update();
			this.relay.runOnce();
			assertThat(stub.deliveries).hasSize(1);
			JsonNode batch = AlertFixture.JSON.readTree(stub.deliveries.get(0).body());
			assertThat(batch.get("alert_count").asInt()).isEqualTo(4);
			assertThat(batch.get("alerts")).hasSize(4);
			assertThat(batch.get("event").asString()).isEqualTo("alert.firing");

			this.evaluator.evaluateWorkspace(ws, t.plusSeconds(60));
			assertThat(batches(ws)).isEqualTo(2);
			assertThat(this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND channel_id IS NOT NULL "
					+ "AND sent_at IS NULL AND due_at = CAST(? AS timestamptz)", ws,
					Timestamp.from(t.plusSeconds(30).plus(Duration.ofMinutes(5))))).isEqualTo(1);
		}
	}

	private long batches(UUID ws) {
		return this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND channel_id IS NOT NULL", ws);
	}

	// ------------------------------------------------------------------ escalation policies

	/**
	 * A sev2 policy "not acknowledged within 15 min → the lead's webhook": the incident a paging alert
	 * opened escalates at the first pass 15 min after detection, once (timeline event, one signed
	 * webhook, one stream record); an acknowledged incident of the same severity does not.
	 */
	@Test
	void escalationPolicy_notifiesAFurtherChannelOnce_whenAPageIsNotAcknowledgedInTime() throws Exception {
		UUID ws = this.fx.workspace();
		try (WebhookStub lead = new WebhookStub()) {
			String channel = channel(ws, lead.url(), "lead-signing-secret-0123");
			String operator = TestJwts.user(ws, Role.OPERATOR);
			HttpResponse<String> refused = post(ws, operator, "/api/v1/alerts/escalation-policies",
					"{\"name\":\"Lead\",\"severity\":\"sev2\",\"after_minutes\":0,\"channel_ids\":[\"" + channel + "\"]}");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(AlertFixture.json(refused).at("/error/details/field").asString()).isEqualTo("after_minutes");
			createdId(post(ws, operator, "/api/v1/alerts/escalation-policies",
					"{\"name\":\"Page the lead\",\"severity\":\"sev2\",\"after_minutes\":15,\"channel_ids\":[\"" + channel + "\"]}"),
					"policy_id");
			Instant t = Instant.now();
			this.fx.traffic(ws, "pay-bot", t.minus(Duration.ofMinutes(10)), t, 1, 4);
			this.fx.thresholdRule(this.port, ws, "Payment errors", "fleet", "sev2", null);
			this.evaluator.evaluateWorkspace(ws, t);
			String paged = this.fx.owner.sql("SELECT CAST(id AS text) FROM incidents WHERE workspace_id = ?")
				.param(ws).query(String.class).single();
			String declared = createdId(post(ws, operator, "/api/v1/incidents",
					"{\"title\":\"Acknowledged in time\",\"severity\":\"sev2\"}"), "incident_id");
			assertThat(post(ws, operator, "/api/v1/incidents/" + declared + "/acknowledge", "{}").statusCode()).isEqualTo(201);

			this.evaluator.evaluateWorkspace(ws, t.plus(Duration.ofMinutes(14)));
			assertThat(escalations(ws)).isZero();
			this.evaluator.evaluateWorkspace(ws, t.plus(Duration.ofMinutes(16)));
			this.evaluator.evaluateWorkspace(ws, t.plus(Duration.ofMinutes(17)));
			assertThat(escalations(ws)).isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM incident_escalations WHERE workspace_id = ? AND incident_id = CAST(? AS uuid)",
					ws, paged)).isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM incident_events WHERE workspace_id = ? AND incident_id = CAST(? AS uuid) "
					+ "AND event_type = 'escalated_unacknowledged'", ws, paged)).isEqualTo(1);

			this.relay.runOnce();
			assertThat(lead.deliveries).hasSize(1);
			WebhookStub.Delivery d = lead.deliveries.get(0);
			assertThat(d.headers().get("signature")).isEqualTo("sha256="
					+ NotificationRelay.sign("lead-signing-secret-0123", d.headers().get("timestamp") + "." + d.body()));
			JsonNode payload = AlertFixture.JSON.readTree(d.body());
			assertThat(payload.get("event").asString()).isEqualTo("incident.escalated");
			assertThat(payload.get("incident_id").asString()).isEqualTo(paged);
			assertThat(payload.get("after_minutes").asInt()).isEqualTo(15);
			assertThat(this.redis.opsForStream().range("alerts:events", Range.unbounded()).stream()
				.filter((r) -> paged.equals(r.getValue().get("incident_id")) && "incident.escalated".equals(r.getValue().get("event"))))
				.hasSize(1);
		}
	}

	private long escalations(UUID ws) {
		return this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND state = 'escalated' "
				+ "AND channel_id IS NOT NULL", ws);
	}

	// ------------------------------------------------------------------ violation rate (guardrail violations per 100 requests)

	/**
	 * 1,000 requests an hour for two agents; over the same hour of the week in the four previous weeks
	 * (±1 h) about 1 violation per 100 requests; in the last hour safe-bot has 8 per 100, calm-bot 1:
	 * the anomaly rule and a 5 % threshold rule fire for safe-bot only; false positives are not counted.
	 */
	@Test
	void violationRate_anomalyAndThresholdRulesFire_onlyForTheAgentWhoseViolationsJumped() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
		Instant current = now.minus(Duration.ofHours(1));
		List<Instant> hours = new ArrayList<>(List.of(current));
		for (int week = 1; week <= 4; week++) {
			for (int off = -1; off <= 1; off++) {
				hours.add(current.minus(Duration.ofDays(7L * week)).plus(Duration.ofHours(off)));
			}
		}
		for (String agent : List.of("safe-bot", "calm-bot")) {
			for (int i = 0; i < hours.size(); i++) {
				Instant hour = hours.get(i);
				this.fx.owner.sql("""
						INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version,
						    trace_count, success_count, error_count, timeout_count, rate_limit_count, server_error_count,
						    latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
						VALUES (:hour, :ws, :agent, (SELECT id FROM departments WHERE workspace_id = :ws AND department_code = 'engineering'),
						    'production', 'v1', 1000, 1000, 0, 0, 0, 0, 200000, 1, 100000,
						    ARRAY[agentobs_latency_bucket(200)], ARRAY[1000])
						""").param("hour", Timestamp.from(hour)).param("ws", ws).param("agent", agent).update();
				int violations = (i == 0 && agent.equals("safe-bot")) ? 80 : 8 + (i % 5);
				this.fx.owner.sql("""
						INSERT INTO guardrail_violations (workspace_id, detected_at, trace_id, agent_id, department_code,
						    environment, violation_type, category, severity, action_taken, confidence, source, direction,
						    is_false_positive)
						SELECT :ws, CAST(:hour AS timestamptz) + make_interval(secs => g * 30), 't-' || g, :agent, 'engineering',
						    'production', 'email', 'pii', 'medium', 'redacted', 0.9, 'trace_scan', 'output', FALSE
						FROM generate_series(1, :n) g
						""").param("ws", ws).param("hour", Timestamp.from(hour)).param("agent", agent)
					.param("n", violations).update();
			}
		}
		// false positives in the calm agent's last hour would make it 11 % if they counted
		this.fx.owner.sql("""
				INSERT INTO guardrail_violations (workspace_id, detected_at, agent_id, department_code, environment,
				    violation_type, category, severity, action_taken, confidence, source, direction, is_false_positive)
				SELECT :ws, CAST(:hour AS timestamptz) + make_interval(secs => g), 'calm-bot', 'engineering', 'production',
				    'email', 'pii', 'low', 'flagged', 0.5, 'check', 'input', TRUE
				FROM generate_series(1, 100) g
				""").param("ws", ws).param("hour", Timestamp.from(current)).update();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String anomaly = createdId(post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Violation anomaly\",\"kind\":\"anomaly\",\"measure\":\"violation_rate\",\"group_by\":\"agent\","
						+ "\"window_minutes\":60,\"for_minutes\":0}"), "rule_id");
		String threshold = createdId(post(ws, operator, "/api/v1/alert-rules",
				"{\"name\":\"Violations over 5 %\",\"kind\":\"threshold\",\"measure\":\"violation_rate\",\"comparator\":\">\","
						+ "\"threshold\":5,\"window_minutes\":60,\"group_by\":\"agent\"}"), "rule_id");

		this.evaluator.evaluateWorkspace(ws, now);

		for (String rule : List.of(anomaly, threshold)) {
			assertThat(count(ws, "rule_id = '" + rule + "' AND status = 'firing' AND agent_id = 'safe-bot'")).isEqualTo(1);
			assertThat(count(ws, "rule_id = '" + rule + "' AND agent_id = 'calm-bot'")).isZero();
		}
		assertThat(this.fx.count("SELECT count(*) FROM alerts WHERE workspace_id = ? AND rule_id = CAST(? AS uuid) AND value = 8",
				ws, threshold)).isEqualTo(1);
	}

	// ------------------------------------------------------------------ lease: two instances never fire twice

	@Test
	void lease_letsOneInstanceEvaluate_andConcurrentPassesFireOneAlert() throws Exception {
		this.fx.owner.sql("DELETE FROM alert_evaluation_leases").update();
		Instant now = Instant.now();
		String a = "it-a-" + UUID.randomUUID();
		String b = "it-b-" + UUID.randomUUID();
		assertThat(this.evaluator.runOnce(now, a)).isNotNegative();
		assertThat(this.evaluator.runOnce(now.plusSeconds(30), b)).isEqualTo(-1);
		// a renews its own lease; b takes over only after it expired (lease 120 s)
		assertThat(this.evaluator.runOnce(now.plusSeconds(60), a)).isNotNegative();
		assertThat(this.evaluator.runOnce(now.plusSeconds(170), b)).isEqualTo(-1);
		assertThat(this.evaluator.runOnce(now.plusSeconds(190), b)).isNotNegative();
		assertThat(this.evaluator.runOnce(now.plusSeconds(200), a)).isEqualTo(-1);
		this.fx.owner.sql("DELETE FROM alert_evaluation_leases").update();

		// even two passes at once (a lease that expired mid-pass) fire one alert, one incident, one event
		UUID ws = this.fx.workspace();
		this.fx.traffic(ws, "support-bot", now.minus(Duration.ofMinutes(10)), now, 1, 3);
		this.fx.thresholdRule(this.port, ws, "Support errors", "agent", "sev1", null);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				Callable<Integer> pass = () -> this.evaluator.evaluateWorkspace(ws, now);
				runs.add(pool.submit(pass));
				runs.add(pool.submit(pass));
			}
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(count(ws, "TRUE")).isEqualTo(1);
		assertThat(this.fx.count("SELECT count(*) FROM incidents WHERE workspace_id = ?", ws)).isEqualTo(1);
		assertThat(this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ?", ws)).isEqualTo(1);
	}

	// ------------------------------------------------------------------ webhook retry

	@Test
	void webhook_isRetriedAfterA500_andDeliveredOnce() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "ops-bot", now.minus(Duration.ofMinutes(10)), now, 1, 2);
		try (WebhookStub stub = new WebhookStub()) {
			stub.failNext.set(1);
			String channel = channel(ws, stub.url(), "another-signing-secret-42");
			this.fx.thresholdRule(this.port, ws, "Ops errors", "agent", "sev3", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			for (int i = 0; i < 5 && stub.deliveries.stream().noneMatch((d) -> d.status() == 200); i++) {
				this.relay.runOnce();
			}
			assertThat(stub.deliveries).extracting(WebhookStub.Delivery::status).containsExactly(500, 200);
			assertThat(stub.deliveries.get(0).headers().get("delivery"))
				.isEqualTo(stub.deliveries.get(1).headers().get("delivery"));
			assertThat(this.fx.count("""
					SELECT count(*) FROM alert_notifications
					WHERE workspace_id = ? AND channel_id IS NOT NULL AND sent_at IS NOT NULL AND attempts = 2
					""", ws)).isEqualTo(1);
			this.relay.runOnce();
			assertThat(stub.deliveries).hasSize(2);
		}
	}

	// ------------------------------------------------------------------ incident lifecycle

	@Test
	void incident_followsItsLifecycle_refusesOutOfOrderSteps_andUndoRestoresTheState() throws Exception {
		UUID ws = this.fx.workspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String id = createdId(post(ws, operator, "/api/v1/incidents",
				"{\"title\":\"Checkout degraded\",\"severity\":\"sev2\",\"department\":\"engineering\"}"), "incident_id");
		String base = "/api/v1/incidents/" + id;
		assertThat(post(ws, operator, base + "/close", null).statusCode()).isEqualTo(409);
		assertThat(post(ws, TestJwts.user(ws, Role.VIEWER), base + "/acknowledge", null).statusCode()).isEqualTo(403);
		assertThat(post(ws, operator, base + "/acknowledge", "{\"note\":\"on it\"}").statusCode()).isEqualTo(201);
		assertThat(post(ws, operator, base + "/acknowledge", null).statusCode()).isEqualTo(409);
		HttpResponse<String> resolve = post(ws, operator, base + "/resolve", null);
		assertThat(resolve.statusCode()).isEqualTo(201);

		String resolveAction = AlertFixture.json(resolve).at("/data/action_id").asString();
		assertThat(post(ws, operator, "/api/v1/alerts/actions/" + resolveAction + "/rollback", null).statusCode())
			.isEqualTo(201);
		JsonNode detail = AlertFixture.json(this.fx.send(this.port, "GET", base, ws, operator, null)).get("data");
		assertThat(detail.at("/incident/status").asString()).isEqualTo("acknowledged");
		assertThat(detail.at("/incident/resolved_at").isNull()).isTrue();
		assertThat(detail.get("events").findValuesAsString("event_type")).containsExactly("declared", "acknowledged",
				"resolved", "reverted");

		assertThat(post(ws, operator, base + "/resolve", null).statusCode()).isEqualTo(201);
		assertThat(post(ws, operator, base + "/close", null).statusCode()).isEqualTo(201);
		JsonNode kpis = AlertFixture.json(this.fx.send(this.port, "GET", "/api/v1/incidents/kpis?range=24h", ws,
				operator, null)).get("data");
		assertThat(kpis.get("open_incidents").asLong()).isZero();
		assertThat(kpis.get("incidents_in_range").asLong()).isEqualTo(1);
		assertThat(kpis.get("mttr_minutes").isNumber()).isTrue();
		assertThat(this.fx.count("""
				SELECT count(*) FROM action_audit_log WHERE workspace_id = ? AND status IN ('completed', 'rolled_back')
				""", ws)).isEqualTo(6);
		// another workspace cannot see it
		UUID other = this.fx.workspace();
		assertThat(this.fx.send(this.port, "GET", base, other, TestJwts.user(other, Role.ADMIN), null).statusCode())
			.isEqualTo(404);
	}

	@Test
	void escalate_raisesTheSeverity_refusesWhatCannotBeRaised_andUndoLowersItBack() throws Exception {
		UUID ws = this.fx.workspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String id = createdId(post(ws, operator, "/api/v1/incidents",
				"{\"title\":\"Slow answers\",\"severity\":\"sev3\"}"), "incident_id");
		String base = "/api/v1/incidents/" + id;
		assertThat(post(ws, operator, base + "/escalate", null).statusCode()).isEqualTo(201);
		assertThat(severity(ws, base, operator)).isEqualTo("sev2");
		HttpResponse<String> lower = post(ws, operator, base + "/escalate", "{\"severity\":\"sev4\"}");
		assertThat(lower.statusCode()).isEqualTo(400);
		assertThat(AlertFixture.json(lower).at("/error/details/field").asString()).isEqualTo("severity");
		HttpResponse<String> toSev1 = post(ws, operator, base + "/escalate", "{\"severity\":\"sev1\",\"note\":\"customers affected\"}");
		assertThat(toSev1.statusCode()).as(toSev1.body()).isEqualTo(201);
		assertThat(post(ws, operator, base + "/escalate", null).statusCode()).isEqualTo(409);
		String undo = AlertFixture.json(toSev1).at("/data/action_id").asString();
		assertThat(post(ws, operator, "/api/v1/alerts/actions/" + undo + "/rollback", null).statusCode()).isEqualTo(201);
		assertThat(severity(ws, base, operator)).isEqualTo("sev2");
		JsonNode events = AlertFixture.json(this.fx.send(this.port, "GET", base, ws, operator, null)).at("/data/events");
		assertThat(events.findValuesAsString("event_type")).containsExactly("declared", "escalated", "escalated", "reverted");
		assertThat(post(ws, operator, base + "/resolve", null).statusCode()).isEqualTo(201);
		assertThat(post(ws, operator, base + "/escalate", null).statusCode()).isEqualTo(409);
	}

	@Test
	void postmortem_isSavedWithItsActionItems_publishedOnlyWithARootCause_andUndoRestoresThePreviousVersion()
			throws Exception {
		UUID ws = this.fx.workspace();
		String operator = TestJwts.user(ws, Role.OPERATOR);
		String id = createdId(post(ws, operator, "/api/v1/incidents",
				"{\"title\":\"Checkout down\",\"severity\":\"sev1\"}"), "incident_id");
		String base = "/api/v1/incidents/" + id;
		HttpResponse<String> draft = post(ws, operator, base + "/postmortem", """
				{"summary":"Checkout failed for 40 minutes","action_items":[
				  {"title":"Alert on provider 5xx","owner":"sre@acme.dev","due_date":"2027-01-15"},
				  {"title":"Add a fallback model","status":"done"}]}""");
		assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
		JsonNode pm = AlertFixture.json(this.fx.send(this.port, "GET", base, ws, operator, null)).at("/data/postmortem");
		assertThat(pm.get("status").asString()).isEqualTo("draft");
		assertThat(pm.get("action_items").findValuesAsString("title")).containsExactly("Alert on provider 5xx",
				"Add a fallback model");
		assertThat(pm.at("/action_items/0/due_date").asString()).isEqualTo("2027-01-15");
		assertThat(pm.get("action_items_open").asLong()).isEqualTo(1);

		HttpResponse<String> noCause = post(ws, operator, base + "/postmortem",
				"{\"summary\":\"x\",\"status\":\"published\"}");
		assertThat(noCause.statusCode()).isEqualTo(400);
		assertThat(AlertFixture.json(noCause).at("/error/details/field").asString()).isEqualTo("root_cause");
		HttpResponse<String> badItem = post(ws, operator, base + "/postmortem",
				"{\"action_items\":[{\"title\":\"a\",\"due_date\":\"soon\"}]}");
		assertThat(AlertFixture.json(badItem).at("/error/details/field").asString()).isEqualTo("action_items[0].due_date");

		HttpResponse<String> publish = post(ws, operator, base + "/postmortem", """
				{"summary":"Checkout failed for 40 minutes","root_cause":"Provider outage without a fallback",
				 "status":"published","action_items":[{"title":"Alert on provider 5xx","status":"done"}]}""");
		assertThat(publish.statusCode()).as(publish.body()).isEqualTo(201);
		JsonNode list = AlertFixture.json(this.fx.send(this.port, "GET", "/api/v1/postmortems?range=7d", ws, operator,
				null)).get("data");
		assertThat(list.at("/0/status").asString()).isEqualTo("published");
		assertThat(list.at("/0/published_at").isNull()).isFalse();
		assertThat(list.at("/0/action_items").size()).isEqualTo(1);
		assertThat(post(ws, TestJwts.user(ws, Role.VIEWER), base + "/postmortem", "{}").statusCode()).isEqualTo(403);

		// undo the publication: the draft with its two items is back; undo the draft: no postmortem
		String undoPublish = AlertFixture.json(publish).at("/data/action_id").asString();
		assertThat(post(ws, operator, "/api/v1/alerts/actions/" + undoPublish + "/rollback", null).statusCode())
			.isEqualTo(201);
		pm = AlertFixture.json(this.fx.send(this.port, "GET", base, ws, operator, null)).at("/data/postmortem");
		assertThat(pm.get("status").asString()).isEqualTo("draft");
		assertThat(pm.get("action_items").size()).isEqualTo(2);
		String undoDraft = AlertFixture.json(draft).at("/data/action_id").asString();
		assertThat(post(ws, operator, "/api/v1/alerts/actions/" + undoDraft + "/rollback", null).statusCode())
			.isEqualTo(201);
		assertThat(AlertFixture.json(this.fx.send(this.port, "GET", base, ws, operator, null)).at("/data/postmortem")
			.isNull()).isTrue();
	}

	private String severity(UUID ws, String base, String token) throws Exception {
		return AlertFixture.json(this.fx.send(this.port, "GET", base, ws, token, null)).at("/data/incident/severity")
			.asString();
	}

	// ------------------------------------------------------------------ reads

	/** Every read of the Incidents tab answers 200 over rollups of each SLO kind (the compliance P90 merges histograms). */
	@Test
	void reads_answerForEverySloKindAndView() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "viz-bot", now.minus(Duration.ofHours(3)), now, 1, 50);
		this.fx.rebuildRollups(ws, now.minus(Duration.ofHours(4)), now.plus(Duration.ofHours(1)));
		String operator = TestJwts.user(ws, Role.OPERATOR);
		for (String slo : List.of("{\"name\":\"A\",\"sli\":\"availability\",\"objective_pct\":95}",
				"{\"name\":\"L\",\"sli\":\"latency\",\"objective_pct\":99,\"threshold\":5000}",
				"{\"name\":\"P\",\"sli\":\"latency_p90\",\"objective_pct\":95,\"threshold\":2000}",
				"{\"name\":\"E\",\"sli\":\"error_rate\",\"objective_pct\":95,\"threshold\":2}",
				"{\"name\":\"Q\",\"sli\":\"quality\",\"objective_pct\":95,\"threshold\":80}")) {
			createdId(post(ws, operator, "/api/v1/slo", slo), "slo_id");
		}
		for (String path : List.of("/api/v1/slo", "/api/v1/slo/error-budget", "/api/v1/slo/breach-history?range=7d",
				"/api/v1/incidents?range=7d", "/api/v1/incidents/kpis", "/api/v1/incidents/mttr",
				"/api/v1/incidents/by-department", "/api/v1/incidents/top-causes", "/api/v1/postmortems",
				"/api/v1/alerts?status=all&range=7d", "/api/v1/alerts/timeline", "/api/v1/alerts/silences",
				"/api/v1/alert-rules", "/api/v1/alerts/channels")) {
			HttpResponse<String> read = this.fx.send(this.port, "GET", path, ws, TestJwts.user(ws, Role.VIEWER), null);
			assertThat(read.statusCode()).as(path + " " + read.body()).isEqualTo(200);
		}
		JsonNode slos = AlertFixture.json(this.fx.send(this.port, "GET", "/api/v1/slo", ws, operator, null)).get("data");
		// 2 % errors: availability 95 % is met with 60 % of its budget left; hourly P90 200 ms meets "< 2 s"
		assertThat(slos.get(0).get("compliance_pct").asDouble()).isEqualTo(98.0);
		assertThat(slos.get(0).get("error_budget_remaining_pct").asDouble()).isEqualTo(60.0);
		assertThat(slos.get(2).get("compliance_pct").asDouble()).isEqualTo(100.0);
		assertThat(this.fx.send(this.port, "GET", "/api/v1/alerts?status=bogus", ws, operator, null).statusCode())
			.isEqualTo(400);
	}

	// ------------------------------------------------------------------ helpers

	private long count(UUID ws, String where) {
		return this.fx.count("SELECT count(*) FROM alerts WHERE workspace_id = ? AND " + where, ws);
	}

	private HttpResponse<String> post(UUID ws, String token, String path, String body) throws Exception {
		return this.fx.send(this.port, "POST", path, ws, token, body);
	}

	private String channel(UUID ws, String url, String secret) throws Exception {
		String body = "{\"name\":\"stub\",\"kind\":\"webhook\",\"url\":\"" + url + "\""
				+ ((secret != null) ? ",\"secret\":\"" + secret + "\"" : "") + "}";
		return createdId(post(ws, TestJwts.user(ws, Role.ADMIN), "/api/v1/alerts/channels", body), "channel_id");
	}

	/** error_count &gt; 0 over 5 min, fires at once, notifies without a group wait, resolves after two clear evaluations. */
	private List<MapRecord<String, Object, Object>> streamEvents(String alertId) {
		return this.redis.opsForStream()
			.range("alerts:events", Range.unbounded())
			.stream()
			.filter((r) -> alertId.equals(r.getValue().get("alert_id")))
			.toList();
	}

}
