package com.agentobs.contracts.lease;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A named lease in a table of {@code (name PRIMARY KEY, holder, acquired_at, expires_at)}: a scheduled job
 * runs on one instance at a time by holding it. An instance takes the lease when it is free or expired and
 * renews it while it holds it; the upsert is one atomic statement, so of two instances racing for an expired
 * lease exactly one gets it.
 */
public class DatabaseLease {

	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

	private final JdbcClient jdbc;

	private final String acquire;

	private final String release;

	/** {@code table} is a constant of the caller, never input: it is checked to be a plain identifier. */
	protected DatabaseLease(JdbcClient jdbc, String table) {
		if (!TABLE.matcher(table).matches()) {
			throw new IllegalArgumentException("not a table name: " + table);
		}
		this.jdbc = jdbc;
		this.acquire = """
				INSERT INTO %1$s (name, holder, acquired_at, expires_at)
				VALUES (:name, :holder, :now, :expires)
				ON CONFLICT (name) DO UPDATE
				    SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
				        acquired_at = CASE WHEN %1$s.holder = EXCLUDED.holder
				                           THEN %1$s.acquired_at ELSE EXCLUDED.acquired_at END
				    WHERE %1$s.holder = EXCLUDED.holder OR %1$s.expires_at <= :now
				RETURNING holder""".formatted(table);
		this.release = "UPDATE %s SET expires_at = :now WHERE name = :name AND holder = :holder".formatted(table);
	}

	/** Takes or renews {@code name} for {@code duration}; {@code false} when another holder has it. */
	public boolean acquire(String name, String holder, Instant now, Duration duration) {
		return this.jdbc.sql(this.acquire)
			.param("name", name)
			.param("holder", holder)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(duration)))
			.query(String.class)
			.optional()
			.isPresent();
	}

	/** Lets {@code name} go now if {@code holder} has it, so another instance need not wait for the expiry. */
	public void release(String name, String holder, Instant now) {
		this.jdbc.sql(this.release).param("name", name).param("holder", holder).param("now", Timestamp.from(now)).update();
	}

}
