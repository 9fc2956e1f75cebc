package com.agentobs.processing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.processing.deadletter.DeadLetters;
import com.agentobs.processing.write.EndUsers;
import com.agentobs.processing.write.SpanTotals;
import com.agentobs.processing.write.TraceInserts;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The write path against the real PostgreSQL and Redis, with the consumer running in this context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@ActiveProfiles("test")
class TraceProcessingIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static JdbcClient owner;

	private static DataSource ownerDataSource;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient app;

	@Autowired
	WorkspaceTransactions workspaces;

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry meters;

	private final List<UUID> bulkWorkspaces = new ArrayList<>();

	@BeforeAll
	static void ownerConnection() {
		ownerDataSource = TestStores.ownerDataSource();
		owner = JdbcClient.create(ownerDataSource);
	}

	static UUID newWorkspace() {
		return TestTenant.create("proc").id();
	}

	static IngestTrace trace(String traceId, String agentId, Instant ts, Integer tokensIn, Integer tokensOut,
			String model, String userId, List<IngestSpan> spans) {
		Integer total = (tokensIn != null) ? tokensIn + tokensOut : null;
		return new IngestTrace(traceId, agentId, ts, "question", "answer", null, 120, "success", model, null, tokensIn,
				tokensOut, total, null, "production", "v2.1", "v2.1", "billing", userId, "s-1", 1, Map.of("k", "v"),
				spans);
	}

	static IngestSpan span(String traceId, String spanId, String parent, Instant at, String model, int in, int out) {
		return new IngestSpan(traceId, spanId, parent, (model != null) ? "llm" : "tool", "step-" + spanId, at,
				at.plusMillis(50), 50, model, null, in, out, null, "success", Map.of("a", 1));
	}

	void publish(TraceIngestedEvent event) {
		publish(this.redis, this.json, event);
	}

	/** Appends an event to traces:ingest as ingestion does. */
	static void publish(StringRedisTemplate redis, JsonMapper json, TraceIngestedEvent event) {
		redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, event.workspaceId().toString(), TraceStreams.FIELD_PAYLOAD,
						json.writeValueAsString(event))));
	}

	static TraceIngestedEvent event(UUID ws, List<IngestTrace> traces, List<IngestSpan> spans) {
		return new TraceIngestedEvent(ws, Instant.now(), TraceIngestedEvent.SOURCE_REST, traces, spans);
	}

	static long count(String table, UUID ws) {
		return owner.sql("SELECT count(*) FROM " + table + " WHERE workspace_id = ?").param(ws).query(Long.class).single();
	}

	static long hourlyTraceCount(UUID ws) {
		return owner.sql("SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly WHERE workspace_id = ?")
			.param(ws)
			.query(Long.class)
			.single();
	}

	/** Every user rollup row of a workspace, as text in key order. */
	static String userRollups(UUID ws) {
		return owner.sql("""
				SELECT (SELECT string_agg(user_id || ':' || trace_count, ',' ORDER BY hour, user_id) FROM users_hourly WHERE workspace_id = :ws)
				    || ' | ' || (SELECT string_agg(user_id || ':' || trace_count, ',' ORDER BY day, user_id) FROM users_daily WHERE workspace_id = :ws)
				    || ' | ' || (SELECT string_agg(concat_ws(':', user_id, trace_count, agent_id, department_id, environment, version,
				                                             first_at, last_at), ',' ORDER BY day, user_id, agent_id)
				                 FROM user_activity_daily WHERE workspace_id = :ws)
				""").param("ws", ws).query(String.class).single();
	}

	/**
	 * Asserts that the measure rollups' cells (added per batch, moved by late spans) and the
	 * traces_hourly rows derived from them equal what a rebuild from raw traces gives.
	 */
	static void assertMeasureRollupsEqualARebuildFromRaw(UUID ws, Instant around) {
		String perBatch = measureRollups(ws);
		assertThat(perBatch).isNotEmpty();
		owner.sql("SELECT agentobs_rebuild_trace_rollups(?, ?, ?)::text")
			.params(ws, Timestamp.from(around.minus(1, ChronoUnit.DAYS)), Timestamp.from(around.plus(1, ChronoUnit.DAYS)))
			.query(String.class)
			.single();
		assertThat(measureRollups(ws)).isEqualTo(perBatch);
	}

	/** Every non-empty cell and every traces_hourly row of a workspace, as text in key order. */
	static String measureRollups(UUID ws) {
		return owner.sql("""
				SELECT (SELECT string_agg(concat_ws(':', hour, agent_id, department_id, environment, version, intent_category,
				                                    user_segment, model, model_provider, bucket, n, success, error, latency_sum,
				                                    cost, tokens_in, tokens_out, tokens), ','
				                          ORDER BY hour, agent_id, intent_category, model, model_provider, bucket)
				        FROM trace_cells_hourly WHERE workspace_id = :ws AND n <> 0)
				    || ' | ' || (SELECT string_agg(concat_ws(':', hour, agent_id, intent_category, model, model_provider,
				                                             trace_count, total_cost, total_tokens, latency_histogram), ','
				                                   ORDER BY hour, agent_id, intent_category, model, model_provider)
				                 FROM traces_hourly WHERE workspace_id = :ws)
				""").param("ws", ws).query(String.class).single();
	}

	@Test
	void batch_writesEnrichedTracesSpansAndRollups_whenTracesArrive() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		IngestTrace withTokens = trace("t-1", "support-bot-7", ts, 1000, 500, "gpt-4-turbo", "user-1",
				List.of(span("t-1", "s1", null, ts, "gpt-4-turbo", 1000, 500), span("t-1", "s2", "s1", ts, null, 0, 0)));
		IngestTrace fromSpans = trace("t-2", "sales-agent-2", ts, null, null, null, "user-1",
				List.of(span("t-2", "a", null, ts, "gpt-3.5-turbo", 300, 200),
						span("t-2", "b", "a", ts, "gpt-3.5-turbo", 100, 400)));
		publish(event(ws, List.of(withTokens, fromSpans), List.of()));

		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 2);
		Map<String, Object> t1 = owner.sql("""
				SELECT t.cost_usd, t.cost_source, t.model_provider, t.span_count, t.user_segment, d.department_code
				FROM traces t JOIN departments d ON d.id = t.department_id WHERE t.workspace_id = ? AND t.trace_id = 't-1'
				""").param(ws).query().singleRow();
		// 1500 tokens × $0.01 / 1k
		assertThat((BigDecimal) t1.get("cost_usd")).isEqualByComparingTo("0.015");
		assertThat(t1.get("cost_source")).isEqualTo("catalog");
		assertThat(t1.get("model_provider")).isEqualTo("openai");
		assertThat(t1.get("span_count")).isEqualTo(2);
		assertThat(t1.get("user_segment")).isEqualTo("new");
		assertThat(t1.get("department_code")).isEqualTo("support");

		Map<String, Object> t2 = owner.sql("""
				SELECT t.tokens_input, t.tokens_output, t.tokens_total, t.cost_usd, t.cost_source, t.model, d.department_code
				FROM traces t JOIN departments d ON d.id = t.department_id WHERE t.workspace_id = ? AND t.trace_id = 't-2'
				""").param(ws).query().singleRow();
		assertThat(t2.get("tokens_input")).isEqualTo(400);
		assertThat(t2.get("tokens_output")).isEqualTo(600);
		assertThat(t2.get("tokens_total")).isEqualTo(1000);
		// 500 × 0.002/1k + 500 × 0.002/1k from the two spans
		assertThat((BigDecimal) t2.get("cost_usd")).isEqualByComparingTo("0.002");
		assertThat(t2.get("cost_source")).isEqualTo("catalog");
		assertThat(t2.get("model")).isEqualTo("gpt-3.5-turbo");
		assertThat(t2.get("department_code")).isEqualTo("sales");

		assertThat(count("agents", ws)).isEqualTo(2);
		assertThat(count("end_users", ws)).isEqualTo(1);
		assertThat(count("spans", ws)).isEqualTo(4);
		BigDecimal rolledCost = owner.sql("SELECT sum(total_cost) FROM traces_daily WHERE workspace_id = ?")
			.param(ws)
			.query(BigDecimal.class)
			.single();
		assertThat(rolledCost).isEqualByComparingTo("0.017");
		assertThat(this.redis.opsForValue().get(DataVersion.key(ws))).isNotNull();
		// each stage of the write is timed
		for (String stage : List.of("agents", "end_users", "enrich", "traces", "spans", "lock_wait", "user_rollups",
				"span_totals", "cells")) {
			assertThat(this.meters.timer("agentobs.processing.write", "stage", stage).count()).as(stage).isPositive();
		}
	}

	@Test
	void replay_writesNothingTwiceAndLeavesRollupsUnchanged_whenTheSameEntriesArriveAgain() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(1, ChronoUnit.HOURS);
		List<IngestTrace> traces = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			traces.add(trace("r-" + i, "eng-replay", ts.plusMillis(i), 10, 10, "gpt-4-turbo", "user-" + (i % 5),
					List.of(span("r-" + i, "s", null, ts, "gpt-4-turbo", 10, 10))));
		}
		TraceIngestedEvent event = event(ws, traces, List.of());
		publish(event);
		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 50);
		String before = owner.sql("SELECT string_agg(trace_count || ':' || total_cost || ':' || latency_histogram::text, ',') FROM traces_hourly WHERE workspace_id = ?")
			.param(ws)
			.query(String.class)
			.single();

		publish(event);
		publish(event);
		String marker = "marker-" + UUID.randomUUID();
		publish(event(ws, List.of(trace(marker, "eng-replay", ts, 1, 1, null, "user-0", List.of())), List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 51);
		// user rollups are added per batch, from the traces the batch inserted: the same as from raw
		String users = userRollups(ws);
		assertThat(users).contains("user-0:11", "user-4:10");
		owner.sql("SELECT agentobs_rebuild_user_rollups(?, ?, ?)::text").params(ws, Timestamp.from(ts.minus(1, ChronoUnit.DAYS)),
				Timestamp.from(ts.plus(1, ChronoUnit.DAYS))).query(String.class).single();
		assertThat(userRollups(ws)).isEqualTo(users);

		assertThat(count("spans", ws)).isEqualTo(50);
		assertThat(owner.sql("SELECT max(span_count) FROM traces WHERE workspace_id = ?").param(ws).query(Integer.class).single())
			.isEqualTo(1);
		// rollups follow the committed batch within one rollup interval (dirty-hour rebuild)
		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 51);
		String after = owner.sql("SELECT string_agg(trace_count || ':' || total_cost || ':' || latency_histogram::text, ',') FROM traces_hourly WHERE workspace_id = ? AND trace_count = 50")
			.param(ws)
			.query(String.class)
			.single();
		assertThat(after).isEqualTo(before);
		assertMeasureRollupsEqualARebuildFromRaw(ws, ts);
	}

	@Test
	void spans_countOnceAndFeedTotals_whenTheyArriveBeforeTheirTraceAndAgainAfter() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(3, ChronoUnit.HOURS);
		IngestSpan early = span("late-root", "c1", "root", ts, "gpt-4-turbo", 100, 100);
		publish(event(ws, List.of(), List.of(early)));
		await().atMost(WAIT).until(() -> count("spans", ws) == 1);

		IngestSpan root = span("late-root", "root", null, ts, null, 0, 0);
		publish(event(ws, List.of(trace("late-root", "eng-otel", ts, null, null, null, null, List.of(root))), List.of()));
		// committed before the next spans, which then change a stored trace (not one of their own batch)
		await().atMost(WAIT).until(() -> count("traces", ws) == 1);
		publish(event(ws, List.of(), List.of(early, span("late-root", "c2", "root", ts, "gpt-4-turbo", 50, 50))));
		await().atMost(WAIT).until(() -> count("spans", ws) == 3);
		await().atMost(WAIT)
			.until(() -> owner.sql("SELECT span_count FROM traces WHERE workspace_id = ?").param(ws).query(Integer.class).optional().orElse(0) == 3);

		Map<String, Object> row = owner.sql("SELECT tokens_total, cost_usd, model FROM traces WHERE workspace_id = ?")
			.param(ws)
			.query()
			.singleRow();
		assertThat(row.get("tokens_total")).isEqualTo(300);
		assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.003");
		assertThat(row.get("model")).isEqualTo("gpt-4-turbo");
		await().atMost(WAIT)
			.until(() -> owner.sql("SELECT total_tokens FROM traces_hourly WHERE workspace_id = ?").param(ws).query(Long.class).optional().orElse(0L) == 300);
		// the trace moved cells as its spans arrived (model unknown, then gpt-4-turbo; tokens 0, 200, 300)
		assertMeasureRollupsEqualARebuildFromRaw(ws, ts);
	}

	@Test
	void rebuildFromRaw_waitsForABatchsRollupAdditions_butRunsBesideAnotherRebuild() throws SQLException {
		UUID ws = newWorkspace();
		String rebuild = "SELECT agentobs_rebuild_rollups('" + ws + "', now() - interval '1 day', now())";
		try (Connection batch = ownerDataSource.getConnection(); Connection repair = ownerDataSource.getConnection();
				Statement batchSql = batch.createStatement(); Statement repairSql = repair.createStatement()) {
			batch.setAutoCommit(false);
			repair.setAutoCommit(false);
			// a batch between its span-totals lock and its commit: its new cells are not visible yet
			batchSql.execute("SELECT agentobs_lock_workspace('totals', '" + ws + "', false)");
			repairSql.execute("SET LOCAL lock_timeout = '300ms'");
			assertThatThrownBy(() -> repairSql.execute(rebuild)).isInstanceOf(SQLException.class)
				.hasMessageContaining("lock timeout");
			repair.rollback();
			batch.rollback();

			// another rebuild (the seeder's parallel chunks) holds both locks shared
			batchSql.execute("SELECT agentobs_lock_workspace('totals', '" + ws + "', true),"
					+ " agentobs_lock_workspace('rollups', '" + ws + "', true)");
			repairSql.execute("SET LOCAL lock_timeout = '300ms'");
			repairSql.execute(rebuild);
			repair.commit();
			batch.rollback();
		}
	}

	@Test
	void endUsers_keepTheirSegmentAndWidenTheirSeenRange_whenTheyReturnInLaterBatches() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		publish(event(ws, List.of(trace("u-1", "eng-users", ts, 1, 1, null, "user-r", List.of())), List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 1);
		owner.sql("UPDATE end_users SET user_segment = 'power_user' WHERE workspace_id = ?").param(ws).update();

		// inside the known range, or less than the resolution outside it: the row is only read
		publish(event(ws, List.of(trace("u-2", "eng-users", ts, 1, 1, null, "user-r", List.of()),
				trace("u-2b", "eng-users", ts.plus(EndUsers.SEEN_RESOLUTION), 1, 1, null, "user-r", List.of()),
				trace("u-2c", "eng-users", ts.minus(EndUsers.SEEN_RESOLUTION), 1, 1, null, "user-r", List.of())),
				List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 4);
		assertThat(owner.sql("SELECT first_seen_at || ' ' || last_seen_at FROM end_users WHERE workspace_id = ?").param(ws)
			.query(String.class).single())
			.isEqualTo(owner.sql("SELECT ?::timestamptz || ' ' || ?::timestamptz").params(Timestamp.from(ts), Timestamp.from(ts))
				.query(String.class).single());
		// further out, later and earlier: the range widens
		Instant later = ts.plus(EndUsers.SEEN_RESOLUTION).plusSeconds(60);
		Instant earlier = ts.minus(EndUsers.SEEN_RESOLUTION).minusSeconds(60);
		publish(event(ws, List.of(trace("u-3", "eng-users", later, 1, 1, null, "user-r", List.of()),
				trace("u-4", "eng-users", earlier, 1, 1, null, "user-r", List.of())), List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 6);

		assertThat(owner.sql("SELECT string_agg(trace_id || '=' || user_segment, ',' ORDER BY trace_id) FROM traces WHERE workspace_id = ? AND trace_id <> 'u-1'")
			.param(ws)
			.query(String.class)
			.single()).isEqualTo("u-2=power_user,u-2b=power_user,u-2c=power_user,u-3=power_user,u-4=power_user");
		Map<String, Object> user = owner.sql("SELECT first_seen_at, last_seen_at, user_segment FROM end_users WHERE workspace_id = ?")
			.param(ws)
			.query()
			.singleRow();
		assertThat(((java.sql.Timestamp) user.get("first_seen_at")).toInstant()).isEqualTo(earlier);
		assertThat(((java.sql.Timestamp) user.get("last_seen_at")).toInstant()).isEqualTo(later);
		assertThat(user.get("user_segment")).isEqualTo("power_user");
	}

	@Test
	void traceWithItsSpans_isStoredWithSpanTotals_andCorrectedWhenAnotherSpanArrivesLater() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(4, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		IngestTrace derived = trace("d-1", "eng-derived", ts, null, null, null, null,
				List.of(span("d-1", "root", null, ts, null, 0, 0), span("d-1", "llm", "root", ts.plusMillis(5), "gpt-4-turbo", 700, 300)));
		publish(event(ws, List.of(derived), List.of()));
		await().atMost(WAIT).until(() -> count("spans", ws) == 2);
		Map<String, Object> row = owner.sql("SELECT span_count, tokens_total, cost_usd, model, model_provider FROM traces WHERE workspace_id = ?")
			.param(ws)
			.query()
			.singleRow();
		assertThat(row.get("span_count")).isEqualTo(2);
		assertThat(row.get("tokens_total")).isEqualTo(1000);
		// 1000 tokens × $0.01 / 1k
		assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.01");
		assertThat(row.get("model")).isEqualTo("gpt-4-turbo");
		assertThat(row.get("model_provider")).isEqualTo("openai");

		publish(event(ws, List.of(), List.of(span("d-1", "tool", "root", ts.plusMillis(9), "gpt-4-turbo", 100, 0))));
		await().atMost(WAIT)
			.until(() -> owner.sql("SELECT span_count FROM traces WHERE workspace_id = ?").param(ws).query(Integer.class).single() == 3);
		assertThat(owner.sql("SELECT tokens_total FROM traces WHERE workspace_id = ?").param(ws).query(Integer.class).single())
			.isEqualTo(1100);

		// an LLM span that started before the first one arrives last: the trace follows its earliest model
		publish(event(ws, List.of(), List.of(span("d-1", "early", "root", ts.plusMillis(1), "claude-3-sonnet", 10, 10))));
		await().atMost(WAIT)
			.until(() -> owner.sql("SELECT span_count FROM traces WHERE workspace_id = ?").param(ws).query(Integer.class).single() == 4);
		assertThat(owner.sql("SELECT model, model_provider FROM traces WHERE workspace_id = ?").param(ws).query().singleRow())
			.containsEntry("model", "claude-3-sonnet")
			.containsEntry("model_provider", "anthropic");
	}

	/**
	 * A consumer that read a load of entries and died before XACK (the live consumer is
	 * stopped meanwhile so the dead one surely gets them): once the live consumer runs
	 * again it reclaims them after claim-min-idle, and every trace is stored exactly once.
	 */
	@Test
	void pendingEntries_areReclaimedAndCountedExactlyOnce_whenTheirConsumerDiedBeforeAck() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(5, ChronoUnit.HOURS);
		Lifecycle live = this.context.getBean("traceStreamConsumer", Lifecycle.class);
		live.stop();
		try {
			int n = 0;
			for (int e = 0; e < 10; e++) {
				List<IngestTrace> traces = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					traces.add(trace("c-" + e + "-" + i, "eng-crash", ts.plusSeconds(n++), 5, 5, "gpt-4-turbo", null,
							List.of()));
				}
				publish(event(ws, traces, List.of()));
			}
			List<MapRecord<String, Object, Object>> taken = this.redis.opsForStream()
				.read(Consumer.from(TraceStreams.PROCESSORS_GROUP, "dead-consumer"),
						StreamReadOptions.empty().count(1000),
						StreamOffset.create(TraceStreams.INGEST, ReadOffset.lastConsumed()));
			assertThat(taken.stream().filter((r) -> ws.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE))))
				.hasSize(10);
			assertThat(count("traces", ws)).isZero();
		}
		finally {
			live.start();
		}
		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 200);
		assertThat(count("traces", ws)).isEqualTo(200);
	}

	@Test
	void poisonEntry_goesToTheDeadLetterStreamAndDoesNotBlockOthers() {
		UUID ws = newWorkspace();
		this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD, "{not json")));
		publish(event(ws, List.of(trace("after-poison", "eng-x", Instant.now(), 1, 1, null, null, List.of())), List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 1);
		await().atMost(WAIT).until(() -> this.redis.opsForStream()
			.range(TraceStreams.DLQ, org.springframework.data.domain.Range.unbounded())
			.stream()
			.anyMatch((r) -> ws.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE))
					&& String.valueOf(r.getValue().get("reason")).startsWith("undecodable")));
	}

	/** This workspace's dead letters, oldest first. */
	List<Map<Object, Object>> deadLetters(UUID ws) {
		return this.redis.opsForStream()
			.range(TraceStreams.DLQ, org.springframework.data.domain.Range.unbounded())
			.stream()
			.filter((r) -> ws.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE)))
			.map((r) -> (Map<Object, Object>) new java.util.HashMap<>(r.getValue()))
			.toList();
	}

	/**
	 * Values the database refuses inside an entry of good traces (ingestion rejects them at the edge;
	 * an older ingestion or another producer may still send them): the good traces are stored, and
	 * each refused trace alone is dead-lettered at once, saying why.
	 */
	@Test
	void refusedTraces_areDeadLetteredAloneWithTheirReason_whileTheOtherTracesOfTheirEntryAreStored() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(1, ChronoUnit.HOURS);
		IngestTrace good = trace("good-1", "eng-x", ts, 1, 1, null, null, List.of(span("good-1", "s", null, ts, null, 0, 0)));
		IngestTrace pastPrecision = new IngestTrace("bad-cost", "eng-x", ts, "q", "a", null, 10, "success", null, null, 1,
				1, 2, new BigDecimal("999999.999999999"), null, null, null, null, null, null, 1, Map.of(), List.of());
		IngestTrace nul = new IngestTrace("bad-nul", "eng-x", ts, "a\u0000b", "a", null, 10, "success", null, null, 1, 1,
				2, null, null, null, null, null, null, null, 1, Map.of(), List.of());
		publish(event(ws, List.of(good, pastPrecision, nul, trace("good-2", "eng-x", ts, 1, 1, null, null, List.of())),
				List.of()));

		await().atMost(WAIT).until(() -> deadLetters(ws).size() == 2);
		assertThat(owner.sql("SELECT string_agg(trace_id, ',' ORDER BY trace_id) FROM traces WHERE workspace_id = ?")
			.param(ws)
			.query(String.class)
			.single()).isEqualTo("good-1,good-2");
		assertThat(count("spans", ws)).isEqualTo(1);
		Map<Object, Object> cost = deadLetters(ws).get(0);
		assertThat(cost).containsEntry("trace_id", "bad-cost")
			.containsEntry("sql_state", "22003")
			.containsEntry("field", "traces.cost_usd")
			.containsEntry("deliveries", "1");
		assertThat(cost.get("reason").toString()).contains("bad-cost", "numeric field overflow");
		TraceIngestedEvent payload = this.json.readValue(cost.get("payload").toString(), TraceIngestedEvent.class);
		assertThat(payload.traces()).extracting(IngestTrace::traceId).containsExactly("bad-cost");
		assertThat(deadLetters(ws).get(1)).containsEntry("trace_id", "bad-nul").containsEntry("field", "traces.input");
		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 2);
	}

	/**
	 * Traces of a workspace the database does not know (deleted, or not created yet) are refused
	 * one by one; once the workspace exists, re-driving each dead letter stores its trace.
	 */
	@Test
	void deadLetteredTraces_areStored_whenReDrivenAfterTheFix() {
		UUID ws = UUID.randomUUID();
		Instant ts = Instant.now().minus(1, ChronoUnit.HOURS);
		publish(event(ws, List.of(trace("later-1", "eng-x", ts, 1, 1, null, null, List.of()),
				trace("later-2", "eng-x", ts, 1, 1, null, null, List.of())), List.of()));
		await().atMost(WAIT).until(() -> deadLetters(ws).size() == 2);
		assertThat(deadLetters(ws)).allSatisfy((d) -> assertThat(d).containsEntry("sql_state", "23503"));

		owner.sql("INSERT INTO workspaces (id, name, slug) VALUES (?, ?, ?)")
			.params(ws, "late-" + ws, "late-" + ws)
			.update();
		DeadLetters deadLetters = this.context.getBean(DeadLetters.class);
		deadLetters.list(ws, 10).forEach((d) -> deadLetters.redrive(ws, d.id()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 2);
		assertThat(deadLetters(ws)).isEmpty();
	}

	/** The experiment arm an agent stamps in a trace's metadata is stored when it is a UUID, ignored otherwise. */
	@Test
	void experimentVariantInTheMetadata_isStoredWhenItIsAUuid() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(1, ChronoUnit.HOURS);
		UUID arm = UUID.randomUUID();
		List<IngestTrace> traces = new ArrayList<>();
		for (Object[] stamp : List.of(new Object[] { "exp-uuid", arm.toString() }, new Object[] { "exp-text", "arm-b" },
				new Object[] { "exp-number", 7 })) {
			traces.add(new IngestTrace((String) stamp[0], "eng-exp", ts, "q", "a", null, 10, "success", null, null, 1, 1, 2,
					null, null, null, null, null, null, null, 1, Map.of("experiment_variant_id", stamp[1]), List.of()));
		}
		publish(event(ws, traces, List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 3);
		assertThat(owner.sql("""
				SELECT string_agg(trace_id || '=' || COALESCE(experiment_variant_id::text, '-'), ',' ORDER BY trace_id)
				FROM traces WHERE workspace_id = ?""").param(ws).query(String.class).single())
			.isEqualTo("exp-number=-,exp-text=-,exp-uuid=" + arm);
	}

	/**
	 * traces has no foreign keys (V015): the trace insert itself checks the batch's workspace once, so
	 * a workspace deleted under a running consumer (registration, which would refuse it too, skipped for
	 * registered agents and users) is still refused with the foreign-key SQLState, and nothing stored.
	 */
	@Test
	void theTraceInsert_refusesAWorkspaceThatDoesNotExist() {
		UUID gone = UUID.randomUUID();
		String[] none = new String[0];
		Integer[] noInts = new Integer[0];
		Object[] insert = { gone.toString(), none, none, none, none, none, none, noInts, none, none, none, noInts, noInts,
				noInts, new BigDecimal[0], none, none, none, none, none, none, none, noInts, none, none, none, new Boolean[0],
				noInts, none, gone.toString(), none, gone.toString() };
		assertThatThrownBy(() -> owner.sql(TraceInserts.INSERT_TRACES).params(insert).query(String.class).list())
			.satisfies((e) -> assertThat(((SQLException) NestedExceptionUtils.getMostSpecificCause(e)).getSQLState())
				.isEqualTo("23503"))
			.hasMessageContaining("traces_workspace_id_fkey");
	}

	/**
	 * What the dropped foreign keys did, kept (R__trace_references.sql): the per-batch check refuses a
	 * missing workspace or department with SQLState 23503; deleting a department sets its traces'
	 * department to NULL; deleting a workspace deletes its traces.
	 */
	@Test
	void traceReferences_areCheckedOncePerBatch_andDeletesActAsTheForeignKeysDid() {
		UUID ws = newWorkspace();
		UUID dept = owner.sql("""
				INSERT INTO departments (workspace_id, department_code, department_name) VALUES (?, 'refs', 'Refs')
				RETURNING id""").param(ws).query(UUID.class).single();
		owner.sql("""
				INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, department_id)
				VALUES (?, 'ref-1', 'a', now(), ?), (?, 'ref-2', 'a', now(), NULL)""").params(ws, dept, ws).update();
		String lock = "SELECT agentobs_lock_trace_references(?::uuid, ?::uuid[])";
		assertThat(owner.sql(lock).params(ws.toString(), new String[] { dept.toString() }).query(Boolean.class).single())
			.isTrue();
		for (Object[] missing : List.of(new Object[] { UUID.randomUUID().toString(), new String[0] },
				new Object[] { ws.toString(), new String[] { dept.toString(), UUID.randomUUID().toString() } })) {
			assertThatThrownBy(() -> owner.sql(lock).params(missing).query(Boolean.class).single())
				.satisfies((e) -> assertThat(((SQLException) NestedExceptionUtils.getMostSpecificCause(e)).getSQLState())
					.isEqualTo("23503"));
		}

		owner.sql("DELETE FROM departments WHERE id = ?").param(dept).update();
		assertThat(owner.sql("SELECT count(*) FROM traces WHERE workspace_id = ? AND department_id IS NULL")
			.param(ws)
			.query(Long.class)
			.single()).isEqualTo(2);
		owner.sql("DELETE FROM workspaces WHERE id = ?").param(ws).update();
		assertThat(count("traces", ws)).isZero();
	}

	@Test
	void rowLevelSecurity_hidesAWorkspacesTraces_fromAnotherWorkspace() {
		UUID a = newWorkspace();
		UUID b = newWorkspace();
		publish(event(a, List.of(trace("iso-1", "eng-iso", Instant.now(), 1, 1, null, null, List.of())), List.of()));
		await().atMost(WAIT).until(() -> count("traces", a) == 1);
		long seenFromB = this.workspaces.inWorkspace(b,
				() -> this.app.sql("SELECT count(*) FROM traces WHERE trace_id = 'iso-1'").query(Long.class).single());
		long seenFromA = this.workspaces.inWorkspace(a,
				() -> this.app.sql("SELECT count(*) FROM traces WHERE trace_id = 'iso-1'").query(Long.class).single());
		assertThat(seenFromB).isZero();
		assertThat(seenFromA).isEqualTo(1);
		assertThat(count("agents", b)).isZero();
	}


	@Test
	void plannerStatistics_followTheWritePath_soABatchsKeyProbesUseThePrimaryKey() {
		UUID ws = newWorkspace();
		this.bulkWorkspaces.add(ws);
		String stale = "SELECT s.n_live_tup >= 2 * GREATEST(c.reltuples, 0) + 1000 FROM pg_stat_user_tables s "
				+ "JOIN pg_class c ON c.oid = s.relid WHERE s.relid = 'public.traces'::regclass";
		String analyses = "SELECT analyze_count FROM pg_stat_user_tables WHERE relid = 'public.traces'::regclass";
		analyzeTraces(); // a known starting point: only the insert below can make the planner's count stale
		long analysedBefore = owner.sql(analyses).query(Long.class).single();
		// enough to double the table past the planner's count: stale for agentobs_analyze_stale_tables (V026)
		long rows = owner.sql("SELECT (1.2 * GREATEST(reltuples, 0))::BIGINT + 1100 FROM pg_class WHERE oid = 'public.traces'::regclass")
			.query(Long.class)
			.single();
		insertTraces(ws, "stats-", rows);
		// autovacuum is off on the test machines: only processing's rollup thread analyses
		await().atMost(WAIT)
			.until(() -> owner.sql(analyses).query(Long.class).single() > analysedBefore
					&& !owner.sql(stale).query(Boolean.class).single());
		String plan = this.workspaces.inWorkspace(ws,
				() -> String.join("\n", this.app.sql("EXPLAIN SELECT ctid FROM traces WHERE workspace_id = ? AND trace_id = ?")
					.params(ws, "stats-7")
					.query(String.class)
					.list()));
		assertThat(plan).contains("traces_pkey");
	}

	/**
	 * A new tenant in a populated table: the statistics refresh waits for the whole table to double,
	 * so the planner knows nothing of the workspace and, given its literal id, estimates it at one
	 * row. The batch's key probes must stay per-id lookups of {@code traces_pkey} anyway: a hash
	 * join or a filtered workspace scan would read the whole workspace on every batch.
	 */
	@Test
	void aWorkspaceNewerThanThePlannersStatistics_isProbedById_neverReadWhole() {
		UUID fresh = workspaceNewerThanTheStatistics(1_000);
		assertThat(estimatedTraces(fresh))
			.as("the planner's estimate of the fresh workspace's 1,000 traces")
			.isLessThan(100);

		String[] ids = IntStream.range(0, 1_000).mapToObj((i) -> "fresh-" + i).toArray(String[]::new);
		String[] none = new String[0];
		Integer[] noInts = new Integer[0];
		Object[] insert = { fresh.toString(), ids, none, none, none, none, none, noInts, none, none, none, noInts, noInts,
				noInts, new BigDecimal[0], none, none, none, none, none, none, none, noInts, none, none, none, new Boolean[0],
				noInts, none, fresh.toString(), none, fresh.toString() };
		for (String plan : plans(fresh, TraceInserts.INSERT_TRACES, insert)) {
			assertThat(tracesReadOtherThanById(plan)).as("insert's existence probes").isEmpty();
		}
		for (String plan : plans(fresh, SpanTotals.RECOMPUTE_TOTALS, ids, fresh.toString(), fresh.toString())) {
			assertThat(tracesReadOtherThanById(plan)).as("span totals' trace lookups").isEmpty();
		}
	}

	/**
	 * The per-batch rollup additions (V025, V026) select their traces by row address; for a workspace
	 * the statistics estimate at one row they read it whole through a workspace index instead, unless
	 * the workspace reaches them as an init-plan value (V027). Counted with this transaction's own
	 * index statistics: entries read from the workspace-leading indexes other than the key.
	 */
	@Test
	void rollupAdditionsForAWorkspaceNewerThanTheStatistics_readTheirTracesByAddress() {
		UUID fresh = workspaceNewerThanTheStatistics(5_000);
		String[] ids = IntStream.range(0, 100).mapToObj((i) -> "fresh-" + i).toArray(String[]::new);
		String workspaceIndexReads = """
				SELECT pg_stat_get_xact_tuples_returned('idx_traces_workspace_timestamp'::regclass)
				       + pg_stat_get_xact_tuples_returned('idx_traces_workspace_agent_timestamp'::regclass)""";
		for (String addition : List.of("SELECT agentobs_add_trace_cells(?::uuid, ?::text[], 1)",
				"SELECT agentobs_add_user_rollups(?::uuid, ?::text[])")) {
			long read = this.workspaces.inWorkspace(fresh, () -> {
				long before = this.app.sql(workspaceIndexReads).query(Long.class).single();
				this.app.sql(addition).params(fresh.toString(), ids).query((rs) -> {
				});
				return this.app.sql(workspaceIndexReads).query(Long.class).single() - before;
			});
			assertThat(read).as("workspace index entries read by %s for 100 of 5,000 traces", addition).isLessThan(100);
		}
	}

	@Test
	void catalog_pricesACurrentModelByTokenKind_andLeavesAnUnknownModelNull() {
		UUID ws = newWorkspace();
		Instant ts = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		// as OTLP ingestion maps it: a dated snapshot, cached input in the span's agentobs.usage
		IngestSpan llm = new IngestSpan("p-1", "llm", null, "llm", "chat", ts, ts.plusMillis(50), 50,
				"gpt-4o-2024-08-06", null, 10_000, 1_000, null, "success",
				Map.of("agentobs.usage", Map.of("cache_read_input_tokens", 8_000)));
		publish(event(ws, List.of(trace("p-1", "eng-pricing", ts, null, null, null, null, List.of(llm)),
				trace("p-2", "eng-pricing", ts, 1000, 500, "my-self-hosted-llm", null, List.of())), List.of()));

		await().atMost(WAIT).until(() -> hourlyTraceCount(ws) == 2);
		Map<String, Object> priced = owner.sql("""
				SELECT cost_usd, cost_source, model_provider FROM traces WHERE workspace_id = ? AND trace_id = 'p-1'
				""").param(ws).query().singleRow();
		// 2,000 × $2.50/1M + 8,000 cached × $1.25/1M + 1,000 × $10/1M
		assertThat((BigDecimal) priced.get("cost_usd")).isEqualByComparingTo("0.025");
		assertThat(priced.get("cost_source")).isEqualTo("catalog");
		assertThat(priced.get("model_provider")).isEqualTo("openai");
		Map<String, Object> unknown = owner.sql("""
				SELECT cost_usd, cost_source FROM traces WHERE workspace_id = ? AND trace_id = 'p-2'
				""").param(ws).query().singleRow();
		assertThat(unknown.get("cost_usd")).isNull();
		assertThat(unknown.get("cost_source")).isEqualTo("unknown");
	}

	@Test
	void plannerStatistics_learnAWrittenWorkspaceThatOutgrewItsEstimate_thoughTheTableDidNotDouble() {
		UUID fresh = workspaceNewerThanTheStatistics(15_000);
		assertThat(estimatedTraces(fresh)).isLessThan(1_000);
		// a batch through processing marks the workspace as written; the next pass's refresh analyses traces
		publish(event(fresh, List.of(trace("fresh-batch", "eng-probe", Instant.now(), 10, 5, "gpt-4o", "u-1", List.of())),
				List.of()));
		await().atMost(WAIT).until(() -> estimatedTraces(fresh) > 10_000);
	}

	/** The planner's estimate of a workspace's traces, as processing's transactions see it. */
	double estimatedTraces(UUID ws) {
		String plan = explain(ws, "EXPLAIN (FORMAT JSON) SELECT 1 FROM traces WHERE workspace_id = ?::uuid", ws.toString());
		return this.json.readTree(plan).get(0).get("Plan").get("Plan Rows").asDouble();
	}

	static void analyzeTraces() {
		owner.sql("SELECT agentobs_analyze_planned('public.traces'::regclass)").query((rs) -> {
		});
	}

	/**
	 * A workspace with {@code traces} traces ({@code fresh-0}, ...) written after {@code traces} was
	 * analysed with another workspace's 20,000 in it: too few to double the table, so V026's size rule
	 * leaves the statistics as they are.
	 */
	UUID workspaceNewerThanTheStatistics(int traces) {
		UUID known = newWorkspace();
		this.bulkWorkspaces.add(known);
		insertTraces(known, "known-", 20_000);
		analyzeTraces();
		UUID fresh = newWorkspace();
		this.bulkWorkspaces.add(fresh);
		insertTraces(fresh, "fresh-", traces);
		return fresh;
	}

	/**
	 * Bulk rows would stay in the test database and, as large workspaces the statistics' most-common
	 * list leaves out, raise the planner's estimate for any unknown workspace in later runs. The
	 * deletion's row counts reach the table's statistics before this returns (a forced flush): applied
	 * later, they would lower the live-row count under the next test's feet.
	 */
	@AfterEach
	void deleteBulkTraces() {
		if (!this.bulkWorkspaces.isEmpty()) {
			owner.sql("""
					WITH gone AS (DELETE FROM traces WHERE workspace_id = ANY (?::uuid[]) RETURNING 1)
					SELECT count(*) FROM gone, pg_stat_force_next_flush()""")
				.param(this.bulkWorkspaces.stream().map(UUID::toString).toArray(String[]::new))
				.query(Long.class)
				.single();
			this.bulkWorkspaces.clear();
		}
	}

	static void insertTraces(UUID ws, String idPrefix, long n) {
		owner.sql("""
				INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, status, latency_ms, sample_rate)
				SELECT ?, ? || g, 'eng-probe', now() - g * INTERVAL '1 second', 'success', 100, 1
				FROM generate_series(0, ? - 1) g""").params(ws, idPrefix, n).update();
	}

	/** The plan of a statement as processing runs it: the app role, RLS on, the workspace set. */
	String explain(UUID ws, String sql, Object... params) {
		return this.workspaces.inWorkspace(ws, () -> this.app.sql(sql).params(params).query(String.class).single());
	}

	/**
	 * A statement's JSON plans as processing runs it (app role, RLS on, the workspace set): the one its
	 * first executions get (values known), and the generic one of a prepared statement, which the
	 * driver's server-side statements use from the sixth execution when the planner finds it no dearer.
	 * Every {@code ?} of {@code sql} must carry a cast ({@code ?::type}).
	 */
	List<String> plans(UUID ws, String sql, Object... params) {
		Matcher casts = Pattern.compile("\\?(::[a-z\\[\\]]+)").matcher(sql);
		List<String> arguments = new ArrayList<>();
		while (casts.find()) { // EXECUTE takes no bind parameters: its arguments are literals
			Object value = params[arguments.size()];
			String text = (value instanceof Object[] array) ? Arrays.stream(array)
				.map((e) -> "\"" + e + "\"")
				.collect(Collectors.joining(",", "{", "}")) : value.toString();
			arguments.add("'" + text.replace("'", "''") + "'" + casts.group(1));
		}
		assertThat(arguments).as("casts of %s", sql).hasSize(params.length);
		int[] n = { 0 };
		String prepared = Pattern.compile("\\?").matcher(sql).replaceAll((m) -> "\\$" + (++n[0]));
		return this.workspaces.inWorkspace(ws, () -> {
			String custom = this.app.sql("EXPLAIN (FORMAT JSON) " + sql).params(params).query(String.class).single();
			this.app.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
			this.app.sql("PREPARE probe AS " + prepared).update();
			String generic = this.app.sql("EXPLAIN (FORMAT JSON) EXECUTE probe(" + String.join(", ", arguments) + ")")
				.query(String.class)
				.single();
			this.app.sql("DEALLOCATE probe").update();
			return List.of(custom, generic);
		});
	}

	/** Every node of a JSON plan that reads {@code traces} other than by its key (workspace_id, trace_id). */
	List<String> tracesReadOtherThanById(String jsonPlan) {
		List<String> wrong = new ArrayList<>();
		List<JsonNode> nodes = new ArrayList<>(List.of(this.json.readTree(jsonPlan).get(0).get("Plan")));
		while (!nodes.isEmpty()) {
			JsonNode node = nodes.remove(nodes.size() - 1);
			if (node.has("Plans")) {
				node.get("Plans").forEach(nodes::add);
			}
			if (!"traces".equals(node.path("Relation Name").asString(""))) {
				continue;
			}
			String type = node.get("Node Type").asString();
			boolean byKey = type.equals("ModifyTable") || type.equals("Tid Scan")
					|| (type.startsWith("Index") && "traces_pkey".equals(node.path("Index Name").asString(""))
							&& node.path("Index Cond").asString("").contains("trace_id"));
			if (!byKey) {
				wrong.add(type + " " + node.path("Index Name").asString("") + " " + node.path("Index Cond").asString(""));
			}
		}
		return wrong;
	}

}
