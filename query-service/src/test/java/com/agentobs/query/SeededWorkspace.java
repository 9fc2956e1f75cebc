package com.agentobs.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A test workspace seeded as the owner role (RLS does not apply to it): three departments,
 * twelve agents across environments and versions, {@code traces} traces spread over the
 * 14 days before the current hour (every tenth one with {@code sample_rate} 2), rollups
 * rebuilt by the rollup function, the search table filled. A {@link TestTenant} (random slug),
 * so it never depends on an empty database; one owner session, so the seeded randomness repeats.
 */
final class SeededWorkspace {

	private final TestTenant tenant = TestTenant.create("query-it");

	final UUID id = this.tenant.id();

	final Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

	final Instant start = this.end.minus(14, ChronoUnit.DAYS);

	final JdbcClient owner;

	private final SingleConnectionDataSource dataSource;

	SeededWorkspace(int traces) {
		this.dataSource = new SingleConnectionDataSource(TestStores.dbUrl(), TestStores.OWNER_USER,
				TestStores.OWNER_PASSWORD, true);
		this.owner = JdbcClient.create(this.dataSource);
		seed(traces);
	}

	private void seed(int traces) {
		this.owner.sql("""
				INSERT INTO departments (workspace_id, department_code, department_name, budget_monthly_usd)
				VALUES (:ws, 'engineering', 'Engineering', 1000), (:ws, 'sales', 'Sales', 500),
				       (:ws, 'support', 'Customer Support', 300)
				""").param("ws", this.id).update();
		this.owner.sql("""
				INSERT INTO environments (workspace_id, environment_name, environment_type)
				VALUES (:ws, 'production', 'prod'), (:ws, 'staging', 'staging'), (:ws, 'development', 'dev')
				""").param("ws", this.id).update();
		this.owner.sql("""
				INSERT INTO agents (workspace_id, agent_id, name, department_id, environment, version, model, model_provider)
				SELECT :ws, d.department_code || '-agent-' || i, initcap(d.department_code) || ' agent ' || i, d.id,
				       (ARRAY['production', 'staging', 'development'])[1 + i % 3], (ARRAY['v2.1', 'v2.0'])[1 + i % 2],
				       (ARRAY['gpt-4-turbo', 'claude-3-sonnet', 'gemini-pro'])[1 + (i + length(d.department_code)) % 3],
				       (ARRAY['openai', 'anthropic', 'google'])[1 + (i + length(d.department_code)) % 3]
				FROM departments d CROSS JOIN generate_series(1, 4) i
				WHERE d.workspace_id = :ws
				""").param("ws", this.id).update();
		this.owner.sql("SELECT setseed(0.42)").query(Object.class).single();
		this.owner.sql("""
				WITH a AS (SELECT row_number() OVER (ORDER BY agent_id) - 1 AS idx, * FROM agents WHERE workspace_id = :ws)
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, input, output, error, latency_ms, status,
				                    model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd,
				                    department_id, environment, version, agent_version, intent_category, user_segment,
				                    sample_rate, user_id)
				SELECT 'trace_' || substr(md5(:ws::text || g), 1, 16), :ws, a.agent_id,
				       :start + make_interval(secs => floor(s.r2 * :span)),
				       'question ' || g || CASE WHEN g % 97 = 0 THEN ' zebracorn refund' ELSE '' END,
				       'answer ' || g,
				       CASE WHEN s.r < 0.02 THEN 'upstream 500' WHEN s.r < 0.03 THEN 'rate limit exceeded (429)'
				            WHEN s.r < 0.04 THEN 'request timed out' END,
				       (exp(4 + s.r3 * 4))::INTEGER + (CASE WHEN a.version = 'v2.0' THEN 300 ELSE 0 END),
				       CASE WHEN s.r < 0.03 THEN 'error' WHEN s.r < 0.04 THEN 'timeout' ELSE 'success' END,
				       a.model, a.model_provider, 100 + g % 400, 50 + g % 300, 150 + g % 400 + g % 300,
				       round(((150 + g % 400 + g % 300) * 0.00001 * (1 + g % 7))::NUMERIC, 6),
				       a.department_id, a.environment, a.version, a.version,
				       (ARRAY['code_generation', 'data_analysis', 'customer_support'])[1 + g % 3],
				       (ARRAY['regular', 'power_user', 'new'])[1 + g % 3],
				       CASE WHEN g % 10 = 0 THEN 2 ELSE 1 END, 'user-' || (g % 40)
				FROM generate_series(1, :n) g
				JOIN a ON a.idx = g % 12
				CROSS JOIN LATERAL (SELECT random() AS r, random() AS r2, random() AS r3 WHERE g IS NOT NULL) s
				""")
			.param("ws", this.id)
			.param("start", at(this.start))
			.param("span", (double) (this.end.getEpochSecond() - this.start.getEpochSecond() - 1))
			.param("n", traces)
			.update();
		this.owner.sql("SELECT agentobs_rebuild_rollups(:ws, :from, :to)::TEXT")
			.param("ws", this.id)
			.param("from", at(this.start.minus(1, ChronoUnit.DAYS)))
			.param("to", at(this.end.plus(1, ChronoUnit.DAYS)))
			.query(String.class)
			.optional();
		indexForSearch();
		// as the seeder does for the tables it wrote: a workspace the statistics do not know is planned as one
		// row, and the trace search then reads the workspace once per trace
		for (String table : List.of("traces", "trace_search")) {
			this.owner.sql("SELECT agentobs_analyze_planned(CAST(:t AS regclass))::TEXT")
				.param("t", table)
				.query(String.class)
				.optional();
		}
	}

	/** Fills the full-text search table as processing's search indexer does behind the write path. */
	private void indexForSearch() {
		this.owner.sql("SELECT agentobs_index_trace_search(:ws, :from, :to)")
			.param("ws", this.id)
			.param("from", at(this.start))
			.param("to", at(this.end))
			.query(Long.class)
			.single();
		this.owner.sql("""
				INSERT INTO trace_search_progress (workspace_id, indexed_through) VALUES (:ws, now())
				ON CONFLICT (workspace_id) DO UPDATE SET indexed_through = EXCLUDED.indexed_through""")
			.param("ws", this.id)
			.update();
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * The {@code WHERE} over raw traces {@code t} (joined to departments {@code d}) for this
	 * workspace, {@code [from, to)} and a filter combination (department, environment, version,
	 * agent_id), the independent truth the read APIs are checked against; fills {@code params}.
	 */
	String rawWhere(Instant from, Instant to, Map<String, String> combo, Map<String, Object> params) {
		params.put("ws", this.id);
		params.put("from", at(from));
		params.put("to", at(to));
		StringBuilder sql = new StringBuilder(
				"WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to");
		Set<String> columns = Set.of("environment", "version", "agent_id");
		combo.forEach((k, v) -> {
			if (k.equals("department")) {
				sql.append(" AND d.department_code = :department");
			}
			else if (columns.contains(k)) {
				sql.append(" AND t.").append(k).append(" = :").append(k);
			}
			params.put(k, v);
		});
		return sql.toString();
	}

	/** {@code spec} with every one of {@code params} bound. */
	static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

	void close() {
		this.dataSource.destroy();
		this.tenant.close();
	}

}
