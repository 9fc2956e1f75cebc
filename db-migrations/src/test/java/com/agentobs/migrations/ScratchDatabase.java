package com.agentobs.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database on the real local PostgreSQL, created by the owner role (which
 * has CREATEDB) next to the test database, so a migration test starts from nothing.
 */
final class ScratchDatabase implements AutoCloseable {

	static final String OWNER = env("AGENTOBS_DB_OWNER_USER", "agentobs");

	static final String OWNER_PASSWORD = env("AGENTOBS_DB_OWNER_PASSWORD", "agentobs");

	static final String APP_ROLE = env("AGENTOBS_DB_USER", "agentobs_app");

	static final String APP_PASSWORD = env("AGENTOBS_DB_PASSWORD", "agentobs_app");

	private static final String ADMIN_URL = env("AGENTOBS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/agentobs_test");

	final String name = "agentobs_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	final String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + this.name;

	ScratchDatabase() throws SQLException {
		adminExecute("CREATE DATABASE " + this.name + " OWNER " + OWNER);
	}

	Connection owner() throws SQLException {
		return DriverManager.getConnection(this.url, OWNER, OWNER_PASSWORD);
	}

	Connection app() throws SQLException {
		return DriverManager.getConnection(this.url, APP_ROLE, APP_PASSWORD);
	}

	@Override
	public void close() throws SQLException {
		adminExecute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void adminExecute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, OWNER, OWNER_PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : value;
	}

}
