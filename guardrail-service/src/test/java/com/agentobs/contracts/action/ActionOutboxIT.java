package com.agentobs.contracts.action;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.GuardrailApplication;
import com.agentobs.testsupport.TestTenant;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.ObjectMapper;

import static com.agentobs.guardrail.ActionStream.dataVersion;
import static com.agentobs.guardrail.ActionStream.eventsFor;
import static com.agentobs.testsupport.TestStores.asOwner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The action outbox and the stuck-action sweeper against the real PostgreSQL and Redis, with
 * guardrail's own handlers ({@code agent.pause}). Lives in the framework's package to build a
 * runner and a relay whose Redis is unreachable.
 */
@SpringBootTest(classes = GuardrailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = ActionOutboxIT.NO_BACKGROUND_RELAY)
@ActiveProfiles("test")
class ActionOutboxIT {

	/**
	 * The background relay leaves rows alone for an hour, so the tests decide when a relay pass
	 * runs (AgentControlIT sets the same, to share the context).
	 */
	public static final String NO_BACKGROUND_RELAY = "agentobs.actions.relay-grace=1h";

	@Autowired
	WorkspaceTransactions transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	ObjectMapper mapper;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ActionRelay relay;

	@Autowired
	List<ActionHandler<?, ?>> handlers;

	@Test
	void actionCommittedWhileRedisIsDown_isKeptInTheOutbox_andDeliveredOnceRedisAnswers() throws Exception {
		TestTenant tenant = TestTenant.create("outbox-it");
		UUID ws = tenant.id();
		String agent = tenant.agent("engineering-outbox-it-"
				+ UUID.randomUUID().toString().substring(0, 8));
		long versionBefore = dataVersion(this.redis, ws);
		ActionProperties fast = new ActionProperties(Duration.ofSeconds(1), 100, Duration.ofMillis(1),
				Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofDays(1));
		LettuceConnectionFactory dead = deadRedis();
		try {
			ActionRelay brokenRelay = relay(dead, fast);
			ActionRunner runner = new ActionRunner(this.transactions, audit(), outbox(), brokenRelay, this.mapper,
					this.handlers);

			ActionRecord paused = runner.run(operator(ws), "agent.pause", Map.of("agent_id", agent), null);

			// the action stands although its event could not be sent: the row waits in the outbox
			assertThat(paused.status()).isEqualTo("completed");
			String actionId = paused.actionId().toString();
			assertThat(eventsFor(this.redis, actionId)).isEmpty();
			assertThat(outboxRow(paused.actionId())).containsEntry("sent", false).containsEntry("bump", true);

			// a relay pass while Redis is still down records the failure and keeps the row
			assertThat(brokenRelay.relay()).isZero();
			Map<String, Object> afterFailure = outboxRow(paused.actionId());
			assertThat(afterFailure).containsEntry("sent", false);
			assertThat((Integer) afterFailure.get("attempts")).isGreaterThanOrEqualTo(1);
			assertThat((String) afterFailure.get("last_error")).isNotBlank();

			// Redis answers again: the next relay pass delivers it, once, and marks it sent
			ActionRelay healthy = relay(this.redis.getConnectionFactory(), fast);
			assertThat(eventually(() -> {
				healthy.relay();
				return (Boolean) outboxRow(paused.actionId()).get("sent");
			})).isTrue();
			assertThat(eventsFor(this.redis, actionId)).singleElement().satisfies((event) -> {
				assertThat(event.event()).isEqualTo(ActionEvent.COMPLETED);
				assertThat(event.workspaceId()).isEqualTo(ws);
				assertThat(event.targetId()).isEqualTo(agent);
			});
			assertThat(dataVersion(this.redis, ws)).isEqualTo(versionBefore + 1);
		}
		finally {
			dead.destroy();
		}
	}

