package com.agentobs.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.histogram.LatencyHistogram;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static com.agentobs.query.SeededWorkspace.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The read APIs against a seeded workspace on the real PostgreSQL and Redis: numbers are
 * checked against independent SQL over raw traces (counts exact, cost to the cent,
 * percentiles within the histogram bound).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper mapper;

	@Autowired
	StringRedisTemplate redis;

	SeededWorkspace ws;

	SeededWorkspace other;

	String viewer;

	@BeforeAll
	void seed() {
		this.ws = new SeededWorkspace(12_000);
		this.other = new SeededWorkspace(60);
		this.viewer = TestJwts.user(this.ws.id, Role.VIEWER);
	}

	@AfterAll
	void cleanUp() {
		this.ws.close();
		this.other.close();
	}

	/** Home's quality card reads evaluation-service's hourly rollup: machine evaluators only, with the filters. */
	@Test
	void homeKpis_averagesTheEvaluatorRollup_withoutHumanReviews_whenScoresExist() throws Exception {
		try (com.agentobs.testsupport.TestTenant tenant = com.agentobs.testsupport.TestTenant.create("quality-home")) {
			try (java.sql.Connection c = com.agentobs.testsupport.TestStores.owner();
					java.sql.Statement st = c.createStatement()) {
				st.executeUpdate("INSERT INTO departments (workspace_id, department_code, department_name) VALUES ('"
						+ tenant.id() + "', 'sales', 'Sales')");
				st.executeUpdate("""
						INSERT INTO evaluation_rollups_hourly (workspace_id, hour, agent_id, department_code, environment,
						    agent_version, evaluator, score_count, score_sum, pass_count, error_count, excellent_count,
						    good_count, fair_count, poor_count)
						VALUES ('%1$s', date_trunc('hour', now()) - interval '2 hours', 'sales-bot', 'sales', 'production',
						        'v2.1', 'heuristic', 4, 340, 4, 0, 1, 3, 0, 0),
						       ('%1$s', date_trunc('hour', now()) - interval '2 hours', 'support-bot', 'support', 'production',
						        'v2.1', 'heuristic', 1, 60, 0, 0, 0, 0, 1, 0),
						       ('%1$s', date_trunc('hour', now()) - interval '2 hours', 'support-bot', 'support', 'production',
						        'v2.1', 'human', 10, 100, 0, 0, 0, 0, 0, 10)""".formatted(tenant.id()));
			}
			String token = TestJwts.user(tenant.id(), Role.VIEWER);
			JsonNode all = getJson(token, "/api/v1/metrics/home-kpis?range=24h", 200);
			assertThat(all.at("/data/avg_quality_score/value").asDouble()).isEqualTo(80.0); // (340 + 60) / 5
			assertThat(all.at("/data/avg_quality_score/distribution/good").asLong()).isEqualTo(3);
			assertThat(all.at("/data/avg_quality_score/note").isNull()).isTrue();
			JsonNode sales = getJson(token, "/api/v1/metrics/home-kpis?range=24h&department=sales", 200);
			assertThat(sales.at("/data/avg_quality_score/value").asDouble()).isEqualTo(85.0);

			// the quality SLO row: average 80 is not above 80; one scored hour, not compliant; 1 of 5 below
			// pass = 20 % failed against 20 % allowed leaves no budget; per department 85 (met) and 60
			JsonNode slos = getJson(token, "/api/v1/slo/compliance-dashboard?range=24h", 200).at("/data/slos");
			JsonNode quality = null;
			for (JsonNode slo : slos) {
				quality = "quality_avg".equals(slo.get("slo_id").asString()) ? slo : quality;
			}
			assertThat(quality).isNotNull();
			assertThat(quality.get("current_value").asDouble()).isEqualTo(80.0);
			assertThat(quality.get("is_met").asBoolean()).isFalse();
			assertThat(quality.get("compliance_pct").asDouble()).isEqualTo(0.0);
			assertThat(quality.get("error_budget_remaining_pct").asDouble()).isEqualTo(0.0);
			assertThat(quality.get("note").isNull()).isTrue();
			assertThat(quality.get("trend")).hasSizeGreaterThanOrEqualTo(24);
			assertThat(java.util.stream.StreamSupport.stream(quality.get("trend").spliterator(), false)
				.filter((p) -> p.get("value").isNumber())
				.map((p) -> p.get("value").asDouble())
				.toList()).containsExactly(80.0);
			assertThat(quality.get("by_department").toString()).contains("\"department\":\"sales\",\"current_value\":85.0,\"is_met\":true")
				.contains("\"department\":\"support\",\"current_value\":60.0,\"is_met\":false");
			JsonNode salesSlo = getJson(token, "/api/v1/slo/compliance-dashboard?range=24h&department=sales", 200);
			assertThat(salesSlo.toString()).contains("\"slo_id\":\"quality_avg\"");
			assertThat(getJson(token, "/api/v1/fleet/health-heatmap?range=24h", 200).at("/meta/quality_note").asString())
				.startsWith("Q from the hourly quality rollup");
		}
	}

	@Test
	void homeKpis_returnsEnvelopeAndEchoesFilters_whenRange24hAndEngineering() throws Exception {
		JsonNode body = getJson(this.viewer, "/api/v1/metrics/home-kpis?range=24h&department=engineering", 200);
		assertThat(body.at("/data/total_requests/value").asLong()).isPositive();
		assertThat(body.at("/data/total_requests/sparkline")).hasSize(24);
		assertThat(body.at("/data/avg_latency/p90").isNumber()).isTrue();
		assertThat(body.at("/data/avg_quality_score/value").isNull()).isTrue();
		assertThat(body.at("/filters_applied/range").asString()).isEqualTo("24h");
		assertThat(body.at("/filters_applied/department").asString()).isEqualTo("engineering");
		assertThat(body.at("/filters_applied/environment").isNull()).isTrue();
		assertThat(body.at("/filters_applied/version").isNull()).isTrue();
		assertThat(body.at("/filters_applied/agent_id").isNull()).isTrue();
		assertThat(body.at("/filters_applied/workspace_id").asString()).isEqualTo(this.ws.id.toString());
		assertThat(body.at("/meta/query_duration_ms").isNumber()).isTrue();
		assertThat(body.at("/meta/cached").isBoolean()).isTrue();
		assertThat(body.at("/meta/generated_at").isString()).isTrue();
	}

	@Test
	void homeKpis_matchRawTraces_forFilterCombinations_onRollupsAndRaw() throws Exception {
		Instant dayEnd = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		// 7 whole days (daily rollups), 3 days ending on an hour (daily + hourly edges), 12 hours (hourly),
		// and off-the-hour edges (raw for the partial hours + hourly [+ daily]), 40 minutes (raw only)
		List<Instant[]> windows = List.of(new Instant[] { dayEnd.minus(7, ChronoUnit.DAYS), dayEnd },
				new Instant[] { this.ws.end.minus(3, ChronoUnit.DAYS).minus(5, ChronoUnit.HOURS), this.ws.end },
				new Instant[] { this.ws.end.minus(12, ChronoUnit.HOURS), this.ws.end },
				new Instant[] { this.ws.end.minus(3, ChronoUnit.DAYS).minus(317, ChronoUnit.MINUTES),
						this.ws.end.minus(23, ChronoUnit.MINUTES) },
				new Instant[] { this.ws.end.minus(20, ChronoUnit.HOURS).minus(7, ChronoUnit.MINUTES),
						this.ws.end.minus(13, ChronoUnit.MINUTES) },
				new Instant[] { this.ws.end.minus(50, ChronoUnit.MINUTES), this.ws.end.minus(10, ChronoUnit.MINUTES) });
		List<Map<String, String>> combos = List.of(Map.of(), Map.of("department", "engineering"),
				Map.of("department", "sales", "environment", "production", "version", "v2.0"),
				Map.of("department", "engineering", "environment", "staging", "version", "v2.1", "agent_id",
						"engineering-agent-2"));
		for (Instant[] w : windows) {
			for (Map<String, String> combo : combos) {
				StringBuilder url = new StringBuilder("/api/v1/metrics/home-kpis?range=custom&from=" + w[0] + "&to="
						+ w[1]);
				combo.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
				JsonNode data = getJson(this.viewer, url.toString(), 200).get("data");
				Map<String, Object> exact = exact(w[0], w[1], combo);
				String where = url.toString();
				assertThat(data.at("/total_requests/value").asLong()).as(where).isEqualTo((Long) exact.get("n"));
				assertThat(data.at("/total_cost/value").decimalValue()).as(where)
					.isEqualByComparingTo((BigDecimal) exact.get("cost"));
				long n = (Long) exact.get("n");
				if (n > 0) {
					double errorRate = 100.0 * (Long) exact.get("failures") / n;
					assertThat(data.at("/error_rate/value").asDouble()).as(where).isCloseTo(errorRate, within(0.006));
					long sumByDept = 0;
					for (JsonNode d : data.at("/total_requests/by_department")) {
						sumByDept += d.get("value").asLong();
					}
					assertThat(sumByDept).as(where).isEqualTo(n);
					for (String p : List.of("p50", "p90", "p99")) {
						double q = Integer.parseInt(p.substring(1)) / 100.0;
						double truth = exactPercentile(w[0], w[1], combo, q);
						assertThat(data.at("/avg_latency/" + p).asDouble()).as(where + " " + p)
							.isCloseTo(truth, within(truth * LatencyHistogram.MAX_RELATIVE_ERROR + 1.0));
					}
				}
			}
		}
	}

	@Test
	void costByDepartment_andIntents_matchRawTraces() throws Exception {
		Instant to = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		Instant from = to.minus(10, ChronoUnit.DAYS);
		JsonNode rows = getJson(this.viewer, "/api/v1/cost/by-department?range=custom&from=" + from + "&to=" + to, 200)
			.get("data");
		for (JsonNode row : rows) {
			Map<String, Object> exact = exact(from, to, Map.of("department", row.get("department_code").asString()));
			assertThat(row.get("total_cost").decimalValue()).isEqualByComparingTo((BigDecimal) exact.get("cost"));
		}
		JsonNode intents = getJson(this.viewer,
				"/api/v1/usage/intent-distribution?range=custom&from=" + from + "&to=" + to + "&department=support",
				200);
		long sum = 0;
		for (JsonNode row : intents.get("data")) {
			sum += row.get("count").asLong();
		}
		assertThat(sum).isEqualTo((Long) exact(from, to, Map.of("department", "support")).get("n"));
		assertThat(intents.at("/meta/intents_count").asInt()).isEqualTo(3);
	}

	@Test
	void providerComparison_matchesRawTraces_onOffTheHourWindow() throws Exception {
		// model-level histograms: daily rollups for whole days, raw traces for the rest
		Instant from = this.ws.end.minus(4, ChronoUnit.DAYS).minus(131, ChronoUnit.MINUTES);
		Instant to = this.ws.end.minus(47, ChronoUnit.MINUTES);
		JsonNode rows = getJson(this.viewer,
				"/api/v1/cost/provider-comparison?range=custom&from=" + from + "&to=" + to, 200).get("data");
		assertThat(rows.size()).isEqualTo(3);
		for (JsonNode row : rows) {
			String provider = row.get("provider").asString();
			Map<String, Object> params = new LinkedHashMap<>();
			String where = this.ws.rawWhere(from, to, Map.of(), params) + " AND t.model_provider = :provider";
			params.put("provider", provider);
			var spec = this.ws.owner.sql("""
					SELECT count(*) AS n, percentile_disc(0.9) WITHIN GROUP (ORDER BY t.latency_ms) AS p90
					FROM traces t LEFT JOIN departments d ON d.id = t.department_id
					CROSS JOIN LATERAL generate_series(1, t.sample_rate) w
					""" + where);
			spec = bind(spec, params);
			Map<String, Object> truth = new LinkedHashMap<>();
			spec.query((rs) -> {
				truth.put("n", rs.getLong("n"));
				truth.put("p90", rs.getDouble("p90"));
			});
			assertThat(row.get("request_count").asLong()).as(provider).isEqualTo((Long) truth.get("n"));
			double p90 = (Double) truth.get("p90");
			assertThat(row.get("p90_latency").asDouble()).as(provider)
				.isCloseTo(p90, within(p90 * LatencyHistogram.MAX_RELATIVE_ERROR + 1.0));
		}
	}

	@Test
	void series_bucketsAreOnTheHour_andSumToTheWindow() throws Exception {
		// 24 h: 24 hourly points ending with the current hour; 7 d usage: buckets on whole hours
		JsonNode kpis = getJson(this.viewer, "/api/v1/metrics/home-kpis?range=24h", 200).get("data");
		JsonNode spark = kpis.at("/total_requests/sparkline");
		assertThat(spark).hasSize(24);
		for (JsonNode point : spark) {
			assertThat(Instant.parse(point.get("timestamp").asString()).getEpochSecond() % 3600).isZero();
		}
		// the cost trend has the same buckets, and over whole hours it sums to the window's cost (each point is
		// rounded to the cent, so within half a cent per point)
		JsonNode costSpark = kpis.at("/total_cost/sparkline");
		assertThat(costSpark).hasSize(24);
		for (int i = 0; i < 24; i++) {
			assertThat(costSpark.get(i).get("timestamp").asString()).isEqualTo(spark.get(i).get("timestamp").asString());
		}
		Instant hourFrom = this.ws.end.minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		Instant hourTo = hourFrom.plus(48, ChronoUnit.HOURS);
		JsonNode twoDays = getJson(this.viewer,
				"/api/v1/metrics/home-kpis?range=custom&from=" + hourFrom + "&to=" + hourTo, 200).get("data");
		BigDecimal costSum = BigDecimal.ZERO;
		for (JsonNode point : twoDays.at("/total_cost/sparkline")) {
			costSum = costSum.add(point.get("value").decimalValue());
		}
		JsonNode costPoints = twoDays.at("/total_cost/sparkline");
		assertThat(costPoints).hasSize(24);
		assertThat(costSum).isCloseTo(twoDays.at("/total_cost/value").decimalValue(),
				within(new BigDecimal("0.005").multiply(BigDecimal.valueOf(costPoints.size()))));
		Instant from = this.ws.end.minus(5, ChronoUnit.DAYS).minus(41, ChronoUnit.MINUTES);
		Instant to = this.ws.end.minus(2, ChronoUnit.HOURS).minus(11, ChronoUnit.MINUTES);
		JsonNode usage = getJson(this.viewer, "/api/v1/usage/overview?range=custom&from=" + from + "&to=" + to, 200)
			.get("data");
		long sum = 0;
		for (JsonNode point : usage.get("calls_over_time")) {
			assertThat(Instant.parse(point.get("timestamp").asString()).getEpochSecond() % 3600).isZero();
			sum += point.get("value").asLong();
		}
		long n = (Long) exact(from, to, Map.of()).get("n");
		assertThat(usage.at("/total_api_calls/value").asLong()).isEqualTo(n);
		assertThat(sum).isEqualTo(n);
	}

	@Test
	void agentHourlyRollup_matchesTracesHourly_cellByCell() {
		// traces_agent_hourly (slim, arrays) against traces_hourly (ten dimensions, JSONB) merged
		// to the same grain: measures and every histogram cell, both directions.
		String dims = "agent_id, department_id, environment, version";
		assertThat(workspaceRows("traces_agent_hourly")).isPositive();
		assertSameRows(slimRollup("traces_agent_hourly", "hour", dims, true),
				mergedRollup("traces_hourly", "hour", dims));
	}

	@Test
	void modelHourlyRollup_matchesTracesHourly_cellByCell() {
		// traces_model_hourly (arrays) against traces_hourly (ten dimensions, JSONB) merged
		// to the same grain: measures and every histogram cell, both directions.
		String dims = "agent_id, department_id, environment, version, model, model_provider";
		assertThat(workspaceRows("traces_model_hourly")).isPositive();
		assertSameRows(slimRollup("traces_model_hourly", "hour", dims, true),
				mergedRollup("traces_hourly", "hour", dims));
	}

	@Test
	void agentSixHourRollup_matchesRawTraces_cellByCell() {
		// traces_agent_6h (merged from traces_agent_hourly) against raw traces grouped per UTC 6-hour block
		// here: every weighted measure and every histogram cell, both directions.
		String dims = "agent_id, department_id, environment, version";
		String raw = rawRollup("date_bin('6 hours', t.timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00')", "block", dims);
		assertThat(workspaceRows("traces_agent_6h")).isPositive();
		assertSameRows(slimRollup("traces_agent_6h", "block", dims, false), raw);
	}

	@Test
	void segmentDailyRollup_matchesRawTraces_cellByCell() {
		// traces_segment_daily (merged from traces_segment_hourly, grouped from the rollup cells) against raw
		// traces grouped per UTC day and user segment: every weighted measure and histogram cell, both directions.
		String dims = "agent_id, department_id, environment, version, user_segment";
		String raw = rawRollup("date_trunc('day', t.timestamp, 'UTC')", "day", dims);
		long segments = this.ws.owner
			.sql("SELECT count(DISTINCT user_segment) FROM traces_segment_daily WHERE workspace_id = :ws")
			.param("ws", this.ws.id)
			.query(Long.class)
			.single();
		assertThat(segments).isGreaterThan(1);
		assertSameRows(slimRollup("traces_segment_daily", "day", dims, false), raw);
	}

	@Test
	void agentDailyRollup_matchesTracesDaily_cellByCell() {
		// traces_agent_daily (merged from the slim hourly rows) against traces_daily (from raw, JSONB) merged
		// to the same grain: measures and every histogram cell, both directions.
		String dims = "agent_id, department_id, environment, version";
		assertThat(workspaceRows("traces_agent_daily")).isPositive();
		assertSameRows(slimRollup("traces_agent_daily", "day", dims, true),
				mergedRollup("traces_daily", "day", dims));
	}

	/** How many rows {@code table} holds for this workspace. */
	private long workspaceRows(String table) {
		return this.ws.owner.sql("SELECT count(*) FROM " + table + " WHERE workspace_id = :ws")
			.param("ws", this.ws.id)
			.query(Long.class)
			.single();
	}

	/**
	 * A slim rollup's rows as stored: {@code time}, {@code dims}, its measures ({@code allStatuses}:
	 * with the rate-limit and server-error counts) and its histogram arrays as a JSON object.
	 */
	private static String slimRollup(String table, String time, String dims, boolean allStatuses) {
		return """
				SELECT r.%2$s, %3$s, r.trace_count, r.success_count, r.error_count, r.timeout_count,%4$s
				       r.latency_sum_ms, r.total_cost, r.total_tokens,
				       (SELECT jsonb_object_agg(b::TEXT, c) FROM unnest(r.hist_buckets, r.hist_counts) e(b, c)) AS h
				FROM %1$s r WHERE r.workspace_id = :ws""".formatted(table, time, prefixed("r", dims),
				allStatuses ? " r.rate_limit_count, r.server_error_count," : "");
	}

	/**
	 * A wide rollup ({@code traces_hourly}, {@code traces_daily}: more dimensions, JSONB histogram)
	 * merged to ({@code time}, {@code dims}): summed measures and every histogram cell summed.
	 */
	private static String mergedRollup(String table, String time, String dims) {
		int groups = columns(dims).size() + 1;
		return """
				WITH m AS (
				    SELECT r.%2$s, %3$s, sum(r.trace_count) AS n,
				           sum(r.success_count) AS ok, sum(r.error_count) AS errs, sum(r.timeout_count) AS tos,
				           sum(r.rate_limit_count) AS rl, sum(r.server_error_count) AS se, sum(r.latency_sum_ms) AS lat,
				           sum(r.total_cost) AS cost, sum(r.total_tokens) AS tok
				    FROM %1$s r WHERE r.workspace_id = :ws GROUP BY %5$s),
				h AS (
				    SELECT %2$s, %4$s, jsonb_object_agg(b, c) AS h
				    FROM (SELECT r.%2$s, %3$s, e.key AS b, sum(e.value::BIGINT) AS c
				          FROM %1$s r CROSS JOIN LATERAL jsonb_each_text(r.latency_histogram) e
				          WHERE r.workspace_id = :ws GROUP BY %5$s, %6$d) x
				    GROUP BY %5$s)
				SELECT m.*, h.h FROM m LEFT JOIN h USING (%2$s, %4$s)"""
			.formatted(table, time, prefixed("r", dims), dims, positions(groups), groups + 1);
	}

	private static List<String> columns(String dims) {
		return Arrays.stream(dims.split(",")).map(String::trim).toList();
	}

	/** {@code dims} as {@code alias.column, ...}. */
	private static String prefixed(String alias, String dims) {
		return columns(dims).stream().map((d) -> alias + "." + d).collect(Collectors.joining(", "));
	}

	/** {@code 1, 2, ..., n}, for GROUP BY. */
	private static String positions(int n) {
		return IntStream.rangeClosed(1, n).mapToObj(String::valueOf).collect(Collectors.joining(", "));
	}

	/**
	 * Raw traces grouped per ({@code time} AS {@code name}, {@code dims}): the weighted measures a
	 * rollup row keeps and its histogram as a JSON object, the independent truth rollups are compared to.
	 */
	private static String rawRollup(String time, String name, String dims) {
		String t = prefixed("t", dims);
		int groups = columns(dims).size() + 1;
		String by = positions(groups);
		return """
				WITH t AS (
				    SELECT %1$s AS %2$s, %3$s, t.status, t.sample_rate, t.latency_ms, t.cost_usd,
				           COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0)) AS tok
				    FROM traces t WHERE t.workspace_id = :ws),
				m AS (
				    SELECT %2$s, %4$s, sum(sample_rate)::BIGINT AS n,
				           COALESCE(sum(sample_rate) FILTER (WHERE status = 'success'), 0)::BIGINT AS ok,
				           COALESCE(sum(sample_rate) FILTER (WHERE status = 'error'), 0)::BIGINT AS errs,
				           COALESCE(sum(sample_rate) FILTER (WHERE status = 'timeout'), 0)::BIGINT AS tos,
				           sum(sample_rate::NUMERIC * COALESCE(latency_ms, 0))::NUMERIC(20, 1) AS lat,
				           sum(sample_rate * COALESCE(cost_usd, 0))::NUMERIC(16, 6) AS cost,
				           sum(sample_rate::BIGINT * tok)::BIGINT AS tok
				    FROM t GROUP BY %5$s),
				h AS (
				    SELECT %2$s, %4$s, jsonb_object_agg(b::TEXT, c) AS h
				    FROM (SELECT %2$s, %4$s, agentobs_latency_bucket(latency_ms) AS b, sum(sample_rate)::BIGINT AS c
				          FROM t WHERE latency_ms IS NOT NULL GROUP BY %5$s, %6$d) x
				    GROUP BY %5$s)
				SELECT m.*, h.h FROM m LEFT JOIN h USING (%2$s, %4$s)""".formatted(time, name, t, dims, by, groups + 1);
	}

	@Test
	void usageOverview_uniqueUsers_matchDistinctRawUsers_forWindowsAndFilters() throws Exception {
		// whole days + partial edge days (daily user activity + raw edges), within one day (raw only)
		List<Instant[]> windows = List.of(
				new Instant[] { this.ws.end.minus(3, ChronoUnit.DAYS).minus(95, ChronoUnit.MINUTES),
						this.ws.end.minus(37, ChronoUnit.MINUTES) },
				new Instant[] { this.ws.end.truncatedTo(ChronoUnit.DAYS).minus(9, ChronoUnit.DAYS),
						this.ws.end.truncatedTo(ChronoUnit.DAYS) },
				new Instant[] { this.ws.end.minus(26, ChronoUnit.HOURS), this.ws.end.minus(25, ChronoUnit.HOURS) });
		List<Map<String, String>> combos = List.of(Map.of(), Map.of("department", "engineering"),
				Map.of("department", "sales", "environment", "production", "version", "v2.0"),
				Map.of("agent_id", "engineering-agent-2"));
		for (Instant[] w : windows) {
			for (Map<String, String> combo : combos) {
				StringBuilder url = new StringBuilder("/api/v1/usage/overview?range=custom&from=" + w[0] + "&to=" + w[1]);
				combo.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
				JsonNode data = getJson(this.viewer, url.toString(), 200).get("data");
				Map<String, Object> params = new LinkedHashMap<>();
				var spec = this.ws.owner.sql("""
						SELECT count(DISTINCT t.user_id) FROM traces t LEFT JOIN departments d ON d.id = t.department_id
						""" + this.ws.rawWhere(w[0], w[1], combo, params));
				spec = bind(spec, params);
				long exact = spec.query(Long.class).single();
				assertThat(data.at("/unique_users/value").asLong()).as(url.toString()).isEqualTo(exact);
			}
		}
	}

	@Test
	void traces_cursorPagination_walksPastTenThousandRowsWithoutDuplicatesOrGaps() throws Exception {
		String base = "/api/v1/traces?range=custom&from=" + this.ws.start.minus(1, ChronoUnit.HOURS) + "&to="
				+ this.ws.end.plus(1, ChronoUnit.HOURS) + "&limit=1000";
		getJson(this.viewer, base + "&page=11", 400);
		List<String> seen = new ArrayList<>();
		JsonNode page = getJson(this.viewer, base, 200);
		long total = page.at("/meta/total").asLong();
		assertThat(total).isEqualTo(12_000);
		while (true) {
			page.get("data").forEach((t) -> seen.add(t.get("trace_id").asString()));
			String next = page.at("/meta/next_cursor").isMissingNode() ? null : page.at("/meta/next_cursor").asString();
			if (next == null || next.isEmpty()) {
				break;
			}
			page = getJson(this.viewer, base + "&cursor=" + next, 200);
		}
		assertThat(seen).hasSize(12_000);
		assertThat(new HashSet<>(seen)).hasSize(12_000);
		List<String> expected = this.ws.owner
			.sql("SELECT trace_id FROM traces WHERE workspace_id = :ws ORDER BY timestamp DESC, trace_id DESC")
			.param("ws", this.ws.id)
			.query(String.class)
			.list();
		assertThat(seen).containsExactlyElementsOf(expected);
		getJson(this.viewer, base + "&cursor=not-a-cursor", 400);
	}

	@Test
	void traces_fullTextAndDetail_findSeededTrace() throws Exception {
		String range = "range=custom&from=" + this.ws.start + "&to=" + this.ws.end;
		JsonNode found = getJson(this.viewer, "/api/v1/traces?" + range + "&q=zebracorn&limit=1000", 200);
		long expected = this.ws.owner
			.sql("SELECT count(*) FROM traces WHERE workspace_id = :ws AND input LIKE '%zebracorn%'")
			.param("ws", this.ws.id)
			.query(Long.class)
			.single();
		assertThat(found.at("/meta/total").asLong()).isEqualTo(expected).isPositive();
		assertThat(found.at("/meta/search_indexed_through").isString()).isTrue();
		assertThat(found.at("/meta/search_lag_seconds").asDouble()).isGreaterThanOrEqualTo(0);
		assertThat(getJson(this.viewer, "/api/v1/traces?" + range + "&limit=5", 200).at("/meta")
			.has("search_lag_seconds")).isFalse();
		String traceId = found.at("/data/0/trace_id").asString();
		JsonNode bare = getJson(this.viewer, "/api/v1/traces/" + traceId, 200);
		assertThat(bare.at("/data/scores")).isEmpty();
		assertThat(bare.at("/data/violations")).isEmpty();
		// the drill-down shows what the evaluators and the guardrail recorded for this trace
		this.ws.owner.sql("""
				WITH r AS (INSERT INTO rubrics (workspace_id, name) VALUES (:ws, 'Helpfulness') RETURNING id)
				INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, rubric_id, rubric_version,
				                         evaluator, status, score, passed, criteria_scores, label, reasoning)
				SELECT :ws, t.trace_id, t.timestamp, t.agent_id, r.id, 1, 'heuristic', 'scored', 82.5, true,
				       '{"helpfulness": 90}', 'good', 'Clear steps.'
				FROM traces t, r WHERE t.workspace_id = :ws AND t.trace_id = :id""")
			.param("ws", this.ws.id)
			.param("id", traceId)
			.update();
		this.ws.owner.sql("""
				INSERT INTO guardrail_violations (workspace_id, detected_at, trace_id, agent_id, violation_type, category,
				                                  severity, action_taken, confidence, source, direction, details)
				VALUES (:ws, now(), :id, 'support-bot', 'email', 'pii', 'medium', 'redacted', 0.95, 'trace_scan',
				        'output', '{"excerpt": "mail <EMAIL_1>"}')""")
			.param("ws", this.ws.id)
			.param("id", traceId)
			.update();
		// as the evaluation and guardrail services' writes do
		this.redis.opsForValue().increment(DataVersion.key(this.ws.id));
		JsonNode detail = getJson(this.viewer, "/api/v1/traces/" + traceId, 200);
		assertThat(detail.at("/data/trace/trace_id").asString()).isEqualTo(traceId);
		assertThat(detail.at("/data/input").asString()).contains("zebracorn");
		assertThat(detail.at("/data/scores/0/overall_score").asDouble()).isEqualTo(82.5);
		assertThat(detail.at("/data/scores/0/rubric_name").asString()).isEqualTo("Helpfulness");
		assertThat(detail.at("/data/scores/0/criterion_scores/helpfulness").asInt()).isEqualTo(90);
		assertThat(detail.at("/data/violations/0/violation_type").asString()).isEqualTo("email");
		assertThat(detail.at("/data/violations/0/is_false_positive").asBoolean()).isFalse();
		assertThat(detail.at("/data/violations/0/details/excerpt").asString()).isEqualTo("mail <EMAIL_1>");
		getJson(this.viewer, "/api/v1/traces/trace_doesnotexist00", 404);
	}

	/** Search matches through the search table: a trace the indexer has not reached is not found yet. */
	@Test
	void traces_fullText_findsOnlyIndexedTraces() throws Exception {
		String range = "range=custom&from=" + this.ws.start + "&to=" + this.ws.end;
		String unindexed = this.ws.owner.sql("""
				DELETE FROM trace_search WHERE (workspace_id, trace_id) IN (
				    SELECT workspace_id, trace_id FROM traces WHERE workspace_id = :ws AND input LIKE '%zebracorn%'
				    ORDER BY trace_id LIMIT 1)
				RETURNING trace_id""").param("ws", this.ws.id).query(String.class).single();
		try {
			JsonNode found = getJson(this.viewer, "/api/v1/traces?" + range + "&q=zebracorn&limit=999", 200);
			assertThat(found.findValuesAsString("trace_id")).isNotEmpty().doesNotContain(unindexed);
		}
		finally {
			this.ws.owner.sql("""
					INSERT INTO trace_search (workspace_id, trace_id, timestamp, document)
					SELECT workspace_id, trace_id, timestamp, to_tsvector('simple', input || ' ' || output)
					FROM traces WHERE workspace_id = :ws AND trace_id = :id""")
				.param("ws", this.ws.id)
				.param("id", unindexed)
				.update();
		}
	}

	@Test
	void cache_hitsOnSecondCall_andMissesAfterDataVersionBump() throws Exception {
		// a fixed window: "range=7d" ends at the request's second and reads are exact to the instant
		String url = "/api/v1/performance/overview?range=custom&from=" + this.ws.end.minus(7, ChronoUnit.DAYS)
				.minus(13, ChronoUnit.MINUTES) + "&to=" + this.ws.end.minus(13, ChronoUnit.MINUTES)
				+ "&environment=staging";
		getJson(this.viewer, url, 200);
		JsonNode second = getJson(this.viewer, url, 200);
		assertThat(second.at("/meta/cached").asBoolean()).isTrue();
		this.redis.opsForValue().increment(DataVersion.key(this.ws.id));
		JsonNode third = getJson(this.viewer, url, 200);
		assertThat(third.at("/meta/cached").asBoolean()).isFalse();
		assertThat(third.get("data")).isEqualTo(second.get("data"));
		assertThat(getJson(this.viewer, url, 200).at("/meta/cached").asBoolean()).isTrue();
	}

	@Test
	void workspaces_areIsolated() throws Exception {
		String otherToken = TestJwts.user(this.other.id, Role.ADMIN);
		String range = "range=custom&from=" + this.ws.start + "&to=" + this.ws.end;
		JsonNode mine = getJson(otherToken, "/api/v1/metrics/home-kpis?" + range, 200);
		// 60 stored traces, every tenth with sample_rate 2: 66 represented requests
		assertThat(mine.at("/data/total_requests/value").asLong()).isEqualTo(66);
		JsonNode traces = getJson(otherToken, "/api/v1/traces?" + range + "&limit=1000", 200);
		assertThat(traces.at("/meta/total").asLong()).isEqualTo(60);
		String foreignTrace = this.ws.owner.sql("SELECT trace_id FROM traces WHERE workspace_id = :ws LIMIT 1")
			.param("ws", this.ws.id)
			.query(String.class)
			.single();
		getJson(otherToken, "/api/v1/traces/" + foreignTrace, 404);
		getJson(otherToken, "/api/v1/agents/engineering-agent-1?" + range, 200);
		assertThat(getJson(otherToken, "/api/v1/agents?" + range, 200).at("/meta/total").asLong()).isEqualTo(12);
		MvcResult denied = this.mvc
			.perform(get("/api/v1/metrics/home-kpis").header("Authorization", "Bearer " + otherToken)
				.header("X-Workspace-ID", this.ws.id.toString()))
			.andReturn();
		assertThat(denied.getResponse().getStatus()).isEqualTo(403);
		assertThat(denied.getResponse().getContentAsString()).contains("WORKSPACE_ACCESS_DENIED");
		String noWorkspace = TestJwts.sign(UUID.randomUUID().toString(), "user", Map.of(), List.of(),
				Instant.now().plusSeconds(300));
		getJson(noWorkspace, "/api/v1/metrics/home-kpis", 403);
		assertThat(this.mvc.perform(get("/api/v1/metrics/home-kpis")).andReturn().getResponse().getStatus())
			.isEqualTo(401);
	}

	@Test
	void csvExport_requiresAnalyst() throws Exception {
		getJson(this.viewer, "/api/v1/agents?format=csv", 403);
		String analyst = TestJwts.user(this.ws.id, Role.ANALYST);
		MvcResult csv = this.mvc
			.perform(get("/api/v1/agents?format=csv&range=7d").header("Authorization", "Bearer " + analyst))
			.andReturn();
		assertThat(csv.getResponse().getStatus()).isEqualTo(200);
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		String[] lines = csv.getResponse().getContentAsString().split("\r\n");
		assertThat(lines[0]).startsWith("agent_id,name,department");
		assertThat(lines).hasSize(13);
		getJson(analyst, "/api/v1/metrics/home-kpis?format=csv", 400);
		getJson(analyst, "/api/v1/agents?format=xml", 400);
	}

	@Test
	void badFilters_answer400NamingTheField() throws Exception {
		assertField("/api/v1/usage/overview?department=nonexistent", "department");
		assertField("/api/v1/usage/overview?range=banana", "range");
		assertField("/api/v1/usage/overview?range=custom&from=2025-10-02T00:00:00Z&to=2025-10-01T00:00:00Z", "from");
		assertField("/api/v1/traces?limit=5000", "limit");
		assertField("/api/v1/traces?sort=password", "sort");
		assertField("/api/v1/traces?status=maybe", "status");
		assertField("/api/v1/usage/retention-cohorts?cohort_size=yearly", "cohort_size");
		assertField("/api/v1/performance/latency-heatmap?percentile=p42", "percentile");
		assertField("/api/v1/metrics/home-kpis?department=x'%20OR%201=1--", "department");
	}

	@Test
	void everyDashboardEndpoint_answers200OnTheSeededWorkspace() throws Exception {
		for (String path : List.of("/api/v1/fleet/health-heatmap", "/api/v1/fleet/health-heatmap?range=24h",
				"/api/v1/slo/compliance-dashboard", "/api/v1/activity", "/api/v1/usage/overview?range=7d",
				"/api/v1/usage/retention-cohorts", "/api/v1/usage/retention-cohorts?cohort_size=weekly",
				"/api/v1/usage/top-agents", "/api/v1/usage/top-users", "/api/v1/usage/adoption",
				"/api/v1/cost/provider-comparison", "/api/v1/cost/budget-tracking",
				"/api/v1/cost/budget-tracking?department=sales", "/api/v1/cost/over-time",
				"/api/v1/performance/overview?range=30d", "/api/v1/performance/latency-heatmap?percentile=p99",
				"/api/v1/performance/latency-heatmap?range=7d", "/api/v1/performance/environment-parity",
				"/api/v1/performance/version-comparison?agent_id=sales-agent-1",
				"/api/v1/agents/sales-agent-1?range=7d", "/api/v1/agents/sales-agent-1/metrics?range=30d",
				"/api/v1/departments", "/api/v1/environments", "/api/v1/versions")) {
			JsonNode body = getJson(this.viewer, path, 200);
			assertThat(body.has("data")).as(path).isTrue();
			assertThat(body.has("filters_applied")).as(path).isTrue();
		}
		JsonNode heat = getJson(this.viewer, "/api/v1/fleet/health-heatmap?range=7d", 200);
		// 6-hour buckets on the UTC 6-hour blocks: 28 or 29 (partial buckets at both ends)
		int buckets = heat.at("/data/time_buckets").size();
		assertThat(buckets).isBetween(28, 29);
		assertThat(heat.at("/data/heatmap/0")).hasSize(buckets);
		JsonNode parity = getJson(this.viewer, "/api/v1/performance/environment-parity", 200);
		assertThat(parity.at("/data/0/parity_score").asDouble()).isEqualTo(100.0);
		getJson(this.viewer, "/api/v1/agents/no-such-agent", 404);
	}

	/** A filter slice without the agent's traffic is an empty slice of a known agent, not a missing agent. */
	@Test
	void agentDetail_answersTheAgentWithEmptyMetrics_whenFiltersExcludeIt() throws Exception {
		// sales-agent-1 runs v2.0 in staging
		for (String filter : List.of("version=v9.9", "environment=development", "department=engineering")) {
			JsonNode detail = getJson(this.viewer, "/api/v1/agents/sales-agent-1?range=7d&" + filter, 200);
			assertThat(detail.at("/data/agent/agent_id").asString()).as(filter).isEqualTo("sales-agent-1");
			assertThat(detail.at("/data/metrics/request_count/value").asLong()).as(filter).isZero();
			assertThat(detail.at("/data/metrics/latency_p90/value").isNull()).as(filter).isTrue();
			assertThat(detail.at("/data/versions")).as(filter).isEmpty();
			JsonNode metrics = getJson(this.viewer, "/api/v1/agents/sales-agent-1/metrics?range=7d&" + filter, 200);
			assertThat(metrics.at("/data/metrics/request_count/value").asLong()).as(filter).isZero();
		}
		getJson(this.viewer, "/api/v1/agents/no-such-agent?version=v9.9", 404);
	}

	/** Both queries (bound to this workspace) return the same rows, both directions of EXCEPT. */
	private void assertSameRows(String left, String right) {
		for (String sql : List.of("(" + left + ") EXCEPT (" + right + ")", "(" + right + ") EXCEPT (" + left + ")")) {
			long diff = this.ws.owner.sql("SELECT count(*) FROM (" + sql + ") d")
				.param("ws", this.ws.id)
				.query(Long.class)
				.single();
			assertThat(diff).as(sql).isZero();
		}
	}

	private void assertField(String url, String field) throws Exception {
		MvcJson.assertField(this.mvc, this.mapper, this.viewer, url, field);
	}

	private JsonNode getJson(String token, String url, int status) throws Exception {
		return MvcJson.getJson(this.mvc, this.mapper, token, url, status);
	}

	private Map<String, Object> exact(Instant from, Instant to, Map<String, String> combo) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = this.ws.rawWhere(from, to, combo, params);
		var spec = this.ws.owner.sql("""
				SELECT COALESCE(sum(t.sample_rate), 0) AS n,
				       COALESCE(sum(t.sample_rate) FILTER (WHERE t.status <> 'success'), 0) AS failures,
				       round(COALESCE(sum(t.sample_rate * t.cost_usd), 0), 2) AS cost
				FROM traces t LEFT JOIN departments d ON d.id = t.department_id
				""" + where);
		spec = bind(spec, params);
		Map<String, Object> out = new LinkedHashMap<>();
		spec.query((rs) -> {
			out.put("n", rs.getLong("n"));
			out.put("failures", rs.getLong("failures"));
			out.put("cost", rs.getBigDecimal("cost").setScale(2, RoundingMode.HALF_UP));
		});
		return out;
	}

	private double exactPercentile(Instant from, Instant to, Map<String, String> combo, double q) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = this.ws.rawWhere(from, to, combo, params);
		params.put("q", q);
		var spec = this.ws.owner.sql("""
				SELECT percentile_disc(CAST(:q AS double precision)) WITHIN GROUP (ORDER BY t.latency_ms)
				FROM traces t LEFT JOIN departments d ON d.id = t.department_id
				CROSS JOIN LATERAL generate_series(1, t.sample_rate) w
				""" + where);
		spec = bind(spec, params);
		return spec.query(Double.class).single();
	}

}
