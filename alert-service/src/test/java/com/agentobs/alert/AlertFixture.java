package com.agentobs.alert;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.TestHttp;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test data written as the owner role (RLS does not apply): a workspace with one department,
 * traffic at one trace per second with a chosen error pattern, rollups rebuilt by the rollup
 * function; and the service's HTTP API called as a user of that workspace.
 */
final class AlertFixture implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());

	private final List<TestTenant> tenants = new ArrayList<>();

	/** A new workspace (deleted with everything in it by {@link #close()}) with the department {@code engineering}. */
	UUID workspace() {
		TestTenant tenant = TestTenant.create("alerts-it");
		this.tenants.add(tenant);
		UUID ws = tenant.id();
		this.owner.sql("""
				INSERT INTO departments (workspace_id, department_code, department_name)
				VALUES (:ws, 'engineering', 'Engineering')
				""").param("ws", ws).update();
		return ws;
	}

	/**
	 * One trace per second for [from, to) of {@code agent} (department engineering): trace number g
	 * is an error when {@code g % modulo < errors} (100 %: 1/1, 0.5 %: 1/200, 40 %: 2/5, none: 0/1).
	 */
	void traffic(UUID ws, String agent, Instant from, Instant to, int errors, int modulo) {
		long seconds = to.getEpochSecond() - from.getEpochSecond();
		this.owner.sql("""
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, latency_ms, status, department_id,
				    environment, cost_usd, tokens_total, sample_rate)
				SELECT md5(CAST(:ws AS text) || :agent || CAST(:from AS text) || g), :ws, :agent, CAST(:from AS timestamptz) + make_interval(secs => g), 200,
				    CASE WHEN g % :modulo < :errors THEN 'error' ELSE 'success' END,
				    (SELECT id FROM departments WHERE workspace_id = :ws AND department_code = 'engineering'),
				    'production', 0.001, 100, 1
				FROM generate_series(0, :n - 1) g
				""")
			.param("ws", ws)
			.param("agent", agent)
			.param("from", Timestamp.from(from))
			.param("n", seconds)
			.param("errors", errors)
			.param("modulo", modulo)
			.update();
	}

	void rebuildRollups(UUID ws, Instant from, Instant to) {
		this.owner.sql("SELECT agentobs_rebuild_rollups(:ws, :from, :to)::text")
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(String.class)
			.optional();
	}

	long count(String sql, Object... params) {
		var spec = this.owner.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		return spec.query(Long.class).single();
	}

	HttpResponse<String> send(int port, String method, String path, UUID ws, String token, String body)
			throws Exception {
		return TestHttp.sendWithHeaders(port, method, path, token, body, "X-Workspace-ID", ws.toString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The id field of a 201 action response ({@code data.result.<field>}); anything but 201 fails the test. */
	static String createdId(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).at("/data/result/" + field).asString();
	}

	/**
	 * A threshold rule on error_count > 0 over 5 minutes, grouped by {@code groupBy}, no group wait,
	 * notifying {@code channel} (none when null); returns its id.
	 */
	String thresholdRule(int port, UUID ws, String name, String groupBy, String severity, String channel)
			throws Exception {
		String body = "{\"name\":\"" + name + "\",\"kind\":\"threshold\",\"measure\":\"error_count\",\"comparator\":\">\","
				+ "\"threshold\":0,\"window_minutes\":5,\"group_by\":\"" + groupBy + "\",\"severity\":\"" + severity
				+ "\",\"group_wait_seconds\":0" + ((channel != null) ? ",\"channel_ids\":[\"" + channel + "\"]" : "") + "}";
		return createdId(send(port, "POST", "/api/v1/alert-rules", ws, TestJwts.user(ws, Role.OPERATOR), body),
				"rule_id");
	}

	@Override
	public void close() {
		this.tenants.forEach(TestTenant::close);
	}

}
