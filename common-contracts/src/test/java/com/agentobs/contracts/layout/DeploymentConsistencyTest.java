package com.agentobs.contracts.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on machines without a Docker engine, so its consistency
 * with the code is checked here instead: every service has a build, a health check, the
 * port {@code ./agentobs} uses, and every environment variable its configuration reads;
 * images run as a non-root user.
 */
class DeploymentConsistencyTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Map<String, Integer> PORTS = Map.of("gateway-service", 8000, "ingestion-service", 8001,
			"processing-service", 8002, "query-service", 8003, "evaluation-service", 8004, "guardrail-service", 8005,
			"alert-service", 8006, "gemini-service", 8007);

	@SuppressWarnings("unchecked")
	private static Map<String, Object> services() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
		return (Map<String, Object>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@Test
	void compose_definesEveryServiceWithBuildHealthcheckAndPort() throws IOException {
		Map<String, Object> services = services();
		String script = Files.readString(ROOT.resolve("agentobs"));
		PORTS.forEach((name, port) -> {
			assertThat(services).as("compose service %s", name).containsKey(name);
			Map<String, Object> service = map(services.get(name));
			String dockerfile = (String) map(service.get("build")).get("dockerfile");
			assertThat(dockerfile).isEqualTo(name + "/Dockerfile");
			assertThat(ROOT.resolve(dockerfile)).exists();
			assertThat(service).as("%s healthcheck", name).containsKey("healthcheck");
			assertThat(map(service.get("healthcheck")).get("test").toString()).contains("/actuator/health");
			assertThat(map(service.get("environment")).get("SERVER_PORT")).isEqualTo(port);
			assertThat(script).contains("[" + name + "]=" + port);
		});
		assertThat((List<Object>) map(services.get("gateway-service")).get("ports")).anySatisfy(
				(mapping) -> assertThat(mapping.toString()).endsWith(":8000"));
	}

	@Test
	void compose_givesEveryServletServiceTheVariablesItsConfigurationReads() throws IOException {
		Set<String> required = variablesWithoutDefaultProfile(
				ROOT.resolve("common-contracts/src/main/resources/agentobs-service-defaults.yml"));
		assertThat(required).contains("AGENTOBS_DB_URL", "AGENTOBS_DB_USER", "AGENTOBS_DB_PASSWORD",
				"AGENTOBS_REDIS_URL", "AGENTOBS_JWKS_URI");
		// variables that only tune defaults need not be set (a service-token key file instead of AGENTOBS_KEY_DIR too)
		required.removeAll(Set.of("AGENTOBS_DB_POOL_SIZE", "AGENTOBS_LOG_FORMAT", "AGENTOBS_JWT_ISSUER",
				"AGENTOBS_JWT_PRIVATE_KEY",
				"AGENTOBS_VERIFIED_TOKEN_CACHE_SIZE", "AGENTOBS_ACTIONS_RELAY_INTERVAL", "AGENTOBS_ACTIONS_RELAY_GRACE",
				"AGENTOBS_ACTIONS_RELAY_LEASE", "AGENTOBS_ACTIONS_STUCK_TIMEOUT", "AGENTOBS_ACTIONS_SWEEP_INTERVAL",
				"AGENTOBS_ACTIONS_SENT_RETENTION"));
		Map<String, Object> services = services();
		PORTS.keySet().stream().filter((name) -> !name.equals("gateway-service")).forEach((name) -> {
			Map<String, Object> env = map(map(services.get(name)).get("environment"));
			assertThat(env.keySet()).as("%s environment", name).containsAll(required);
		});
	}

	@Test
	void compose_migratesBeforeSeedingAndStartingServices() throws IOException {
		Map<String, Object> services = services();
		assertThat(map(map(map(services.get("seed")).get("depends_on")).get("migrate")).get("condition"))
			.isEqualTo("service_completed_successfully");
		assertThat(map(map(map(services.get("query-service")).get("depends_on")).get("migrate")).get("condition"))
			.isEqualTo("service_completed_successfully");
		assertThat(map(services.get("redis")).get("command").toString()).contains("--appendonly, yes");
		assertThat(map(services.get("postgres")).get("image").toString()).contains("timescaledb");
	}

	@Test
	void dockerfiles_runAsNonRootUser() throws IOException {
		for (String module : List.of("gateway-service", "ingestion-service", "processing-service", "query-service",
				"evaluation-service", "guardrail-service", "alert-service", "gemini-service", "db-migrations",
				"synthetic-data")) {
			String dockerfile = Files.readString(ROOT.resolve(module + "/Dockerfile"));
			Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
			String last = null;
			while (user.find()) {
				last = user.group(1);
			}
			assertThat(last).as("%s final USER", module).isNotNull().isNotIn("root", "0");
			assertThat(dockerfile).as(module).contains("AS build");
		}
	}

	/** Environment variables referenced in the default (non-test) document of a YAML file. */
	private static Set<String> variablesWithoutDefaultProfile(Path yaml) throws IOException {
		String defaults = Files.readString(yaml).split("(?m)^---")[0];
		Matcher matcher = Pattern.compile("\\$\\{(AGENTOBS_[A-Z_]+)").matcher(defaults);
		Set<String> names = new LinkedHashSet<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
