package com.agentobs.alert;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.agentobs.alert.engine.Evaluator;
import com.agentobs.alert.notify.NotificationRelay;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import static com.agentobs.alert.AlertFixture.createdId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of the notification outbox against local receivers: e-mail over SMTP to a GreenMail
 * server on 127.0.0.1, the Slack-compatible body, and no loss when the relay dies after the
 * evaluator committed (the row is claimed, never sent, and delivered once the claim lapses) or
 * between sending and marking it sent (sent again under the same delivery key). The background
 * evaluator and relay are off; each test runs them itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.alert.evaluation.enabled=false", "agentobs.alert.notifications.enabled=false",
				"agentobs.alert.notifications.first-backoff=0s", "agentobs.actions.relay-grace=1h",
				"agentobs.alert.smtp.host=127.0.0.1", "agentobs.alert.smtp.from=alerts@agentobs.test" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryIT {

	static final GreenMail SMTP = startSmtp();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("agentobs.alert.smtp.port", () -> SMTP.getSmtp().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	Evaluator evaluator;

	@Autowired
	NotificationRelay relay;

	final AlertFixture fx = new AlertFixture();

	@AfterAll
	void close() {
		this.fx.close();
		SMTP.stop();
	}

	private static GreenMail startSmtp() {
		GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		mail.start();
		return mail;
	}

	@Test
	void email_reachesEveryRecipientOverSmtp_withTheAlertInSubjectAndBody() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "mail-bot", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		String channel = createdId(post(ws, TestJwts.user(ws, Role.ADMIN), "/api/v1/alerts/channels",
				"{\"name\":\"on-call mail\",\"kind\":\"email\",\"url\":\"mailto:oncall@example.com, lead@example.com\"}"),
				"channel_id");
		this.fx.thresholdRule(this.port, ws, "Mail errors", "agent", "sev2", channel);
		this.evaluator.evaluateWorkspace(ws, now);
		drain();
		assertThat(SMTP.waitForIncomingEmail(5000, 2)).isTrue();
		List<MimeMessage> mails = Arrays.stream(SMTP.getReceivedMessages())
			.filter((m) -> header(m, "X-AgentObs-Delivery").contains(channel))
			.toList();
		assertThat(mails).hasSize(2);
		MimeMessage mail = mails.get(0);
		assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
			.containsExactlyInAnyOrder("oncall@example.com", "lead@example.com");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@agentobs.test");
		assertThat(mail.getSubject()).startsWith("[SEV2] Mail errors").contains("mail-bot");
		String body = String.valueOf(mail.getContent());
		assertThat(body).contains("event: alert.firing").contains("agent_id: mail-bot").contains("incident_id: ");
		assertThat(this.fx.count("""
				SELECT count(*) FROM alert_notifications
				WHERE workspace_id = ? AND channel_id IS NOT NULL AND sent_at IS NOT NULL AND last_error IS NULL
				""", ws)).isEqualTo(1);
	}

	@Test
	void emailChannel_isRefusedWith400NamingTheField_whenAnAddressIsInvalid() throws Exception {
		UUID ws = this.fx.workspace();
		String admin = TestJwts.user(ws, Role.ADMIN);
		HttpResponse<String> bad = post(ws, admin, "/api/v1/alerts/channels",
				"{\"name\":\"x\",\"kind\":\"email\",\"url\":\"mailto:oncall@example.com,not an address\"}");
		assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
		assertThat(AlertFixture.json(bad).at("/error/details/field").asString()).isEqualTo("url");
		HttpResponse<String> noScheme = post(ws, admin, "/api/v1/alerts/channels",
				"{\"name\":\"x\",\"kind\":\"email\",\"url\":\"https://example.com\"}");
		assertThat(noScheme.statusCode()).isEqualTo(400);
		assertThat(this.fx.count("SELECT count(*) FROM notification_channels WHERE workspace_id = ?", ws)).isZero();
	}

	@Test
	void slack_getsTheIncomingWebhookBody_textOnly() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "chat-bot", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = createdId(post(ws, TestJwts.user(ws, Role.ADMIN), "/api/v1/alerts/channels",
					"{\"name\":\"slack\",\"kind\":\"slack\",\"url\":\"" + stub.url() + "\"}"), "channel_id");
			this.fx.thresholdRule(this.port, ws, "Chat errors", "agent", "sev3", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			drain();
			assertThat(stub.deliveries).hasSize(1);
			JsonNode body = AlertFixture.JSON.readTree(stub.deliveries.get(0).body());
			assertThat(body.propertyNames()).containsExactly("text");
			assertThat(body.get("text").asString()).startsWith("[SEV3] Chat errors").contains("chat-bot");
		}
	}

	/**
	 * The evaluator committed the firing and its outbox rows; the relay that claimed them dies before
	 * sending. Nothing is lost: once the claim lapses the next relay pass sends each row once.
	 */
	@Test
	void outbox_losesNothing_whenTheRelayDiesBetweenCommitAndSend() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "crash-bot", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = createdId(post(ws, TestJwts.user(ws, Role.ADMIN), "/api/v1/alerts/channels",
					"{\"name\":\"hook\",\"kind\":\"webhook\",\"url\":\"" + stub.url() + "\"}"), "channel_id");
			this.fx.thresholdRule(this.port, ws, "Crash errors", "agent", "sev2", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			long queued = this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ?", ws);
			assertThat(queued).isEqualTo(2); // the stream event and the webhook
			// a relay claims every due row for 2 s and is killed before it sends anything
			this.fx.owner.sql("SELECT count(*) FROM agentobs_claim_alert_notifications(100000, INTERVAL '2 seconds')")
				.query(Long.class)
				.single();
			this.relay.runOnce();
			assertThat(stub.deliveries).isEmpty();
			assertThat(unsent(ws)).isEqualTo(2);
			Thread.sleep(2100);
			drain();
			assertThat(stub.deliveries).hasSize(1);
			assertThat(unsent(ws)).isZero();
			drain();
			assertThat(stub.deliveries).hasSize(1);
		}
	}

	/** Killed after the receiver got it but before the row was marked: sent again with the same delivery key. */
	@Test
	void outbox_resendsUnderTheSameDeliveryKey_whenTheRelayDiesBetweenSendAndMark() throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "twice-bot", now.minus(Duration.ofMinutes(10)), now, 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = createdId(post(ws, TestJwts.user(ws, Role.ADMIN), "/api/v1/alerts/channels",
					"{\"name\":\"hook\",\"kind\":\"webhook\",\"url\":\"" + stub.url() + "\"}"), "channel_id");
			this.fx.thresholdRule(this.port, ws, "Twice errors", "agent", "sev3", channel);
			this.evaluator.evaluateWorkspace(ws, now);
			drain();
			assertThat(stub.deliveries).hasSize(1);
			// the mark never committed: the row is due again
			this.fx.owner.sql("""
					UPDATE alert_notifications SET sent_at = NULL, next_attempt_at = :at
					WHERE workspace_id = :ws AND channel_id IS NOT NULL
					""").param("ws", ws).param("at", Timestamp.from(Instant.now().minusSeconds(1))).update();
			drain();
			assertThat(stub.deliveries).hasSize(2);
			assertThat(stub.deliveries.get(1).headers().get("delivery"))
				.isEqualTo(stub.deliveries.get(0).headers().get("delivery"))
				.startsWith("alert:")
				.contains(channel);
		}
	}

	// ------------------------------------------------------------------ helpers

	private void drain() {
		for (int i = 0; i < 20 && this.relay.runOnce() > 0; i++) {
			// every due row of every workspace
		}
	}

	private long unsent(UUID ws) {
		return this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND sent_at IS NULL", ws);
	}

	private static String header(MimeMessage m, String name) {
		try {
			String[] values = m.getHeader(name);
			return (values != null) ? values[0] : "";
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(UUID ws, String token, String path, String body) throws Exception {
		return this.fx.send(this.port, "POST", path, ws, token, body);
	}



}
