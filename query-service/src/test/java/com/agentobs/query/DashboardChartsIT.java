package com.agentobs.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static com.agentobs.query.SeededWorkspace.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The Usage and Cost charts added for issue 8 (user segments, version adoption, hour × weekday
 * grid, cost by intent, input vs output tokens) against a seeded workspace: every number is
 * recomputed by independent SQL over raw traces, on rollup-backed windows (hour-aligned, so
 * the rollups' hour granularity is exact) and on short raw windows, with filter combinations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardChartsIT {

	private static final List<Map<String, String>> COMBOS = List.of(Map.of(), Map.of("department", "engineering"),
			Map.of("department", "sales", "environment", "production", "version", "v2.0"),
			Map.of("agent_id", "support-agent-3"));

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper mapper;

	SeededWorkspace ws;

	SeededWorkspace other;

	String viewer;

	/** Rollup windows: whole days, and days plus hours (daily rollups with hourly edges); then a raw window. */
	List<Instant[]> windows;

	@BeforeAll
	void seed() {
		this.ws = new SeededWorkspace(6_000);
		this.other = new SeededWorkspace(60);
		this.viewer = TestJwts.user(this.ws.id, Role.VIEWER);
		// the end users' current segments; user-39 has no end_users row (segment "unknown")
		this.ws.owner.sql("""
				INSERT INTO end_users (workspace_id, external_user_id, user_segment, first_seen_at, last_seen_at)
				SELECT :ws, 'user-' || i, (ARRAY['power_user', 'regular', 'new', 'dormant'])[1 + i % 4], now(), now()
				FROM generate_series(0, 38) i
				""").param("ws", this.ws.id).update();
		Instant dayEnd = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		this.windows = List.of(new Instant[] { dayEnd.minus(6, ChronoUnit.DAYS), dayEnd },
				new Instant[] { this.ws.end.minus(3, ChronoUnit.DAYS).minus(5, ChronoUnit.HOURS), this.ws.end },
				new Instant[] { this.ws.end.minus(12, ChronoUnit.HOURS).minus(17, ChronoUnit.MINUTES),
						this.ws.end.minus(23, ChronoUnit.MINUTES) });
	}

	@AfterAll
	void cleanUp() {
		this.ws.close();
		this.other.close();
	}

	@Test
	void userSegments_matchRawTracesAndEndUsers_forWindowsAndFilters() throws Exception {
		for (Instant[] w : this.windows) {
			for (Map<String, String> combo : COMBOS) {
				String url = url("/api/v1/usage/user-segments", w, combo);
				JsonNode body = getJson(this.viewer, url, 200);
				Map<String, Long> requests = rawMap("""
						SELECT COALESCE(t.user_segment, 'unknown') AS k, sum(t.sample_rate) AS v
						FROM traces t LEFT JOIN departments d ON d.id = t.department_id""", " GROUP BY 1", w, combo);
				Map<String, Long> users = rawMap("""
						SELECT COALESCE(e.user_segment, 'unknown') AS k, count(DISTINCT t.user_id) AS v
						FROM traces t LEFT JOIN departments d ON d.id = t.department_id
						LEFT JOIN end_users e ON e.workspace_id = t.workspace_id AND e.external_user_id = t.user_id""",
						" AND t.user_id IS NOT NULL GROUP BY 1", w, combo);
				Map<String, JsonNode> rows = new HashMap<>();
				body.get("data").forEach((r) -> rows.put(r.get("segment").asString(), r));
				assertThat(rows.keySet()).as(url).containsAll(List.of("power_user", "regular", "new", "dormant"));
				assertThat(rows.keySet()).as(url).containsAll(requests.keySet()).containsAll(users.keySet());
				long totalRequests = requests.values().stream().mapToLong(Long::longValue).sum();
				rows.forEach((segment, r) -> {
					long n = requests.getOrDefault(segment, 0L);
					assertThat(r.get("requests").asLong()).as(url + " " + segment).isEqualTo(n);
					assertThat(r.get("users").asLong()).as(url + " " + segment)
						.isEqualTo(users.getOrDefault(segment, 0L));
					double pct = (totalRequests == 0) ? 0
							: BigDecimal.valueOf(100.0 * n / totalRequests).setScale(1, RoundingMode.HALF_UP).doubleValue();
					assertThat(r.get("pct_of_requests").asDouble()).as(url + " " + segment).isEqualTo(pct);
				});
				assertThat(body.at("/meta/total_requests").asLong()).as(url).isEqualTo(totalRequests);
			}
		}
		// the seeded traces carry no dormant segment; users-39 has no end_users row
		JsonNode all = getJson(this.viewer, url("/api/v1/usage/user-segments", this.windows.get(0), Map.of()), 200);
		assertThat(all.at("/data/3/segment").asString()).isEqualTo("dormant");
		assertThat(all.at("/data/3/requests").asLong()).isZero();
		assertThat(all.at("/data/3/users").asLong()).isPositive();
		assertThat(all.at("/data/4/segment").asString()).isEqualTo("unknown");
		assertThat(all.at("/data/4/users").asLong()).isEqualTo(1);
	}

	@Test
	void userSegments_changeComparesWithTheEqualWindowBefore() throws Exception {
		Instant to = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		Instant from = to.minus(4, ChronoUnit.DAYS);
		Instant[] previous = { from.minus(4, ChronoUnit.DAYS), from };
		JsonNode row = getJson(this.viewer, url("/api/v1/usage/user-segments", new Instant[] { from, to }, Map.of()),
				200)
			.at("/data/0");
		String sql = """
				SELECT COALESCE(t.user_segment, 'unknown') AS k, sum(t.sample_rate) AS v
				FROM traces t LEFT JOIN departments d ON d.id = t.department_id""";
		long now = rawMap(sql, " GROUP BY 1", new Instant[] { from, to }, Map.of()).get("power_user");
		long before = rawMap(sql, " GROUP BY 1", previous, Map.of()).get("power_user");
		double change = BigDecimal.valueOf(100.0 * (now - before) / before)
			.setScale(1, RoundingMode.HALF_UP)
			.doubleValue();
		assertThat(row.get("segment").asString()).isEqualTo("power_user");
		assertThat(row.get("requests_change").asDouble()).isEqualTo(change);
	}

	@Test
	void versionAdoption_sharesMatchRawTraces_perBucketAndDepartment() throws Exception {
		Instant to = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		Instant[] w = { to.minus(10, ChronoUnit.DAYS), to };
		List<Map<String, String>> combos = List.of(Map.of(), Map.of("environment", "production"),
				Map.of("version", "v2.0", "department", "sales"), Map.of("agent_id", "engineering-agent-1"));
		for (Map<String, String> combo : combos) {
			String url = url("/api/v1/usage/version-adoption", w, combo);
			JsonNode body = getJson(this.viewer, url, 200);
			String target = combo.getOrDefault("version", "v2.1");
			assertThat(body.at("/meta/target_version").asString()).as(url).isEqualTo(target);
			long bucketSeconds = body.at("/meta/bucket_seconds").asLong();
			Instant origin = Instant.parse(body.at("/meta/time_buckets/0").asString());
			// the version filter picks the numerator, never narrows the denominator
			Map<String, String> denominator = new LinkedHashMap<>(combo);
			denominator.remove("version");
			Map<String, Object> params = new LinkedHashMap<>();
			String where = where(w, denominator, params);
			params.put("bucket", bucketSeconds + " seconds");
			params.put("origin", SeededWorkspace.at(origin));
			params.put("target", target);
			Map<String, long[]> exact = new HashMap<>();
			bind(this.ws.owner.sql("""
					SELECT date_bin(CAST(:bucket AS interval), t.timestamp, :origin) AS b, d.department_code AS dept,
					       sum(t.sample_rate) AS n, COALESCE(sum(t.sample_rate) FILTER (WHERE t.version = :target), 0) AS v
					FROM traces t LEFT JOIN departments d ON d.id = t.department_id
					""" + where + " GROUP BY 1, 2"), params).query((rs) -> {
				exact.put(rs.getObject("b", java.time.OffsetDateTime.class).toInstant() + "|" + rs.getString("dept"),
						new long[] { rs.getLong("n"), rs.getLong("v") });
			});
			assertThat(exact).as(url).isNotEmpty();
			int checked = 0;
			for (JsonNode row : body.get("data")) {
				long[] truth = exact.getOrDefault(
						Instant.parse(row.get("timestamp").asString()) + "|" + row.get("department").asString(),
						new long[2]);
				assertThat(row.get("requests").asLong()).as(url).isEqualTo(truth[0]);
				assertThat(row.get("target_requests").asLong()).as(url).isEqualTo(truth[1]);
				if (truth[0] > 0) {
					assertThat(row.get("share_pct").asDouble()).as(url)
						.isEqualTo(BigDecimal.valueOf(100.0 * truth[1] / truth[0])
							.setScale(1, RoundingMode.HALF_UP)
							.doubleValue());
					checked++;
				}
				else {
					assertThat(row.get("share_pct").isNull()).as(url).isTrue();
				}
			}
			assertThat(checked).as(url).isEqualTo(exact.size());
		}
		JsonNode all = getJson(this.viewer, url("/api/v1/usage/version-adoption", w, Map.of()), 200);
		assertThat(all.at("/meta/versions/0").asString()).isEqualTo("v2.1");
		assertThat(all.at("/meta/versions/1").asString()).isEqualTo("v2.0");
	}

	@Test
	void hourlyPattern_cellsMatchRawTraces_byIsoWeekdayAndUtcHour() throws Exception {
		for (Instant[] w : List.of(this.windows.get(0), this.windows.get(2))) {
			for (Map<String, String> combo : List.of(Map.<String, String>of(),
					Map.of("department", "engineering", "environment", "staging"))) {
				String url = url("/api/v1/usage/hourly-pattern", w, combo);
				JsonNode body = getJson(this.viewer, url, 200);
				assertThat(body.get("data")).as(url).hasSize(7 * 24);
				Map<String, Long> exact = rawMap("""
						SELECT extract(isodow FROM t.timestamp AT TIME ZONE 'UTC')::INT || '-'
						       || extract(hour FROM t.timestamp AT TIME ZONE 'UTC')::INT AS k, sum(t.sample_rate) AS v
						FROM traces t LEFT JOIN departments d ON d.id = t.department_id""", " GROUP BY 1", w, combo);
				Map<String, Long> occurrences = new HashMap<>();
				this.ws.owner.sql("""
						SELECT extract(isodow FROM h AT TIME ZONE 'UTC')::INT || '-'
						       || extract(hour FROM h AT TIME ZONE 'UTC')::INT AS k, count(*) AS v
						FROM generate_series(date_trunc('hour', CAST(:from AS timestamptz), 'UTC'),
						                     CAST(:to AS timestamptz) - interval '1 microsecond', interval '1 hour') h
						GROUP BY 1""")
					.param("from", SeededWorkspace.at(w[0]))
					.param("to", SeededWorkspace.at(w[1]))
					.query((rs) -> {
						occurrences.put(rs.getString("k"), rs.getLong("v"));
					});
				long total = 0;
				for (JsonNode cell : body.get("data")) {
					String key = cell.get("day_of_week").asInt() + "-" + cell.get("hour").asInt();
					long n = exact.getOrDefault(key, 0L);
					total += cell.get("requests").asLong();
					assertThat(cell.get("requests").asLong()).as(url + " " + key).isEqualTo(n);
					Long times = occurrences.get(key);
					if (times == null) {
						assertThat(cell.get("avg_requests").isNull()).as(url + " " + key).isTrue();
					}
					else {
						assertThat(cell.get("avg_requests").asDouble()).as(url + " " + key)
							.isEqualTo(BigDecimal.valueOf((double) n / times)
								.setScale(1, RoundingMode.HALF_UP)
								.doubleValue());
					}
				}
				assertThat(total).as(url).isEqualTo(exact.values().stream().mapToLong(Long::longValue).sum());
				assertThat(body.at("/meta/timezone").asString()).isEqualTo("UTC");
			}
		}
	}

	@Test
	void costByIntent_matchesRawTraces_forWindowsAndFilters() throws Exception {
		for (Instant[] w : this.windows) {
			for (Map<String, String> combo : COMBOS) {
				String url = url("/api/v1/cost/by-intent", w, combo);
				JsonNode body = getJson(this.viewer, url, 200);
				Map<String, Object> params = new LinkedHashMap<>();
				String where = where(w, combo, params);
				Map<String, Object[]> exact = new HashMap<>();
				bind(this.ws.owner.sql("""
						SELECT t.intent_category AS intent, sum(t.sample_rate) AS n,
						       round(sum(t.sample_rate * t.cost_usd), 2) AS cost, sum(t.sample_rate * t.tokens_total) AS tok
						FROM traces t LEFT JOIN departments d ON d.id = t.department_id
						""" + where + " GROUP BY 1"), params).query((rs) -> {
					exact.put(rs.getString("intent"),
							new Object[] { rs.getLong("n"), rs.getBigDecimal("cost"), rs.getLong("tok") });
				});
				assertThat(body.get("data")).as(url).hasSize(exact.size());
				BigDecimal previous = null;
				for (JsonNode row : body.get("data")) {
					Object[] truth = exact.get(row.get("intent").asString());
					assertThat(truth).as(url).isNotNull();
					assertThat(row.get("request_count").asLong()).as(url).isEqualTo(truth[0]);
					assertThat(row.get("total_cost").decimalValue()).as(url).isEqualByComparingTo((BigDecimal) truth[1]);
					assertThat(row.get("tokens").asLong()).as(url).isEqualTo(truth[2]);
					if (previous != null) {
						assertThat(row.get("total_cost").decimalValue()).as("sorted by cost").isLessThanOrEqualTo(previous);
					}
					previous = row.get("total_cost").decimalValue();
				}
			}
		}
	}

	@Test
	void tokenUsage_totalsAndSeriesMatchRawTraces_forWindowsAndFilters() throws Exception {
		for (Instant[] w : this.windows) {
			for (Map<String, String> combo : COMBOS) {
				String url = url("/api/v1/cost/token-usage", w, combo);
				JsonNode body = getJson(this.viewer, url, 200);
				Map<String, Object> params = new LinkedHashMap<>();
				String where = where(w, combo, params);
				long[] exact = new long[2];
				bind(this.ws.owner.sql("""
						SELECT COALESCE(sum(t.sample_rate * t.tokens_input), 0) AS tin,
						       COALESCE(sum(t.sample_rate * t.tokens_output), 0) AS tout
						FROM traces t LEFT JOIN departments d ON d.id = t.department_id
						""" + where), params).query((rs) -> {
							exact[0] = rs.getLong("tin");
							exact[1] = rs.getLong("tout");
						});
				assertThat(body.at("/data/tokens_input/value").asLong()).as(url).isEqualTo(exact[0]);
				assertThat(body.at("/data/tokens_output/value").asLong()).as(url).isEqualTo(exact[1]);
				assertThat(body.at("/data/tokens_total/value").asLong()).as(url).isEqualTo(exact[0] + exact[1]);
				long seriesIn = 0;
				long seriesOut = 0;
				for (JsonNode p : body.at("/data/over_time")) {
					seriesIn += p.get("tokens_input").asLong();
					seriesOut += p.get("tokens_output").asLong();
				}
				assertThat(seriesIn).as(url).isEqualTo(exact[0]);
				assertThat(seriesOut).as(url).isEqualTo(exact[1]);
			}
		}
		// one series point against a bucket of raw traces
		Instant[] w = this.windows.get(1);
		JsonNode body = getJson(this.viewer, url("/api/v1/cost/token-usage", w, Map.of()), 200);
		long bucket = body.at("/meta/bucket_seconds").asLong();
		JsonNode point = body.at("/data/over_time/3");
		Instant start = Instant.parse(point.get("timestamp").asString());
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(new Instant[] { start, start.plusSeconds(bucket) }, Map.of(), params);
		long in = bind(this.ws.owner.sql("SELECT sum(t.sample_rate * t.tokens_input) FROM traces t " + where), params)
			.query(Long.class)
			.single();
		assertThat(point.get("tokens_input").asLong()).isEqualTo(in);
	}

	@Test
	void csvExport_needsAnalyst_andListsTheRows() throws Exception {
		getJson(this.viewer, "/api/v1/cost/by-intent?format=csv", 403);
		String analyst = TestJwts.user(this.ws.id, Role.ANALYST);
		for (Map.Entry<String, String> e : Map.of("/api/v1/usage/user-segments", "segment,users,users_change",
				"/api/v1/usage/hourly-pattern", "day_of_week,hour,requests", "/api/v1/cost/by-intent",
				"intent,total_cost,request_count", "/api/v1/cost/token-usage", "timestamp,tokens_input,tokens_output",
				"/api/v1/usage/version-adoption", "timestamp,department,requests")
			.entrySet()) {
			MvcResult csv = this.mvc
				.perform(get(e.getKey() + "?format=csv&range=7d").header("Authorization", "Bearer " + analyst))
				.andReturn();
			assertThat(csv.getResponse().getStatus()).as(e.getKey()).isEqualTo(200);
			assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
			String[] lines = csv.getResponse().getContentAsString().split("\r\n");
			assertThat(lines[0]).as(e.getKey()).startsWith(e.getValue());
			assertThat(lines.length).as(e.getKey()).isGreaterThan(1);
		}
	}

	@Test
	void badFilters_answer400NamingTheField_onEveryNewEndpoint() throws Exception {
		for (String path : List.of("/api/v1/usage/user-segments", "/api/v1/usage/version-adoption",
				"/api/v1/usage/hourly-pattern", "/api/v1/cost/by-intent", "/api/v1/cost/token-usage")) {
			assertField(path + "?department=nonexistent", "department");
			assertField(path + "?range=banana", "range");
			assertField(path + "?range=custom&from=2025-10-02T00:00:00Z&to=2025-10-01T00:00:00Z", "from");
			assertField(path + "?format=xml", "format");
			JsonNode ok = getJson(this.viewer, path + "?department=sales&environment=production", 200);
			assertThat(ok.at("/filters_applied/department").asString()).isEqualTo("sales");
			assertThat(ok.at("/filters_applied/environment").asString()).isEqualTo("production");
			assertThat(ok.at("/filters_applied/version").isNull()).isTrue();
		}
	}

	/** A fresh workspace, or a filter that matches nothing, must chart as empty, never fail. */
	@Test
	void everyNewEndpoint_answersEmpty_whenTheWindowHasNoTraffic() throws Exception {
		Instant[] before = { this.ws.start.minus(30, ChronoUnit.DAYS), this.ws.start.minus(1, ChronoUnit.DAYS) };
		for (String path : List.of("/api/v1/usage/user-segments", "/api/v1/usage/version-adoption",
				"/api/v1/usage/hourly-pattern", "/api/v1/cost/by-intent", "/api/v1/cost/token-usage")) {
			for (Map<String, String> combo : List.of(Map.<String, String>of(), Map.of("agent_id", "no-such-agent"))) {
				JsonNode body = getJson(this.viewer, url(path, before, combo), 200);
				assertThat(body.has("data")).as(path).isTrue();
			}
		}
		// a workspace without agents, versions or traces at all
		String empty = TestJwts.user(java.util.UUID.randomUUID(), Role.VIEWER);
		JsonNode adoption = getJson(empty, "/api/v1/usage/version-adoption", 200);
		assertThat(adoption.get("data")).isEmpty();
		assertThat(adoption.at("/meta/target_version").isMissingNode()).isTrue();
		assertThat(getJson(empty, "/api/v1/usage/hourly-pattern", 200).get("data")).hasSize(7 * 24);
		JsonNode grid = getJson(this.viewer, url("/api/v1/usage/hourly-pattern", before, Map.of()), 200);
		assertThat(grid.at("/meta/total_requests").asLong()).isZero();
		assertThat(grid.at("/meta/peak_hour").isMissingNode()).isTrue();
		assertThat(getJson(this.viewer, url("/api/v1/cost/by-intent", before, Map.of()), 200).get("data")).isEmpty();
	}

	@Test
	void workspaces_areIsolated() throws Exception {
		String otherToken = TestJwts.user(this.other.id, Role.VIEWER);
		Instant[] w = { this.other.start, this.other.end };
		JsonNode tokens = getJson(otherToken, url("/api/v1/cost/token-usage", w, Map.of()), 200);
		long exact = this.other.owner
			.sql("SELECT sum(sample_rate * tokens_input) FROM traces WHERE workspace_id = :ws")
			.param("ws", this.other.id)
			.query(Long.class)
			.single();
		assertThat(tokens.at("/data/tokens_input/value").asLong()).isEqualTo(exact);
		JsonNode segments = getJson(otherToken, url("/api/v1/usage/user-segments", w, Map.of()), 200);
		// the other workspace has no end_users rows: all its active users are "unknown"
		long known = 0;
		for (JsonNode r : segments.get("data")) {
			if (!r.get("segment").asString().equals("unknown")) {
				known += r.get("users").asLong();
			}
		}
		assertThat(known).isZero();
		assertThat(segments.at("/meta/total_requests").asLong()).isEqualTo(66);
	}

	private String url(String path, Instant[] w, Map<String, String> combo) {
		StringBuilder url = new StringBuilder(path + "?range=custom&from=" + w[0] + "&to=" + w[1]);
		combo.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
		return url.toString();
	}

	private Map<String, Long> rawMap(String select, String tail, Instant[] w, Map<String, String> combo) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(w, combo, params);
		Map<String, Long> out = new HashMap<>();
		bind(this.ws.owner.sql(select + "\n" + where + tail), params).query((rs) -> {
			out.put(rs.getString("k"), rs.getLong("v"));
		});
		return out;
	}

	private String where(Instant[] w, Map<String, String> combo, Map<String, Object> params) {
		return this.ws.rawWhere(w[0], w[1], combo, params);
	}

	private void assertField(String url, String field) throws Exception {
		MvcJson.assertField(this.mvc, this.mapper, this.viewer, url, field);
	}

	private JsonNode getJson(String token, String url, int status) throws Exception {
		return MvcJson.getJson(this.mvc, this.mapper, token, url, status);
	}

}
