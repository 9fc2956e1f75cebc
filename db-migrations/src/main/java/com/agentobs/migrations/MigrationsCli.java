package com.agentobs.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code java -jar db-migrations-exec.jar migrate|info|validate|rollback-enterprise}.
 * Connection settings come from AGENTOBS_DB_URL, AGENTOBS_DB_OWNER_USER,
 * AGENTOBS_DB_OWNER_PASSWORD and AGENTOBS_DB_APP_USER.
 */
public final class MigrationsCli {

	static final String ROLLBACK_SCRIPT = "/db/rollback/rollback_v002_enterprise.sql";

	private MigrationsCli() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "--help";
		String url = env("AGENTOBS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/agentobs");
		String user = env("AGENTOBS_DB_OWNER_USER", "agentobs");
		String password = env("AGENTOBS_DB_OWNER_PASSWORD", "agentobs");
		String appRole = env("AGENTOBS_DB_APP_USER", Migrations.DEFAULT_APP_ROLE);
		switch (command) {
			case "migrate" -> {
				MigrateResult result = Migrations.migrate(url, user, password, appRole);
				System.out.printf("Migrated %s: %d migration(s) applied, schema now at version %s%n", url,
						result.migrationsExecuted, result.targetSchemaVersion != null ? result.targetSchemaVersion
								: Migrations.flyway(url, user, password, appRole).info().current().getVersion());
			}
			case "info" -> {
				for (MigrationInfo info : Migrations.flyway(url, user, password, appRole).info().all()) {
					System.out.printf("%-6s %-50s %s%n", (info.getVersion() != null) ? info.getVersion() : "R",
							info.getDescription(), info.getState());
				}
			}
			case "validate" -> {
				Migrations.flyway(url, user, password, appRole).validate();
				System.out.println("Schema history is valid");
			}
			case "rollback-enterprise" -> {
				if (args.length < 2 || !"--yes".equals(args[1])) {
					System.err.println("This drops the enterprise columns from traces (data in them is lost). "
							+ "Take a backup first (pg_dump), then re-run with --yes.");
					System.exit(2);
				}
				rollbackEnterprise(url, user, password);
				System.out.println("Enterprise trace columns dropped; MVP columns and rows untouched");
			}
			default -> {
				System.out.println("""
						Usage: java -jar db-migrations-exec.jar <command>
						  migrate                    apply every pending migration (as the owner role)
						  info                       list migrations and their state
						  validate                   check applied migrations against the files
						  rollback-enterprise --yes  emergency rollback of V002's trace columns (backup first)
						Environment: AGENTOBS_DB_URL, AGENTOBS_DB_OWNER_USER, AGENTOBS_DB_OWNER_PASSWORD,
						             AGENTOBS_DB_APP_USER""");
				if (!"--help".equals(command) && !"help".equals(command)) {
					System.exit(2);
				}
			}
		}
	}

	/** Runs the tested emergency rollback script (V002's trace columns dropped, rows kept). */
	public static void rollbackEnterprise(String url, String user, String password) throws SQLException, IOException {
		try (InputStream in = MigrationsCli.class.getResourceAsStream(ROLLBACK_SCRIPT);
				Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : value;
	}

}
