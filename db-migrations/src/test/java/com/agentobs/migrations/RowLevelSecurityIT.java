package com.agentobs.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.agentobs.testsupport.ScratchDatabase;
import com.agentobs.testsupport.TestStores;
import org.junit.jupiter.api.Test;

import static com.agentobs.migrations.MvpToEnterpriseMigrationIT.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row-level security is the last line behind the services' own filters: a connection of
 * the application role scoped to workspace A never reads or writes workspace B's rows,
 * even with a query that forgets the workspace filter.
 */
class RowLevelSecurityIT {

	@Test
	void appRole_seesOnlyItsWorkspace_evenWithoutFilter() throws Exception {
		try (ScratchDatabase db = new ScratchDatabase()) {
			Migrations.migrate(db.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD, TestStores.APP_USER);
			UUID a = UUID.randomUUID();
			UUID b = UUID.randomUUID();
			try (Connection owner = db.owner()) {
				insertWorkspaceWithTraces(owner, a, "a", 3);
				insertWorkspaceWithTraces(owner, b, "b", 5);
				// the application role bypasses nothing and owns nothing
				assertThat(count(owner, "SELECT count(*) FROM pg_roles WHERE rolname = '" + TestStores.APP_USER
						+ "' AND (rolbypassrls OR rolsuper)")).isZero();
				assertThat(count(owner, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = '"
						+ TestStores.APP_USER + "'")).isZero();
			}
			try (Connection app = db.app()) {
				// no workspace set: nothing is visible
				assertThat(count(app, "SELECT count(*) FROM traces")).isZero();
				assertThat(count(app, "SELECT count(*) FROM agents")).isZero();

				app.setAutoCommit(false);
				scope(app, a);
				assertThat(count(app, "SELECT count(*) FROM traces")).isEqualTo(3);
				assertThat(count(app, "SELECT count(*) FROM traces WHERE workspace_id = '" + b + "'")).isZero();
				assertThat(count(app, "SELECT count(*) FROM workspaces")).isEqualTo(1);
				assertThat(count(app, "SELECT count(*) FROM departments")).isEqualTo(1);
				// writing into B while scoped to A is refused
				assertThatThrownBy(() -> {
					try (Statement statement = app.createStatement()) {
						statement.executeUpdate("INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp) "
								+ "VALUES ('trace_x', '" + b + "', 'eng-x', now())");
					}
				}).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
				app.rollback();

				// the setting is per transaction: after commit it is gone
				scope(app, b);
				assertThat(count(app, "SELECT count(*) FROM traces")).isEqualTo(5);
				app.commit();
				assertThat(count(app, "SELECT count(*) FROM traces")).isZero();
				app.commit();
			}
		}
	}

	private static void scope(Connection app, UUID workspace) throws SQLException {
		try (PreparedStatement statement = app.prepareStatement("SELECT set_config('app.workspace_id', ?, true)")) {
			statement.setString(1, workspace.toString());
			statement.executeQuery().close();
		}
	}

	private static void insertWorkspaceWithTraces(Connection owner, UUID id, String slug, int traces)
			throws SQLException {
		try (Statement statement = owner.createStatement()) {
			statement.executeUpdate("INSERT INTO workspaces (id, name, slug) VALUES ('" + id + "', '" + slug + "', '"
					+ slug + "')");
			statement.executeUpdate("INSERT INTO departments (workspace_id, department_code, department_name) VALUES ('"
					+ id + "', 'engineering', 'Engineering')");
			statement.executeUpdate("INSERT INTO agents (workspace_id, agent_id) VALUES ('" + id + "', 'eng-x')");
			for (int i = 0; i < traces; i++) {
				statement.executeUpdate("INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, status) "
						+ "VALUES ('trace_" + slug + i + "', '" + id + "', 'eng-x', now(), 'success')");
			}
		}
	}

}