	@Test
	void actionStuckInProgress_isFailedWithTheReason_andAnnounced_whileARecentOneIsLeftAlone() throws Exception {
		UUID ws = TestTenant.create("outbox-it").id();
		UUID stuck = insertAudit(ws, "in_progress", "1 hour");
		UUID stuckPending = insertAudit(ws, "pending", "10 minutes");
		UUID running = insertAudit(ws, "in_progress", "5 seconds");

		this.relay.sweep(); // (the background sweeper may have run first: the outcome is the same)

		for (UUID id : List.of(stuck, stuckPending)) {
			Map<String, Object> row = auditRow(id);
			assertThat(row.get("status")).isEqualTo("failed");
			assertThat((String) row.get("result")).contains(ActionRelay.TIMED_OUT).contains("No progress for 300 s");
			assertThat(row.get("completed")).isEqualTo(true);
			assertThat(eventsFor(this.redis, id.toString())).singleElement()
				.satisfies((event) -> assertThat(event.event()).isEqualTo(ActionEvent.FAILED));
			assertThat(outboxRow(id)).containsEntry("sent", true).containsEntry("bump", false);
		}
		assertThat(auditRow(running).get("status")).isEqualTo("in_progress");
		assertThat(eventsFor(this.redis, running.toString())).isEmpty();
		// a second sweep finds nothing more of these
		this.relay.sweep();
		assertThat(eventsFor(this.redis, stuck.toString())).hasSize(1);
	}

	// ---------------------------------------------------------------- helpers

	private ActionRelay relay(org.springframework.data.redis.connection.RedisConnectionFactory factory,
			ActionProperties properties) {
		StringRedisTemplate template = new StringRedisTemplate(factory);
		return new ActionRelay(this.transactions, audit(), outbox(),
				new RedisActionEvents(template, ActionAutoConfiguration.STREAM_MAX_LENGTH), properties, false);
	}

	private ActionAuditLog audit() {
		return new ActionAuditLog(JdbcClient.create(this.dataSource), this.mapper);
	}

	private ActionOutbox outbox() {
		return new ActionOutbox(JdbcClient.create(this.dataSource), this.mapper);
	}

	/** A Redis nobody listens on (port 1), failing fast. */
	private static LettuceConnectionFactory deadRedis() {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofMillis(500))
			.clientOptions(ClientOptions.builder()
				.autoReconnect(false)
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(300)).build())
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static Caller operator(UUID ws) {
		return new Caller(UUID.randomUUID().toString(), null, ws, Role.OPERATOR, false, Set.of());
	}

	private static boolean eventually(BooleanSupplierWithException condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(200);
		}
		return true;
	}

	interface BooleanSupplierWithException {

		boolean get() throws Exception;

	}

	private Map<String, Object> outboxRow(UUID actionId) throws Exception {
		Map<String, Object> row = new HashMap<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("SELECT sent_at IS NOT NULL, bump_data_version, attempts, "
					+ "last_error, COUNT(*) OVER () FROM action_outbox WHERE action_id = ?")) {
				ps.setObject(1, actionId);
				try (ResultSet rs = ps.executeQuery()) {
					assertThat(rs.next()).as("outbox row of " + actionId).isTrue();
					row.put("sent", rs.getBoolean(1));
					row.put("bump", rs.getBoolean(2));
					row.put("attempts", rs.getInt(3));
					row.put("last_error", rs.getString(4));
					assertThat(rs.getLong(5)).as("one outbox row per finished action").isEqualTo(1);
				}
			}
		});
		return row;
	}

	private Map<String, Object> auditRow(UUID actionId) throws Exception {
		Map<String, Object> row = new HashMap<>();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement(
					"SELECT status, result::text, completed_at IS NOT NULL FROM action_audit_log WHERE action_id = ?")) {
				ps.setObject(1, actionId);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					row.put("status", rs.getString(1));
					row.put("result", rs.getString(2));
					row.put("completed", rs.getBoolean(3));
				}
			}
		});
		return row;
	}

	private UUID insertAudit(UUID ws, String status, String age) throws Exception {
		UUID id = UUID.randomUUID();
		asOwner((c) -> {
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO action_audit_log (action_id, workspace_id, "
					+ "action_type, action_scope, actor_type, actor_subject, target_type, target_id, status, created_at, "
					+ "updated_at) VALUES (?, ?, 'agent.pause', 'agent', 'user', 'it', 'agent', 'some-agent', ?, "
					+ "NOW() - CAST(? AS interval), NOW() - CAST(? AS interval))")) {
				ps.setObject(1, id);
				ps.setObject(2, ws);
				ps.setString(3, status);
				ps.setString(4, age);
				ps.setString(5, age);
				ps.executeUpdate();
			}
		});
		return id;
	}

}
