package com.agentobs.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database next to the test database, created by the owner role (which has
 * CREATEDB) and dropped on {@link #close()}, for tests that must start from an empty or
 * differently migrated schema. Named {@code agentobs_scratch_...}, the pattern
 * {@code ./agentobs test} removes when an interrupted run left one behind.
 */
public final class ScratchDatabase implements AutoCloseable {

	private final String name;

	private final String url;

	public ScratchDatabase() throws SQLException {
		this("db");
	}

	/** A database named {@code agentobs_scratch_<purpose>_<random>}; purpose: lower-case letters, digits, _. */
	public ScratchDatabase(String purpose) throws SQLException {
		if (!purpose.matches("[a-z0-9_]{1,30}")) {
			throw new IllegalArgumentException("not a plain identifier part: " + purpose);
		}
		String admin = TestStores.dbUrl();
		this.name = "agentobs_scratch_" + purpose + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.url = admin.substring(0, admin.lastIndexOf('/') + 1) + this.name;
		adminExecute("CREATE DATABASE " + this.name + " OWNER " + TestStores.OWNER_USER);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return this.url;
	}

	public Connection owner() throws SQLException {
		return DriverManager.getConnection(this.url, TestStores.OWNER_USER, TestStores.OWNER_PASSWORD);
	}

	public Connection app() throws SQLException {
		return DriverManager.getConnection(this.url, TestStores.APP_USER, TestStores.APP_PASSWORD);
	}

	@Override
	public void close() throws SQLException {
		adminExecute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void adminExecute(String sql) throws SQLException {
		try (Connection connection = TestStores.owner(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
