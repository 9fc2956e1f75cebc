package com.agentobs.migrations;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way AgentObs applies its schema: Flyway over {@code classpath:db/migration},
 * run as the owner role, granting the application role its privileges (V005). A run applies
 * the pending versioned migrations (tables, indexes, data moves), then every repeatable
 * migration whose text changed (the current SQL functions, {@code R__*.sql}), then the
 * {@code afterMigrate.sql} callback (backfills requested in {@code schema_backfills}).
 * Out-of-order is allowed: each area owns a decade of versions (docs/MODULES.md), so a
 * V010 merged after a V030 was applied is expected, not an error.
 */
public final class Migrations {

	public static final String LOCATION = "classpath:db/migration";

	public static final String DEFAULT_APP_ROLE = "agentobs_app";

	/** A repeatable-migration prefix no file uses, so that a run sees versioned migrations only. */
	private static final String NO_REPEATABLES = "NO_REPEATABLES_";

	private Migrations() {
	}

	public static Flyway flyway(String url, String ownerUser, String ownerPassword, String appRole) {
		return Flyway.configure()
			.dataSource(url, ownerUser, ownerPassword)
			.locations(LOCATION)
			.placeholders(Map.of("app_role", appRole))
			.outOfOrder(true)
			.cleanDisabled(true)
			.load();
	}

	/**
	 * Migrates to a given version only, as an installation of that version was: versioned
	 * migrations up to it, without the repeatable migrations and callbacks, which follow the
	 * latest version (their functions may name tables a later version creates). For tests that
	 * start from an old schema.
	 */
	public static Flyway flywayUpTo(String url, String ownerUser, String ownerPassword, String appRole,
			String targetVersion) {
		return Flyway.configure()
			.dataSource(url, ownerUser, ownerPassword)
			.locations(LOCATION)
			.placeholders(Map.of("app_role", appRole))
			.target(targetVersion)
			.repeatableSqlMigrationPrefix(NO_REPEATABLES)
			.skipDefaultCallbacks(true)
			.cleanDisabled(true)
			.load();
	}

	public static MigrateResult migrate(String url, String ownerUser, String ownerPassword, String appRole) {
		return flyway(url, ownerUser, ownerPassword, appRole).migrate();
	}

}
