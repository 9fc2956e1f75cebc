package com.agentobs.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the integration tests find PostgreSQL and Redis, and the roles they connect as.
 * <p>
 * Local stores first: {@code AGENTOBS_TEST_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/agentobs_test}) and {@code AGENTOBS_TEST_REDIS_URL}
 * (default {@code redis://127.0.0.1:6379/15}), read from a system property or the environment.
 * Only when a store on the local host does not accept connections and a Docker engine is
 * available, {@link ContainerStores} starts TimescaleDB and Redis with Testcontainers and
 * publishes their URLs as the same two system properties, which the services' {@code test}
 * profile reads; with local stores Testcontainers is never loaded.
 */
public final class TestStores {

	public static final String DB_URL_PROPERTY = "AGENTOBS_TEST_DB_URL";

	public static final String REDIS_URL_PROPERTY = "AGENTOBS_TEST_REDIS_URL";

	public static final String OWNER_USER = setting("AGENTOBS_DB_OWNER_USER", "agentobs");

	public static final String OWNER_PASSWORD = setting("AGENTOBS_DB_OWNER_PASSWORD", "agentobs");

	public static final String APP_USER = setting("AGENTOBS_DB_USER", "agentobs_app");

	public static final String APP_PASSWORD = setting("AGENTOBS_DB_PASSWORD", "agentobs_app");

	private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

	private static volatile boolean resolved;

	private TestStores() {
	}

	/** The JDBC URL of the shared test database (the services' test profile uses the same one). */
	public static String dbUrl() {
		resolve();
		return setting(DB_URL_PROPERTY, "jdbc:postgresql://127.0.0.1:5432/agentobs_test");
	}

	/** The Redis URL of the tests (db 15 by default, so a local stack on db 0 is never touched). */
	public static String redisUrl() {
		resolve();
		return setting(REDIS_URL_PROPERTY, "redis://127.0.0.1:6379/15");
	}

	/** A new connection to the test database as the owner role (RLS does not apply to it). */
	public static Connection owner() throws SQLException {
		return DriverManager.getConnection(dbUrl(), OWNER_USER, OWNER_PASSWORD);
	}

	/** A new connection to the test database as the application role (RLS applies). */
	public static Connection app() throws SQLException {
		return DriverManager.getConnection(dbUrl(), APP_USER, APP_PASSWORD);
	}

	/** Runs {@code work} on a new owner connection, closed after it. */
	public static void asOwner(SqlWork work) throws Exception {
		try (Connection connection = owner()) {
			work.run(connection);
		}
	}

	/** Work on a connection, for {@link #asOwner(SqlWork)}. */
	@FunctionalInterface
	public interface SqlWork {

		void run(Connection connection) throws Exception;

	}

	/** Runs {@code sql} (an insert, update or delete) as the owner with positional {@code params}; the row count. */
	public static int ownerUpdate(String sql, Object... params) throws SQLException {
		try (Connection connection = owner(); PreparedStatement statement = prepare(connection, sql, params)) {
			return statement.executeUpdate();
		}
	}

	/** The first column of the first row of {@code sql}, run as the owner, as text; {@code null} when no row. */
	public static String ownerValue(String sql, Object... params) throws SQLException {
		try (Connection connection = owner(); PreparedStatement statement = prepare(connection, sql, params);
				ResultSet rows = statement.executeQuery()) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	/** The first column of the first row of {@code sql}, run as the owner, as a number; 0 when no row or NULL. */
	public static long ownerLong(String sql, Object... params) throws SQLException {
		String value = ownerValue(sql, params);
		return (value != null) ? Long.parseLong(value) : 0;
	}

	private static PreparedStatement prepare(Connection connection, String sql, Object... params)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < params.length; i++) {
			statement.setObject(i + 1, params[i]);
		}
		return statement;
	}

	/** The owner role as a {@link DataSource}, for {@code JdbcClient.create(...)} in Spring tests. */
	public static DataSource ownerDataSource() {
		return dataSource(dbUrl(), OWNER_USER, OWNER_PASSWORD);
	}

	static DataSource dataSource(String url, String user, String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		dataSource.setUser(user);
		dataSource.setPassword(password);
		return dataSource;
	}

	/**
	 * Decides once per JVM between the local stores and containers. Called by
	 * {@link StoresListener} before the first test class, so Spring contexts see the result.
	 */
	public static synchronized void resolve() {
		if (resolved) {
			return;
		}
		resolved = true;
		String db = setting(DB_URL_PROPERTY, "jdbc:postgresql://127.0.0.1:5432/agentobs_test");
		String redis = setting(REDIS_URL_PROPERTY, "redis://127.0.0.1:6379/15");
		URI dbAddress = URI.create(db.substring("jdbc:".length()));
		URI redisAddress = URI.create(redis);
		boolean dbDown = isLocal(dbAddress) && !accepts(dbAddress.getHost(), port(dbAddress, 5432));
		boolean redisDown = isLocal(redisAddress) && !accepts(redisAddress.getHost(), port(redisAddress, 6379));
		if ((dbDown || redisDown) && ContainerStores.dockerAvailable()) {
			if (dbDown) {
				System.setProperty(DB_URL_PROPERTY, ContainerStores.postgres(database(dbAddress)));
			}
			if (redisDown) {
				System.setProperty(REDIS_URL_PROPERTY, ContainerStores.redis(redisAddress.getPath()));
			}
		}
	}

	private static String database(URI address) {
		return address.getPath().substring(1);
	}

	private static boolean isLocal(URI address) {
		return address.getHost() != null && LOCAL_HOSTS.contains(address.getHost());
	}

	private static int port(URI address, int fallback) {
		return (address.getPort() > 0) ? address.getPort() : fallback;
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String setting(String name, String fallback) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
