package com.agentobs.systemtests;

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

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A workspace price and the "recompute costs" action end to end: processing-service writes the traces (from the
 * ingest stream), takes the price and the recompute through its API and runs the recompute in its worker;
 * query-service serves the Cost tab. For traces with totals of their own and traces whose totals are their
 * spans', after the recompute and again after its undo, the traces, the spans, the hourly and daily rollups and
 * the Cost tab's totals (by department, by provider, unpriced traffic) agree with raw SQL over the traces, and
 * the undo gives back every span's, trace's and rollup row's previous value.
 */
class RecomputeCostReadsIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());

	private static ConfigurableApplicationContext processing;

	private static ConfigurableApplicationContext query;

	private static JsonMapper json;

	@BeforeAll
	static void startServices() {
		processing = InJvmService.processing();
		query = InJvmService.query();
		json = processing.getBean(JsonMapper.class);
	}

	@Test
	void recomputeAndUndo_keepTracesSpansRollupsAndTheCostTabEqualToRawSql() throws Exception {
		UUID ws = TestTenant.create("recompute-reads").id();
		UUID department = owner.sql("""
				INSERT INTO departments (workspace_id, department_name, department_code) VALUES (?, 'Billing', 'billing')
				RETURNING id""").param(ws).query(UUID.class).single();
		owner.sql("""
				INSERT INTO agents (workspace_id, agent_id, name, version, department_id, environment)
				VALUES (?, 'ft-agent', 'ft-agent', 'v1', ?, 'production')""").params(ws, department).update();
		Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
		Instant from = to.minus(3, ChronoUnit.DAYS);
		Instant at = from.plus(30, ChronoUnit.HOURS);
		// acme-ft has no price yet; gpt-4o-2024-08-06 is the catalog's (100k × 2.50 + 10k × 10 per 1M = $0.35)
		List<IngestTrace> traces = List.of(
				trace("r-1", at, "acme-ft", 200_000, 100_000, 1),
				// sampled 1 in 2: it stands for two requests in every total
				trace("r-2", at.plus(1, ChronoUnit.HOURS), "acme-ft", 200_000, 100_000, 2),
				trace("r-3", at.plus(25, ChronoUnit.HOURS), "ACME-FT", 200_000, 100_000, 1),
				trace("g-1", at.plus(2, ChronoUnit.HOURS), "gpt-4o-2024-08-06", 100_000, 10_000, 1),
				spanTrace("s-1", at.plus(3, ChronoUnit.HOURS), "acme-ft", "gpt-4o-2024-08-06"),
				spanTrace("s-2", at.plus(26, ChronoUnit.HOURS), "acme-ft"));
		publish(ws, traces);
		// the rollups count requests: sample-weighted traces
		await().atMost(WAIT).until(() -> owner.sql("""
				SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly WHERE workspace_id = ?""")
			.param(ws)
			.query(Long.class)
			.single() == traces.stream().mapToInt(IngestTrace::sampleRate).sum());
		assertThat(rawCost(ws)).isEqualByComparingTo("0.70");
		assertStoreAndCostTabEqualRaw(ws, from, to);
		assertThat(unpricedRequests(ws, from, to)).isEqualTo(5);
		List<String> before = costState(ws);

		String admin = TestJwts.user(ws, Role.ADMIN);
		send(ws, "POST", "/api/v1/cost/prices", admin, """
				{"model": "acme-ft", "provider": "acme", "kind": "fine_tuned", "input_per_mtok": 3,
				 "output_per_mtok": 12}""", 201);
		JsonNode action = send(ws, "POST", "/api/v1/cost/recomputes", admin, """
				{"model": "acme-ft", "from": "%s", "to": "%s", "scope": "unknown"}""".formatted(from, to), 201);
		assertThat(action.get("result").get("total_traces").asLong()).isEqualTo(5);
		String run = "/api/v1/cost/recomputes/" + action.get("result").get("recompute_id").asString();
		await().atMost(WAIT).until(() -> "done".equals(send(ws, "GET", run, admin, null, 200).get("status").asString()));

		// six acme-ft requests (five calls, one sampled 1 in 2) at 200k × $3 + 100k × $12 per 1M = $1.80 each
		assertThat(rawCost(ws)).isEqualByComparingTo("11.50");
		assertThat(owner.sql("SELECT cost_usd FROM traces WHERE workspace_id = ? AND trace_id = 's-1'")
			.param(ws)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("2.15");
		await().atMost(WAIT).untilAsserted(() -> assertStoreAndCostTabEqualRaw(ws, from, to));
		assertThat(unpricedRequests(ws, from, to)).isZero();

		send(ws, "POST", "/api/v1/cost/actions/" + action.get("action_id").asString() + "/rollback", admin, "", 201);
		assertThat(costState(ws)).isEqualTo(before);
		await().atMost(WAIT).untilAsserted(() -> assertStoreAndCostTabEqualRaw(ws, from, to));
		assertThat(rawCost(ws)).isEqualByComparingTo("0.70");
		assertThat(unpricedRequests(ws, from, to)).isEqualTo(5);
	}

	private static IngestTrace trace(String id, Instant ts, String model, int in, int out, int sampleRate) {
		return new IngestTrace(id, "ft-agent", ts, "q", "a", null, 100, "success", model, null, in, out, in + out, null,
				"production", "v1", "v1", "billing", "user-1", "s-1", sampleRate, Map.of(), List.of());
	}

	/** A trace with no tokens or cost of its own (its totals are its spans'), one LLM call per model. */
	private static IngestTrace spanTrace(String id, Instant ts, String... models) {
		List<IngestSpan> spans = new ArrayList<>();
		spans.add(new IngestSpan(id, id + "-root", null, "other", "agent run", ts, ts.plusMillis(900), 900, null, null,
				null, null, null, "success", Map.of()));
		for (int i = 0; i < models.length; i++) {
			boolean acme = models[i].equals("acme-ft");
			Instant start = ts.plusMillis(100L * (i + 1));
			spans.add(new IngestSpan(id, id + "-" + i, id + "-root", "llm", "chat " + models[i], start,
					start.plusMillis(50), 50, models[i], null, acme ? 200_000 : 100_000, acme ? 100_000 : 10_000, null,
					"success", Map.of()));
		}
		return new IngestTrace(id, "ft-agent", ts, "q", "a", null, 900, "success", null, null, null, null, null, null,
				"production", "v1", "v1", "billing", "user-1", "s-1", 1, Map.of(), spans);
	}

	private static void publish(UUID ws, List<IngestTrace> traces) {
		TraceIngestedEvent event = new TraceIngestedEvent(ws, Instant.now(), TraceIngestedEvent.SOURCE_REST, traces,
				List.of());
		processing.getBean(StringRedisTemplate.class)
			.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD,
						json.writeValueAsString(event))));
	}

	private static BigDecimal rawCost(UUID ws) {
		return owner.sql("SELECT COALESCE(sum(sample_rate * cost_usd), 0) FROM traces WHERE workspace_id = ?")
			.param(ws)
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * Span-derived traces cost their spans' sum; every hourly and daily rollup row's cost is raw SQL's over the
	 * traces; the Cost tab's department and provider totals are raw SQL's (each row rounded to the cent).
	 */
	private static void assertStoreAndCostTabEqualRaw(UUID ws, Instant from, Instant to) throws Exception {
		assertThat(owner.sql("""
				SELECT t.trace_id FROM traces t
				JOIN (SELECT trace_id, sum(cost_usd) AS cost FROM spans WHERE workspace_id = :ws GROUP BY trace_id) s
				  ON s.trace_id = t.trace_id
				WHERE t.workspace_id = :ws AND t.totals_from_spans AND t.cost_usd IS DISTINCT FROM s.cost""")
			.param("ws", ws)
			.query(String.class)
			.list()).as("span-derived traces off their spans' sum").isEmpty();
		for (String grain : new String[] { "hour", "day" }) {
			String rollup = grain.equals("hour") ? "traces_hourly" : "traces_daily";
			assertThat(owner.sql("""
					SELECT r.t || ': ' || COALESCE(r.cost, 0) || ' <> ' || COALESCE(x.cost, 0)
					FROM (SELECT %1$s AS t, sum(total_cost) AS cost FROM %2$s WHERE workspace_id = :ws GROUP BY 1) r
					FULL JOIN (SELECT date_trunc('%1$s', timestamp, 'UTC') AS t, sum(sample_rate * COALESCE(cost_usd, 0)) AS cost
					           FROM traces WHERE workspace_id = :ws GROUP BY 1) x USING (t)
					WHERE COALESCE(r.cost, 0) <> COALESCE(x.cost, 0)""".formatted(grain, rollup))
				.param("ws", ws)
				.query(String.class)
				.list()).as(rollup + " against raw SQL").isEmpty();
		}
		BigDecimal raw = rawCost(ws);
		String viewer = TestJwts.user(ws, Role.VIEWER);
		for (String path : new String[] { "/api/v1/cost/by-department", "/api/v1/cost/provider-comparison" }) {
			BigDecimal sum = BigDecimal.ZERO;
			int rows = 0;
			for (JsonNode row : read(ws, path, viewer, from, to)) {
				sum = sum.add(row.get("total_cost").decimalValue());
				rows++;
			}
			assertThat(rows).as(path).isPositive();
			assertThat(sum).as(path).isCloseTo(raw, within(new BigDecimal("0.005").multiply(BigDecimal.valueOf(rows))));
		}
	}

	private static long unpricedRequests(UUID ws, Instant from, Instant to) throws Exception {
		long n = 0;
		for (JsonNode row : read(ws, "/api/v1/cost/unpriced-models", TestJwts.user(ws, Role.VIEWER), from, to)) {
			n += row.get("requests").asLong();
		}
		long raw = owner.sql("SELECT COALESCE(sum(sample_rate), 0) FROM traces WHERE workspace_id = ? AND cost_usd IS NULL")
			.param(ws)
			.query(Long.class)
			.single();
		assertThat(n).as("unpriced requests against raw SQL").isEqualTo(raw);
		return n;
	}

	/** Every span's and trace's cost, source and provider, and every hourly and daily rollup row's measures. */
	private static List<String> costState(UUID ws) {
		List<String> rows = new ArrayList<>();
		rows.addAll(owner.sql("""
				SELECT span_id || ' ' || COALESCE(cost_usd::TEXT, '-') || ' ' || COALESCE(cost_source, '-') || ' '
				       || COALESCE(model_provider, '-')
				FROM spans WHERE workspace_id = ? ORDER BY span_id""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT trace_id || ' ' || COALESCE(cost_usd::TEXT, '-') || ' ' || COALESCE(cost_source, '-') || ' '
				       || COALESCE(model_provider, '-')
				FROM traces WHERE workspace_id = ? ORDER BY trace_id""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'hourly ' || hour || ' ' || sum(trace_count) || ' ' || sum(total_cost) || ' ' || sum(tokens_input)
				FROM traces_hourly WHERE workspace_id = ? GROUP BY hour ORDER BY hour""").param(ws).query(String.class).list());
		rows.addAll(owner.sql("""
				SELECT 'daily ' || day || ' ' || sum(trace_count) || ' ' || sum(total_cost) || ' ' || sum(tokens_input)
				FROM traces_daily WHERE workspace_id = ? GROUP BY day ORDER BY day""").param(ws).query(String.class).list());
		return rows;
	}

	private static JsonNode read(UUID ws, String path, String token, Instant from, Instant to) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + InJvmService.port(query) + path + "?range=custom&from=" + from
					+ "&to=" + to))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("data");
	}

	/** A request to processing-service; the response's {@code data}. */
	private static JsonNode send(UUID ws, String method, String path, String token, String body, int status)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + InJvmService.port(processing) + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json.readTree(response.body()).get("data");
	}

}
