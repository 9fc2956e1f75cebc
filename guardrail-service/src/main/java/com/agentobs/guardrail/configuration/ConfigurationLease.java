package com.agentobs.guardrail.configuration;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code configuration_leases}: one scheduled pass of a kind at a time across guardrail instances.
 * The upsert is one atomic statement, so of two instances racing for an expired lease exactly one
 * gets it; the holder renews it on each run.
 */
@Repository
public class ConfigurationLease {

	private static final String ACQUIRE = """
			INSERT INTO configuration_leases (name, holder, acquired_at, expires_at)
			VALUES (:name, :holder, :now, :expires)
			ON CONFLICT (name) DO UPDATE
			    SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
			        acquired_at = CASE WHEN configuration_leases.holder = EXCLUDED.holder
			                           THEN configuration_leases.acquired_at ELSE EXCLUDED.acquired_at END
			    WHERE configuration_leases.holder = EXCLUDED.holder OR configuration_leases.expires_at <= :now
			RETURNING holder""";

	private final JdbcClient jdbc;

	ConfigurationLease(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes or renews {@code name} for {@code duration}; false when another holder has it. */
	public boolean acquire(String name, String holder, Instant now, Duration duration) {
		return this.jdbc.sql(ACQUIRE)
			.param("name", name)
			.param("holder", holder)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(duration)))
			.query(String.class)
			.optional()
			.isPresent();
	}

}
