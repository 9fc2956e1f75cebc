package com.agentobs.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.testsupport.ScratchDatabase;
import com.agentobs.testsupport.TestStores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enterprise migration is non-destructive on MVP-shaped data: 12,000 traces in the V001
 * schema, some without a workspace, migrated to head keep every row and gain an organisation;
 * then the emergency rollback script drops only the enterprise columns.
 */
class MvpToEnterpriseMigrationIT {

	private static final int TRACES = 12_000;

	private static final String[] AGENT_IDS = { "support-bot", "support-bot-eu", "sales-agent", "sales-agent-2",
			"eng-code-helper", "eng-reviewer", "weather-bot", "marketing-content-generator-1" };

	private static final Map<String, String> EXPECTED_DEPARTMENT = Map.of("support-bot", "support",
			"support-bot-eu", "support", "sales-agent", "sales", "sales-agent-2", "sales", "eng-code-helper",
			"engineering", "eng-reviewer", "engineering", "weather-bot", "engineering",
			"marketing-content-generator-1", "marketing");

	@Test
	void enterpriseMigration_keepsEveryMvpTrace_andBackfillsOrganisation() throws Exception {
		try (ScratchDatabase db = new ScratchDatabase()) {
			Migrations.flywayUpTo(db.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD,
					TestStores.APP_USER, "1").migrate();
			try (Connection owner = db.owner()) {
				loadMvpData(owner);
				long before = count(owner, "SELECT count(*) FROM traces");
				assertThat(before).isEqualTo(TRACES);
				long nullWorkspaceBefore = count(owner, "SELECT count(*) FROM traces WHERE workspace_id IS NULL");
				assertThat(nullWorkspaceBefore).isPositive();

				Migrations.migrate(db.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD,
						TestStores.APP_USER);

				assertThat(count(owner, "SELECT count(*) FROM traces")).isEqualTo(before);
				assertThat(count(owner, "SELECT count(*) FROM traces WHERE workspace_id IS NULL")).isZero();
				assertThat(count(owner, "SELECT count(*) FROM traces WHERE department_id IS NULL")).isZero();
				assertThat(count(owner, """
						SELECT count(*) FROM traces t LEFT JOIN departments d ON t.department_id = d.id
						WHERE t.department_id IS NOT NULL AND d.id IS NULL""")).isZero();
				assertThat(count(owner, "SELECT count(*) FROM agents WHERE department_id IS NULL")).isZero();
				assertThat(count(owner, """
						SELECT count(*) FROM traces t
						WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.workspace_id = t.workspace_id AND a.agent_id = t.agent_id)"""))
					.isZero();
				assertThat(count(owner, "SELECT count(*) FROM traces WHERE environment <> 'production' OR version <> 'v1.0'"))
					.isZero();
				assertThat(count(owner, """
						SELECT count(*) FROM traces WHERE intent_category IS NULL OR user_segment IS NULL
						   OR agent_version IS NULL""")).isZero();
				assertThat(count(owner, "SELECT count(*) FROM traces t JOIN departments d ON d.id = t.department_id "
						+ "WHERE d.workspace_id <> t.workspace_id")).isZero();

				// every agent-id pattern lands in its department
				try (Statement statement = owner.createStatement();
						ResultSet rs = statement.executeQuery("""
								SELECT DISTINCT t.agent_id, d.department_code FROM traces t
								JOIN departments d ON d.id = t.department_id""")) {
					Map<String, String> actual = new HashMap<>();
					while (rs.next()) {
						assertThat(actual.put(rs.getString(1), rs.getString(2))).isNull();
					}
					assertThat(actual).isEqualTo(EXPECTED_DEPARTMENT);
				}
				// rollups rebuilt over the whole history, and they add up
				assertThat(count(owner, "SELECT COALESCE(sum(trace_count), 0) FROM traces_daily")).isEqualTo(before);
				assertThat(count(owner, "SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly")).isEqualTo(before);
				// and the tables added after the MVP are filled by the same backfill (V060), the cells too
				for (String table : List.of("traces_intent_daily", "traces_segment_daily", "traces_model_6h",
						"traces_agent_6h")) {
					assertThat(count(owner, "SELECT COALESCE(sum(trace_count), 0) FROM " + table)).as(table)
						.isEqualTo(before);
				}
				assertThat(count(owner, "SELECT COALESCE(sum(n), 0) FROM trace_cells_hourly")).isEqualTo(before);
				// the head version of the one rollup function agrees with the raw data, and its
				// histogram percentile stays within the documented ±2.5 %
				try (Statement statement = owner.createStatement()) {
					statement.execute("SELECT agentobs_rebuild_rollups(workspace_id, min(timestamp), "
							+ "max(timestamp) + interval '1 second') FROM traces GROUP BY workspace_id");
				}
				assertThat(count(owner, "SELECT sum(trace_count) FROM traces_daily")).isEqualTo(before);
				assertThat(count(owner, "SELECT sum(error_count) FROM traces_hourly"))
					.isEqualTo(count(owner, "SELECT count(*) FROM traces WHERE status = 'error'"));
				try (Statement statement = owner.createStatement();
						ResultSet rs = statement.executeQuery("""
								SELECT agentobs_hist_quantile(agentobs_hist_merge(h.latency_histogram), 0.9),
								       (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY latency_ms) FROM traces)
								FROM traces_daily h""")) {
					rs.next();
					assertThat(rs.getDouble(1)).isCloseTo(rs.getDouble(2),
							org.assertj.core.data.Percentage.withPercentage(2.5));
				}
				// indexes on the new columns that reads use (V071 drops those on intent category and user segment)
				assertThat(count(owner, """
						SELECT count(*) FROM pg_indexes WHERE tablename = 'traces' AND indexname IN
						('idx_traces_department_id', 'idx_traces_environment', 'idx_traces_version')""")).isEqualTo(3);

				// the tested emergency rollback: drops the six columns, keeps every row, idempotent
				MigrationsCli.rollbackEnterprise(db.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD);
				MigrationsCli.rollbackEnterprise(db.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD);
				assertThat(count(owner, "SELECT count(*) FROM traces")).isEqualTo(before);
				assertThat(count(owner, """
						SELECT count(*) FROM information_schema.columns WHERE table_name = 'traces' AND column_name IN
						('department_id', 'environment', 'version', 'agent_version', 'intent_category', 'user_segment')"""))
					.isZero();
				assertThat(count(owner, "SELECT count(*) FROM traces WHERE latency_ms IS NULL OR input IS NULL"))
					.isZero();
			}
		}
	}

