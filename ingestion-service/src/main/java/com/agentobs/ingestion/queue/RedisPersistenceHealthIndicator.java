package com.agentobs.ingestion.queue;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness component {@code redisPersistence}: whether the Redis holding accepted,
 * not-yet-written traces would keep them through a crash, and what it would lose.
 *
 * <p>A Redis that persists nothing (AOF off, no RDB save points) is reported
 * {@code DEGRADED}, not {@code DOWN}: the status order puts DEGRADED below UP, so readiness
 * stays UP and traffic keeps flowing — refusing all ingest on a machine whose shared Redis
 * has no persistence would stop the platform to protect against a crash that may never
 * come. The component status and a warning in the log make the risk visible.
 */
@Component
class RedisPersistenceHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Redis persists nothing");

	private static final Logger log = LoggerFactory.getLogger(RedisPersistenceHealthIndicator.class);

	private final RedisConnectionFactory connections;

	private volatile Status last;

	RedisPersistenceHealthIndicator(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	@Override
	public Health health() {
		Health health;
		try (RedisConnection connection = this.connections.getConnection()) {
			health = assess(connection);
		}
		catch (DataAccessException ex) {
			health = Health.unknown().withDetail("reason", "Redis cannot be reached").build();
		}
		if (health.getStatus().equals(DEGRADED) && !DEGRADED.equals(this.last)) {
			log.warn("Redis persists nothing (appendonly no, no save points): a Redis crash loses every accepted "
					+ "trace not yet written to PostgreSQL. Turn on AOF (appendonly yes, appendfsync everysec)");
		}
		this.last = health.getStatus();
		return health;
	}

	private static Health assess(RedisConnection connection) {
		String appendOnly;
		String fsync;
		String save;
		try {
			appendOnly = config(connection, "appendonly");
			fsync = config(connection, "appendfsync");
			save = config(connection, "save");
		}
		catch (DataAccessException ex) {
			// CONFIG is often disabled on managed Redis; INFO still tells whether AOF is on
			Properties info = connection.serverCommands().info("persistence");
			boolean aof = info != null && "1".equals(info.getProperty("aof_enabled"));
			return (aof ? Health.up() : Health.unknown()).withDetail("persistence", aof ? "aof" : "unknown")
				.withDetail("reason", "CONFIG GET is not allowed; save points and fsync policy unknown")
				.build();
		}
		if ("yes".equalsIgnoreCase(appendOnly)) {
			return Health.up()
				.withDetail("persistence", "aof")
				.withDetail("appendfsync", fsync)
				.withDetail("loss_on_crash", switch (String.valueOf(fsync)) {
					case "always" -> "none";
					case "everysec" -> "up to about 1 s of accepted traces on a power loss or OS crash";
					default -> "up to about 30 s of accepted traces on a power loss or OS crash (the OS flushes)";
				})
				.build();
		}
		if (save != null && !save.isBlank()) {
			return Health.up()
				.withDetail("persistence", "rdb")
				.withDetail("save", save)
				.withDetail("loss_on_crash", "every trace accepted since the last snapshot")
				.build();
		}
		return Health.status(DEGRADED)
			.withDetail("persistence", "none")
			.withDetail("loss_on_crash", "every accepted trace not yet written to PostgreSQL")
			.build();
	}

	private static String config(RedisConnection connection, String name) {
		Properties values = connection.serverCommands().getConfig(name);
		return (values != null) ? values.getProperty(name) : null;
	}

}
