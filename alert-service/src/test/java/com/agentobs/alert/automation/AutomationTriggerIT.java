package com.agentobs.alert.automation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.notify.NotificationOutbox;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine running in the background as in production: an {@code alerts:events} record reaches a
 * playbook's first step, and a cron playbook starts its slots. The delays are measured and printed
 * (see docs/BENCHMARKS.md); the assertions only bound them loosely (shared test machines).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.alert.evaluation.enabled=false", "agentobs.alert.notifications.enabled=false",
				"agentobs.alert.automation.enabled=true", "agentobs.actions.relay-grace=1h" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutomationTriggerIT {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	final JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());

	final List<TestTenant> tenants = new ArrayList<>();

	@AfterAll
	void close() {
		this.tenants.forEach(TestTenant::close);
	}

	UUID playbook(UUID ws, String body) throws Exception {
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/playbooks"))
				.header("Authorization", "Bearer " + TestJwts.user(ws, Role.ADMIN))
				.header("X-Workspace-ID", ws.toString())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return UUID.fromString(JsonMapper.builder().build().readTree(created.body()).at("/data/result/playbook_id").asString());
	}

	@Test
	void alertEvents_reachTheFirstStep_andCronSlotsStart() throws Exception {
		TestTenant tenant = TestTenant.create("automation-trigger-it");
		this.tenants.add(tenant);
		UUID ws = tenant.id();
		UUID onAlert = playbook(ws, """
				{"name":"On alert","trigger_type":"alert","trigger_config":{},"max_concurrent":50,
				 "steps":[{"action_type":"incident.declare","params":{"title":"Declared by a playbook","severity":"sev4"}}]}
				""");
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Map<String, String> event = new LinkedHashMap<>();
			event.put("event", "alert.firing");
			event.put("workspace_id", ws.toString());
			event.put("alert_id", UUID.randomUUID().toString());
			event.put("severity", "sev2");
			event.put("dedup_key", "trigger-it:" + i);
			String key = "event:trigger-it:" + i;
			Instant sent = Instant.now();
			this.redis.opsForStream().add(NotificationOutbox.STREAM, event);
			Instant started = waitFor(() -> this.owner.sql("""
					SELECT e.first_step_started_at FROM playbook_executions e
					WHERE e.playbook_id = :p AND e.trigger_key = :k
					""").param("p", onAlert).param("k", key).query(Timestamp.class).optional()
				.map(Timestamp::toInstant).orElse(null), Duration.ofSeconds(60));
			delays.add(Duration.between(sent, started).toMillis());
		}
		List<Long> sorted = delays.stream().sorted().toList();
		long p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
		System.out.println("BENCH alert event -> first step started: median " + sorted.get(sorted.size() / 2)
				+ " ms, p95 " + p95 + " ms, max " + sorted.get(sorted.size() - 1) + " ms over " + sorted.size());
		assertThat(p95).isLessThan(30_000);

		UUID cron = playbook(ws, """
				{"name":"Every 5 s","trigger_type":"schedule","trigger_config":{"cron":"*/5 * * * * *"},
				 "steps":[{"action_type":"incident.declare","params":{"title":"Scheduled","severity":"sev4"}}]}
				""");
		waitFor(() -> this.owner.sql("""
				SELECT CASE WHEN count(*) >= 3 THEN now() END FROM playbook_executions
				WHERE playbook_id = :p AND first_step_started_at IS NOT NULL
				""").param("p", cron).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null),
				Duration.ofSeconds(60));
		List<Long> late = this.owner.sql("""
				SELECT (EXTRACT(EPOCH FROM (first_step_started_at - scheduled_for)) * 1000)::bigint FROM playbook_executions
				WHERE playbook_id = :p AND first_step_started_at IS NOT NULL ORDER BY scheduled_for
				""").param("p", cron).query(Long.class).list();
		System.out.println("BENCH cron slot -> first step started (ms late): " + late);
		assertThat(late).allSatisfy((ms) -> assertThat(ms).isLessThan(30_000));
	}

	static Instant waitFor(java.util.function.Supplier<Instant> probe, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Instant value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("nothing within " + timeout);
	}

}