	/** MVP shape: one workspace, some traces and agents written without any workspace. */
	private static void loadMvpData(Connection owner) throws SQLException {
		owner.setAutoCommit(false);
		UUID workspace = UUID.randomUUID();
		try (PreparedStatement ws = owner
			.prepareStatement("INSERT INTO workspaces (id, name, slug, created_at) VALUES (?, 'MVP', 'mvp', ?)")) {
			ws.setObject(1, workspace);
			ws.setObject(2, java.sql.Timestamp.from(Instant.parse("2025-01-01T00:00:00Z")));
			ws.executeUpdate();
		}
		try (PreparedStatement agent = owner
			.prepareStatement("INSERT INTO agents (workspace_id, agent_id, name) VALUES (?, ?, ?)")) {
			for (int i = 0; i < 4; i++) {
				agent.setObject(1, (i % 2 == 0) ? workspace : null);
				agent.setString(2, AGENT_IDS[i]);
				agent.setString(3, AGENT_IDS[i]);
				agent.addBatch();
			}
			agent.executeBatch();
		}
		try (PreparedStatement trace = owner.prepareStatement("""
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, input, output, error, latency_ms,
				                    status, model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
			Instant start = Instant.parse("2025-06-01T00:00:00Z");
			for (int i = 0; i < TRACES; i++) {
				boolean error = i % 37 == 0;
				trace.setString(1, String.format("trace_%016x", i));
				trace.setObject(2, (i % 3 == 0) ? null : workspace);
				trace.setString(3, AGENT_IDS[i % AGENT_IDS.length]);
				trace.setObject(4, java.sql.Timestamp.from(start.plusSeconds(i * 97L)));
				trace.setString(5, "question " + i);
				trace.setString(6, error ? null : "answer " + i);
				trace.setString(7, error ? "Error: server_error" : null);
				trace.setInt(8, 200 + (i * 7919) % 3000);
				trace.setString(9, error ? "error" : "success");
				trace.setString(10, "gpt-3.5-turbo");
				trace.setString(11, "openai");
				trace.setInt(12, 100);
				trace.setInt(13, 200);
				trace.setInt(14, 300);
				trace.setBigDecimal(15, new java.math.BigDecimal("0.000600"));
				trace.addBatch();
				if (i % 2000 == 1999) {
					trace.executeBatch();
				}
			}
			trace.executeBatch();
		}
		owner.commit();
		owner.setAutoCommit(true);
	}

	static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
