package com.agentobs.alert;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.agentobs.alert.engine.Evaluator;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static com.agentobs.alert.AlertFixture.createdId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two alert-service instances on one database, both with their scheduled evaluator and relay
 * running (evaluation every 300 ms under a 1 s lease, relay every 200 ms): the test context is
 * instance A, a second application context started here is instance B. A breach produces one
 * alert, one incident, one webhook delivery and one stream event; when A stops, B takes the lease
 * over and keeps evaluating the same alert without firing it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.alert.evaluation.interval=300ms", "agentobs.alert.evaluation.lease=1s",
				"agentobs.alert.evaluation.instance-id=it-instance-a", "agentobs.alert.notifications.interval=200ms",
				"agentobs.actions.relay-grace=1h" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

	@LocalServerPort
	int port;

	@Autowired
	Evaluator evaluator;

	final AlertFixture fx = new AlertFixture();


	ConfigurableApplicationContext instanceB;

	@AfterAll
	void close() {
		if (this.instanceB != null) {
			this.instanceB.close();
		}
		this.fx.close();
	}

	@Test
	void twoInstances_fireOneAlertOneIncidentOneNotification_andTheSecondTakesOverWhenTheFirstStops()
			throws Exception {
		UUID ws = this.fx.workspace();
		Instant now = Instant.now();
		this.fx.traffic(ws, "twin-bot", now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(5)), 1, 4);
		try (WebhookStub stub = new WebhookStub()) {
			String channel = createdId(this.fx.send(this.port, "POST", "/api/v1/alerts/channels", ws,
					TestJwts.user(ws, Role.ADMIN), "{\"name\":\"hook\",\"kind\":\"webhook\",\"url\":\"" + stub.url()
							+ "\",\"secret\":\"twin-signing-secret-0123\"}"),
					"channel_id");
			// command-line arguments: they outrank application.yml (builder properties would not)
			this.instanceB = new SpringApplicationBuilder(AlertApplication.class).profiles("test")
				.run("--server.port=0", "--agentobs.alert.evaluation.interval=300ms",
						"--agentobs.alert.evaluation.lease=1s", "--agentobs.alert.evaluation.instance-id=it-instance-b",
						"--agentobs.alert.notifications.interval=200ms", "--agentobs.actions.relay-grace=1h");
			createdId(this.fx.send(this.port, "POST", "/api/v1/alert-rules", ws, TestJwts.user(ws, Role.OPERATOR),
					"{\"name\":\"Twin errors\",\"kind\":\"threshold\",\"measure\":\"error_count\",\"comparator\":\">\","
							+ "\"threshold\":0,\"window_minutes\":5,\"group_by\":\"agent\",\"severity\":\"sev2\",\"group_wait_seconds\":0,"
							+ "\"channel_ids\":[\"" + channel + "\"]}"),
					"rule_id");

			awaitTrue(() -> stub.deliveries.size() >= 1 && sent(ws, true) == 1 && sent(ws, false) == 1);
			// both keep running for a while (B's evaluator keeps asking for the lease): nothing fires or is sent twice
			Thread.sleep(3000);
			assertThat(holder()).isEqualTo("it-instance-a");
			assertThat(alerts(ws)).isEqualTo(1);

			// A stops (releases its lease): B takes over and keeps evaluating the same alert
			this.evaluator.stop();
			Instant switched = Instant.now();
			awaitTrue(() -> "it-instance-b".equals(holder()) && lastEvaluated(ws).isAfter(switched.plusSeconds(1)));
			Thread.sleep(1000);

			assertThat(alerts(ws)).isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM incidents WHERE workspace_id = ?", ws)).isEqualTo(1);
			assertThat(this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ?", ws)).isEqualTo(2);
			assertThat(stub.deliveries).hasSize(1);
			assertThat(stub.deliveries.get(0).status()).isEqualTo(200);
		}
	}

	private long alerts(UUID ws) {
		return this.fx.count("SELECT count(*) FROM alerts WHERE workspace_id = ?", ws);
	}

	/** Sent notifications of the workspace: to a channel, or to the alerts:events stream. */
	private long sent(UUID ws, boolean channel) {
		return this.fx.count("SELECT count(*) FROM alert_notifications WHERE workspace_id = ? AND sent_at IS NOT NULL AND "
				+ (channel ? "channel_id IS NOT NULL" : "channel_id IS NULL"), ws);
	}

	private String holder() {
		return this.fx.owner.sql("SELECT holder FROM alert_evaluation_leases WHERE name = 'rule-evaluator' AND expires_at > NOW()")
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private Instant lastEvaluated(UUID ws) {
		return this.fx.owner.sql("SELECT max(last_evaluated_at) FROM alerts WHERE workspace_id = ?")
			.param(ws)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(Instant.EPOCH);
	}

	private void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within 45 s").isLessThan(deadline);
			Thread.sleep(200);
		}
	}


}
