package com.agentobs.migrations;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way AgentObs applies its schema: Flyway over {@code classpath:db/migration},
 * run as the owner role, granting the application role its privileges (V005).
 * Out-of-order is allowed: each area owns a decade of versions (docs/MODULES.md), so a
 * V010 merged after a V030 was applied is expected, not an error.
 */
public final class Migrations {

	public static final String LOCATION = "classpath:db/migration";

	public static final String DEFAULT_APP_ROLE = "agentobs_app";

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

	/** Migrates to a given version only (tests of the enterprise migration start at V001). */
	public static Flyway flywayUpTo(String url, String ownerUser, String ownerPassword, String appRole,
			String targetVersion) {
		return Flyway.configure()
			.dataSource(url, ownerUser, ownerPassword)
			.locations(LOCATION)
			.placeholders(Map.of("app_role", appRole))
			.target(targetVersion)
			.cleanDisabled(true)
			.load();
	}

	public static MigrateResult migrate(String url, String ownerUser, String ownerPassword, String appRole) {
		return flyway(url, ownerUser, ownerPassword, appRole).migrate();
	}

}
