package com.agentobs.alert.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The evaluator lease ({@code alert_evaluation_leases}): one row per lease name; an instance takes
 * it when it is free or expired, renews it while it holds it. The upsert is one atomic statement,
 * so of two instances racing for an expired lease exactly one gets it.
 */
@Repository
class EvaluationLease {

	static final String NAME = "rule-evaluator";

	private static final String ACQUIRE = """
			INSERT INTO alert_evaluation_leases (name, holder, acquired_at, expires_at)
			VALUES (:name, :holder, :now, :expires)
			ON CONFLICT (name) DO UPDATE
			    SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
			        acquired_at = CASE WHEN alert_evaluation_leases.holder = EXCLUDED.holder
			                           THEN alert_evaluation_leases.acquired_at ELSE EXCLUDED.acquired_at END
			    WHERE alert_evaluation_leases.holder = EXCLUDED.holder OR alert_evaluation_leases.expires_at <= :now
			RETURNING holder
			""";

	private static final String RELEASE = """
			UPDATE alert_evaluation_leases SET expires_at = :now WHERE name = :name AND holder = :holder
			""";

	private final JdbcClient jdbc;

	EvaluationLease(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes or renews the lease for {@code duration}; {@code false} when another holder has it. */
	boolean acquire(String holder, Instant now, Duration duration) {
		return this.jdbc.sql(ACQUIRE)
			.param("name", NAME)
			.param("holder", holder)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(duration)))
			.query(String.class)
			.optional()
			.isPresent();
	}

	void release(String holder, Instant now) {
		this.jdbc.sql(RELEASE).param("name", NAME).param("holder", holder).param("now", Timestamp.from(now)).update();
	}

}
