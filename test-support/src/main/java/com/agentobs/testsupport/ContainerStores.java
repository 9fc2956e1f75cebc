package com.agentobs.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * TimescaleDB and Redis in containers, for machines with a Docker engine and no local stores.
 * The database gets the same roles and test database as a local install (owner role with
 * CREATEDB for scratch databases, application role without it), so tests cannot tell the
 * difference. Containers live as long as the test JVM (Testcontainers removes them after).
 * Only {@link TestStores#resolve()} touches this class, and only when a local store is down.
 */
final class ContainerStores {

	static final DockerImageName TIMESCALEDB = DockerImageName.parse("timescale/timescaledb:latest-pg15");

	static final DockerImageName REDIS = DockerImageName.parse("redis:7-alpine");

	private ContainerStores() {
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/** Starts TimescaleDB with the roles and the named test database; returns its JDBC URL. */
	@SuppressWarnings("resource")
	static String postgres(String database) {
		String init = """
				CREATE ROLE "%1$s" LOGIN NOSUPERUSER CREATEDB PASSWORD '%2$s';
				CREATE ROLE "%3$s" LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '%4$s';
				CREATE DATABASE "%5$s" OWNER "%1$s";
				\\connect "%5$s"
				CREATE EXTENSION IF NOT EXISTS timescaledb;
				""".formatted(TestStores.OWNER_USER, TestStores.OWNER_PASSWORD, TestStores.APP_USER,
				TestStores.APP_PASSWORD, database);
		GenericContainer<?> postgres = new GenericContainer<>(TIMESCALEDB).withExposedPorts(5432)
			.withEnv("POSTGRES_PASSWORD", "postgres")
			.withEnv("TIMESCALEDB_TELEMETRY", "off")
			.withCopyToContainer(Transferable.of(init), "/docker-entrypoint-initdb.d/100-agentobs.sql")
			// the entrypoint restarts the server once after running the init scripts
			.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
		postgres.start();
		return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
	}

	/** Starts Redis; returns its URL with the given database path (for example {@code /15}). */
	@SuppressWarnings("resource")
	static String redis(String path) {
		GenericContainer<?> redis = new GenericContainer<>(REDIS).withExposedPorts(6379)
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\s", 1));
		redis.start();
		return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379) + ((path == null) ? "" : path);
	}

}
