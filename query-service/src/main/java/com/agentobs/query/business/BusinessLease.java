package com.agentobs.query.business;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code business_leases}: one business pass at a time across query-service instances. The upsert
 * is one atomic statement, so of two instances racing for an expired lease exactly one gets it.
 */
@Repository
class BusinessLease {

	private static final String ACQUIRE = """
			INSERT INTO business_leases (name, holder, acquired_at, expires_at)
			VALUES (:name, :holder, :now, :expires)
			ON CONFLICT (name) DO UPDATE
			    SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
			        acquired_at = CASE WHEN business_leases.holder = EXCLUDED.holder
			                           THEN business_leases.acquired_at ELSE EXCLUDED.acquired_at END
			    WHERE business_leases.holder = EXCLUDED.holder OR business_leases.expires_at <= :now
			RETURNING holder""";

	private final JdbcClient jdbc;

	BusinessLease(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean acquire(String name, String holder, Instant now, Duration duration) {
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
