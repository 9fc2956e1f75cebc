package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workspace prices and the "recompute costs" action over HTTP, against the real PostgreSQL and Redis with the
 * write path running: a price added through the API prices new traces on the write path, a recompute re-prices
 * a model's unknown traces in a window, both those with totals of their own and those whose totals are their
 * spans' (the model's unpriced spans priced, the trace re-summed), and its hourly and daily rollups follow
 * (equal to raw SQL over the traces), and rolling it back restores every span's and trace's previous cost and
 * every rollup row exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkspacePricesIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static JdbcClient owner;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Autowired
	RecomputeWorker worker;

	@BeforeAll
	static void ownerConnection() {
		owner = JdbcClient.create(TestStores.ownerDataSource());
	}

	static IngestTrace trace(String id, Instant ts, String model, Integer in, Integer out, BigDecimal cost,
			Map<String, Object> metadata) {
		return new IngestTrace(id, "ft-agent", ts, "q", "a", null, 100, "success", model, null, in, out,
				(in != null) ? in + out : null, cost, "production", "v1", "v1", "billing", "user-1", "s-1", 1, metadata,
				List.of());
	}

	/** A trace with no tokens or cost of its own: its totals are its spans' sums. */
	static IngestTrace spanTrace(String id, Instant ts, List<IngestSpan> llmCalls) {
		List<IngestSpan> spans = new ArrayList<>();
		spans.add(new IngestSpan(id, id + "-root", null, "other", "agent run", ts, ts.plusMillis(900), 900, null, null,
				null, null, null, "success", Map.of()));
		spans.addAll(llmCalls);
		return new IngestTrace(id, "ft-agent", ts, "q", "a", null, 900, "success", null, null, null, null, null, null,
				"production", "v1", "v1", "billing", "user-1", "s-1", 1, Map.of(), spans);
	}

	static IngestSpan llm(String traceId, String spanId, Instant at, String model, int in, int out, BigDecimal cost,
			Map<String, Object> usage) {
		return new IngestSpan(traceId, spanId, traceId + "-root", "llm", "chat " + model, at, at.plusMillis(100), 100,
				model, null, in, out, cost, "success", usage.isEmpty() ? Map.of() : Map.of("agentobs.usage", usage));
	}

	static Map<String, Object> span(UUID ws, String spanId) {
		return owner.sql("SELECT cost_usd, cost_source, model_provider FROM spans WHERE workspace_id = ? AND span_id = ?")
			.params(ws, spanId)
			.query()
			.singleRow();
	}

	/** Every span's and trace's cost, source and provider, and every hourly and daily rollup row's measures. */
	static List<String> costState(UUID ws) {
		List<String> rows = new ArrayList<>();
		rows.addAll(owner.sql("""
				SELECT 'span ' || span_id || ' ' || COALESCE(cost_usd::TEXT, '-') || ' ' || COALESCE(cost_source, '-')
				       || ' ' || COALESCE(model_provider, '-')
				FROM spans WHERE workspace_id = ? ORDER BY span_id""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'trace ' || trace_id || ' ' || COALESCE(cost_usd::TEXT, '-') || ' ' || COALESCE(cost_source, '-')
				       || ' ' || COALESCE(model_provider, '-') || ' ' || tokens_input || ' ' || tokens_output
				FROM traces WHERE workspace_id = ? ORDER BY trace_id""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'hourly ' || hour || ' ' || sum(trace_count) || ' ' || sum(total_cost) || ' ' || sum(tokens_input)
				FROM traces_hourly WHERE workspace_id = ? GROUP BY hour ORDER BY hour""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'daily ' || day || ' ' || sum(trace_count) || ' ' || sum(total_cost) || ' ' || sum(tokens_input)
				FROM traces_daily WHERE workspace_id = ? GROUP BY day ORDER BY day""").param(ws).query(String.class).list());
		return rows;
	}

	/** Span-derived traces whose cost is not the sum of their spans' (none may be). */
	static List<String> spanDerivedTracesOffTheirSpans(UUID ws) {
		return owner.sql("""
				SELECT t.trace_id || ': ' || t.cost_usd || ' <> ' || s.cost
				FROM traces t
				JOIN (SELECT trace_id, sum(cost_usd) AS cost FROM spans WHERE workspace_id = :ws GROUP BY trace_id) s
				  ON s.trace_id = t.trace_id
				WHERE t.workspace_id = :ws AND t.totals_from_spans AND t.cost_usd IS DISTINCT FROM s.cost""")
			.param("ws", ws)
			.query(String.class)
			.list();
	}

	void publish(UUID ws, List<IngestTrace> traces) {
		TraceIngestedEvent event = new TraceIngestedEvent(ws, Instant.now(), TraceIngestedEvent.SOURCE_REST, traces,
				List.of());
		this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD,
						this.json.writeValueAsString(event))));
	}

	static long hourlyCount(UUID ws) {
		return owner.sql("SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly WHERE workspace_id = ?")
			.param(ws)
			.query(Long.class)
			.single();
	}

	static Map<String, Object> trace(UUID ws, String id) {
		return owner.sql("SELECT cost_usd, cost_source, model_provider FROM traces WHERE workspace_id = ? AND trace_id = ?")
			.params(ws, id)
			.query()
			.singleRow();
	}

	/** Per hour and per day: the rollups' cost next to raw SQL's sample-weighted sum over the traces. */
	static List<String> rollupsAgainstRaw(UUID ws) {
		List<String> rows = new ArrayList<>();
		rows.addAll(owner.sql("""
				SELECT 'hour ' || h.hour || ': ' || h.cost || ' = ' || r.cost
				FROM (SELECT hour, sum(total_cost) AS cost FROM traces_hourly WHERE workspace_id = :ws GROUP BY hour) h
				FULL JOIN (SELECT date_trunc('hour', timestamp, 'UTC') AS hour,
				                  sum(sample_rate * COALESCE(cost_usd, 0)) AS cost
				           FROM traces WHERE workspace_id = :ws GROUP BY 1) r USING (hour)
				ORDER BY 1""").param("ws", ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'day ' || d.day || ': ' || d.cost || ' = ' || r.cost
				FROM (SELECT day, sum(total_cost) AS cost FROM traces_daily WHERE workspace_id = :ws GROUP BY day) d
				FULL JOIN (SELECT date_trunc('day', timestamp, 'UTC') AS day,
				                  sum(sample_rate * COALESCE(cost_usd, 0)) AS cost
				           FROM traces WHERE workspace_id = :ws GROUP BY 1) r USING (day)
				ORDER BY 1""").param("ws", ws).query(String.class).list());
		return rows;
	}

	static void assertRollupsEqualRaw(UUID ws) {
		List<String> rows = rollupsAgainstRaw(ws);
		assertThat(rows).isNotEmpty().allSatisfy((row) -> {
			String[] sides = row.substring(row.indexOf(": ") + 2).split(" = ");
			assertThat(sides).as(row).hasSize(2);
			assertThat(new BigDecimal(sides[0])).as(row).isEqualByComparingTo(new BigDecimal(sides[1]));
		});
	}

	static BigDecimal dailyCost(UUID ws) {
		return owner.sql("SELECT COALESCE(sum(total_cost), 0) FROM traces_daily WHERE workspace_id = ?")
			.param(ws)
			.query(BigDecimal.class)
			.single();
	}

	@Test
	void recompute_pricesAModelsUnknownTracesAndItsRollups_andTheUndoRestoresThem() throws Exception {
		UUID ws = TestTenant.create("pricing").id();
		String admin = TestJwts.user(ws, Role.ADMIN);
		Instant base = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
		List<IngestTrace> traces = List.of(
				trace("u-1", base.plus(5, ChronoUnit.MINUTES), "acme-ft-1", 1000, 500, null, Map.of()),
				trace("u-2", base.plus(65, ChronoUnit.MINUTES), "ACME-FT-1", 2000, 1000, null,
						Map.of("usage", Map.of("cache_read_input_tokens", 1000))),
				trace("u-3", base.plus(26, ChronoUnit.HOURS), "acme-ft-1", 4000, 0, null, Map.of()),
				trace("u-4", base.plus(26, ChronoUnit.HOURS).plusSeconds(1), "acme-ft-1", 10, 10, null, Map.of()),
				trace("u-5", base.plus(27, ChronoUnit.HOURS), "acme-ft-1", 3000, 3000, null, Map.of()),
				// the client's cost wins: never re-priced
				trace("c-1", base.plus(2, ChronoUnit.HOURS), "acme-ft-1", 1000, 1000, new BigDecimal("0.5"), Map.of()),
				trace("g-1", base.plus(3, ChronoUnit.HOURS), "gpt-4o-2024-08-06", 1000, 1000, null, Map.of()),
				// totals from spans: an unpriced call beside a catalog-priced one and one the client priced
				spanTrace("s-1", base.plus(4, ChronoUnit.HOURS), List.of(
						llm("s-1", "s-1a", base.plus(4, ChronoUnit.HOURS), "acme-ft-1", 1000, 500, null, Map.of()),
						llm("s-1", "s-1b", base.plus(4, ChronoUnit.HOURS).plusMillis(200), "gpt-4o-2024-08-06", 1000,
								1000, null, Map.of()),
						llm("s-1", "s-1c", base.plus(4, ChronoUnit.HOURS).plusMillis(400), "acme-ft-1", 1000, 1000,
								new BigDecimal("0.2"), Map.of()))),
				// totals from spans, every call unpriced, cached input in the span's usage
				spanTrace("s-2", base.plus(5, ChronoUnit.HOURS), List.of(
						llm("s-2", "s-2a", base.plus(5, ChronoUnit.HOURS), "acme-ft-1", 2000, 1000, null,
								Map.of("cache_read_input_tokens", 1000)))),
				// outside the window
				spanTrace("s-3", base.plus(28, ChronoUnit.HOURS), List.of(
						llm("s-3", "s-3a", base.plus(28, ChronoUnit.HOURS), "acme-ft-1", 100, 100, null, Map.of()))));
		publish(ws, traces);
		await().atMost(WAIT).until(() -> hourlyCount(ws) == traces.size());
		assertThat(trace(ws, "u-1")).containsEntry("cost_usd", null).containsEntry("cost_source", "unknown");
		assertThat((BigDecimal) trace(ws, "g-1").get("cost_usd")).isEqualByComparingTo("0.0125");
		assertThat(span(ws, "s-1a")).containsEntry("cost_usd", null).containsEntry("cost_source", "unknown");
		assertThat(span(ws, "s-1b")).containsEntry("cost_source", "catalog");
		assertThat(span(ws, "s-1c")).containsEntry("cost_source", "client");
		assertThat((BigDecimal) trace(ws, "s-1").get("cost_usd")).isEqualByComparingTo("0.2125");
		assertThat(trace(ws, "s-2")).containsEntry("cost_usd", null).containsEntry("cost_source", "unknown");
		assertRollupsEqualRaw(ws);
		BigDecimal before = dailyCost(ws);
		assertThat(before).isEqualByComparingTo("0.725");

		// a fine-tuned model's price, through the API (an admin action)
		JsonNode created = created(post("/api/v1/cost/prices", admin, """
				{"model": "acme-ft-1", "provider": "acme", "kind": "fine_tuned", "input_per_mtok": 3,
				 "output_per_mtok": 12, "cached_input_per_mtok": 1.5, "note": "our fine-tune"}"""));
		assertThat(created.get("action_type").asString()).isEqualTo("model_price.create");
		JsonNode listed = ok(get("/api/v1/cost/prices", TestJwts.user(ws, Role.VIEWER)));
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("model").asString()).isEqualTo("acme-ft-1");
		assertThat(listed.get(0).get("input_per_mtok").decimalValue()).isEqualByComparingTo("3");

		// the write path prices a new trace with it
		publish(ws, List.of(trace("n-1", Instant.now().minusSeconds(60), "acme-ft-1", 1000, 1000, null, Map.of())));
		await().atMost(WAIT).until(() -> hourlyCount(ws) == traces.size() + 1);
		assertThat(trace(ws, "n-1")).containsEntry("cost_source", "catalog").containsEntry("model_provider", "acme");
		assertThat((BigDecimal) trace(ws, "n-1").get("cost_usd")).isEqualByComparingTo("0.015");

		// recompute the window (u-5 and s-3 are outside it)
		List<String> beforeRecompute = costState(ws);
		Instant from = base;
		Instant to = base.plus(27, ChronoUnit.HOURS);
		JsonNode action = created(post("/api/v1/cost/recomputes", admin, """
				{"model": "acme-ft-1", "from": "%s", "to": "%s", "scope": "unknown"}""".formatted(from, to)));
		String recomputeId = action.get("result").get("recompute_id").asString();
		assertThat(action.get("result").get("total_traces").asLong()).isEqualTo(6);
		this.worker.drain();
		JsonNode run = await().atMost(WAIT)
			.until(() -> ok(get("/api/v1/cost/recomputes/" + recomputeId, admin)),
					(r) -> "done".equals(r.get("status").asString()));
		assertThat(run.get("processed_traces").asLong()).isEqualTo(6);
		assertThat(run.get("changed_traces").asLong()).isEqualTo(6);
		assertThat(run.get("progress").asDouble()).isEqualTo(1.0);

		// 1000 × 3 + 500 × 12 = 0.009; 1000 × 3 + 1000 × 1.5 + 1000 × 12 = 0.0165; 4000 × 3 = 0.012;
		// 10 × 3 + 10 × 12 = 0.00015 (per 1M tokens)
		assertThat((BigDecimal) trace(ws, "u-1").get("cost_usd")).isEqualByComparingTo("0.009");
		assertThat((BigDecimal) trace(ws, "u-2").get("cost_usd")).isEqualByComparingTo("0.0165");
		assertThat((BigDecimal) trace(ws, "u-3").get("cost_usd")).isEqualByComparingTo("0.012");
		assertThat((BigDecimal) trace(ws, "u-4").get("cost_usd")).isEqualByComparingTo("0.00015");
		assertThat(trace(ws, "u-1")).containsEntry("cost_source", "catalog").containsEntry("model_provider", "acme");
		assertThat(trace(ws, "u-5")).containsEntry("cost_usd", null).containsEntry("cost_source", "unknown");
		assertThat((BigDecimal) trace(ws, "c-1").get("cost_usd")).isEqualByComparingTo("0.5");
		// span-derived traces: the unpriced spans of the model priced (1000 × 3 + 500 × 12 = 0.009;
		// 1000 × 3 + 1000 × 1.5 + 1000 × 12 = 0.0165), the catalog's and the client's untouched, the trace re-summed
		assertThat((BigDecimal) span(ws, "s-1a").get("cost_usd")).isEqualByComparingTo("0.009");
		assertThat(span(ws, "s-1a")).containsEntry("cost_source", "catalog").containsEntry("model_provider", "acme");
		assertThat((BigDecimal) span(ws, "s-1b").get("cost_usd")).isEqualByComparingTo("0.0125");
		assertThat((BigDecimal) span(ws, "s-1c").get("cost_usd")).isEqualByComparingTo("0.2");
		assertThat(span(ws, "s-1c")).containsEntry("cost_source", "client");
		assertThat((BigDecimal) trace(ws, "s-1").get("cost_usd")).isEqualByComparingTo("0.2215");
		assertThat((BigDecimal) span(ws, "s-2a").get("cost_usd")).isEqualByComparingTo("0.0165");
		assertThat(trace(ws, "s-2")).containsEntry("cost_source", "catalog").containsEntry("model_provider", "acme");
		assertThat((BigDecimal) trace(ws, "s-2").get("cost_usd")).isEqualByComparingTo("0.0165");
		assertThat(span(ws, "s-3a")).containsEntry("cost_usd", null);
		assertThat(spanDerivedTracesOffTheirSpans(ws)).isEmpty();
		// 0.03765 + 0.2215 + 0.0165 after, for 0.2125 before (s-1's)
		assertThat(run.get("cost_after_usd").decimalValue()).isEqualByComparingTo("0.27565");
		assertThat(run.get("cost_before_usd").decimalValue()).isEqualByComparingTo("0.2125");
		assertRollupsEqualRaw(ws);
		assertThat(dailyCost(ws)).isEqualByComparingTo(
				before.add(new BigDecimal("0.03765")).add(new BigDecimal("0.0255")).add(new BigDecimal("0.015")));

		// undo: previous costs and rollups again
		created(post("/api/v1/cost/actions/" + action.get("action_id").asString() + "/rollback", admin, ""));
		assertThat(costState(ws)).isEqualTo(beforeRecompute);
		assertThat(trace(ws, "u-1")).containsEntry("cost_usd", null).containsEntry("cost_source", "unknown");
		assertThat(trace(ws, "u-2")).containsEntry("cost_usd", null).containsEntry("model_provider", null);
		assertThat((BigDecimal) trace(ws, "n-1").get("cost_usd")).isEqualByComparingTo("0.015");
		assertRollupsEqualRaw(ws);
		assertThat(dailyCost(ws)).isEqualByComparingTo(before.add(new BigDecimal("0.015")));
		assertThat(ok(get("/api/v1/cost/recomputes/" + recomputeId, admin)).get("status").asString())
			.isEqualTo("rolled_back");
	}

	/**
	 * Scope {@code all} with a negotiated rate: a span-derived trace's catalog-priced span of the model is re-priced,
	 * its client-priced span and a span stored before spans recorded their cost's source are not.
	 */
	@Test
	void recomputeAll_repricesCatalogSpansAtANegotiatedRate_neverTheClientsOrThoseOfUnknownSource() throws Exception {
		UUID ws = TestTenant.create("pricing-all").id();
		String admin = TestJwts.user(ws, Role.ADMIN);
		Instant at = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		String model = "gpt-4o-2024-08-06";
		List<IngestTrace> traces = List.of(spanTrace("a-1", at, List.of(
				llm("a-1", "a-1a", at, model, 1000, 1000, null, Map.of()),
				llm("a-1", "a-1b", at.plusMillis(200), model, 1000, 1000, new BigDecimal("0.3"), Map.of()),
				llm("a-1", "a-1c", at.plusMillis(400), model, 1000, 1000, null, Map.of()))));
		publish(ws, traces);
		await().atMost(WAIT).until(() -> hourlyCount(ws) == 1);
		// a-1c as stored before V144: a cost without a source, which might have been the client's
		owner.sql("UPDATE spans SET cost_source = NULL WHERE workspace_id = ? AND span_id = 'a-1c'").param(ws).update();
		// catalog gpt-4o: 1000 × 2.50 + 1000 × 10 per 1M = 0.0125 each, beside the client's 0.3
		assertThat((BigDecimal) trace(ws, "a-1").get("cost_usd")).isEqualByComparingTo("0.325");
		List<String> before = costState(ws);

		created(post("/api/v1/cost/prices", admin, """
				{"model": "gpt-4o", "kind": "negotiated", "input_per_mtok": 1, "output_per_mtok": 4}"""));
		JsonNode action = created(post("/api/v1/cost/recomputes", admin, """
				{"model": "%s", "from": "%s", "to": "%s", "scope": "all"}""".formatted(model.toUpperCase(),
				at.minus(1, ChronoUnit.HOURS), at.plus(1, ChronoUnit.HOURS))));
		assertThat(action.get("result").get("total_traces").asLong()).isEqualTo(1);
		this.worker.drain();
		String run = "/api/v1/cost/recomputes/" + action.get("result").get("recompute_id").asString();
		await().atMost(WAIT).until(() -> "done".equals(ok(get(run, admin)).get("status").asString()));

		// 1000 × 1 + 1000 × 4 per 1M = 0.005
		assertThat((BigDecimal) span(ws, "a-1a").get("cost_usd")).isEqualByComparingTo("0.005");
		assertThat(span(ws, "a-1a")).containsEntry("cost_source", "catalog");
		assertThat((BigDecimal) span(ws, "a-1b").get("cost_usd")).isEqualByComparingTo("0.3");
		assertThat((BigDecimal) span(ws, "a-1c").get("cost_usd")).isEqualByComparingTo("0.0125");
		assertThat((BigDecimal) trace(ws, "a-1").get("cost_usd")).isEqualByComparingTo("0.3175");
		assertThat(spanDerivedTracesOffTheirSpans(ws)).isEmpty();
		assertRollupsEqualRaw(ws);

		created(post("/api/v1/cost/actions/" + action.get("action_id").asString() + "/rollback", admin, ""));
		assertThat(costState(ws)).isEqualTo(before);
	}

	@Test
	void prices_areAdminActions_withUndo_andBadInputIsA400NamingTheField() throws Exception {
		UUID ws = TestTenant.create("pricing").id();
		String admin = TestJwts.user(ws, Role.ADMIN);
		JsonNode override = created(post("/api/v1/cost/prices", admin, """
				{"model": "gpt-4o", "kind": "negotiated", "input_per_mtok": 2, "output_per_mtok": 8}"""));
		String priceId = override.get("result").get("price_id").asString();
		JsonNode deployment = created(post("/api/v1/cost/prices", admin, """
				{"model": "prod-gpt4o-eu", "provider": "azure", "kind": "deployment", "catalog_model": "gpt-4o"}"""));
		assertThat(ok(get("/api/v1/cost/prices", admin))).hasSize(2);

		// update, then its undo
		JsonNode updated = created(put("/api/v1/cost/prices/" + priceId, admin, """
				{"model": "gpt-4o", "kind": "negotiated", "input_per_mtok": 1.75, "output_per_mtok": 7}"""));
		assertThat(updated.get("result").get("input_per_mtok").decimalValue()).isEqualByComparingTo("1.75");
		created(post("/api/v1/cost/actions/" + updated.get("action_id").asString() + "/rollback", admin, ""));
		assertThat(owner.sql("SELECT input_per_1m_usd FROM workspace_prices WHERE id = ?::uuid")
			.param(priceId)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("2");

		// delete, then its undo brings it back under the same id
		JsonNode deleted = created(delete("/api/v1/cost/prices/" + priceId, admin));
		assertThat(ok(get("/api/v1/cost/prices", admin))).hasSize(1);
		created(post("/api/v1/cost/actions/" + deleted.get("action_id").asString() + "/rollback", admin, ""));
		assertThat(ok(get("/api/v1/cost/prices", admin))).hasSize(2);

		// undo of a create removes it
		created(post("/api/v1/cost/actions/" + deployment.get("action_id").asString() + "/rollback", admin, ""));
		assertThat(ok(get("/api/v1/cost/prices", admin))).hasSize(1);

		// roles and bad input
		assertThat(post("/api/v1/cost/prices", TestJwts.user(ws, Role.OPERATOR), """
				{"model": "x", "input_per_mtok": 1, "output_per_mtok": 1}""").statusCode()).isEqualTo(403);
		assertField(post("/api/v1/cost/prices", admin, """
				{"model": "x", "input_per_mtok": -1, "output_per_mtok": 1}"""), "input_per_mtok");
		assertField(post("/api/v1/cost/prices", admin, """
				{"model": "x", "kind": "deployment", "catalog_model": "no-such-entry"}"""), "catalog_model");
		assertField(post("/api/v1/cost/prices", admin, """
				{"model": "x", "kind": "weird", "input_per_mtok": 1, "output_per_mtok": 1}"""), "kind");
		assertField(post("/api/v1/cost/prices", admin, """
				{"model": "x", "input_per_mtok": 1, "output_per_mtok": 1, "effective_from": "yesterday"}"""),
				"effective_from");
		assertField(post("/api/v1/cost/recomputes", admin, """
				{"model": "x", "from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}"""), "to");
		assertField(post("/api/v1/cost/recomputes", admin, """
				{"model": "x", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "scope": "some"}"""),
				"scope");
		assertThat(post("/api/v1/cost/prices", admin, """
				{"model": "GPT-4O", "input_per_mtok": 1, "output_per_mtok": 1}""").statusCode()).isEqualTo(409);
		assertThat(get("/api/v1/cost/recomputes/" + UUID.randomUUID(), admin).statusCode()).isEqualTo(404);
		assertThat(ok(get("/api/v1/cost/prices/catalog", admin)).size()).isGreaterThan(40);
		// another workspace sees none of them
		assertThat(ok(get("/api/v1/cost/prices", TestJwts.user(TestTenant.create("pricing").id(), Role.ADMIN))))
			.isEmpty();
	}

	private void assertField(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("error").get("details").get("field").asString())
			.as(response.body())
			.isEqualTo(field);
	}

	private JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).get("data");
	}

	private JsonNode created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("data");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
	}

	private HttpResponse<String> delete(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE());
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> put(String path, String token, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
