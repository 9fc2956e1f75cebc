package com.agentobs.gateway.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the gateway faces clients: the services behind it listen on loopback by default, and in
 * compose only the gateway publishes a port or joins a network the host reaches.
 */
class ExposureTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final List<String> INTERNAL_SERVICES = List.of("ingestion-service", "processing-service",
			"query-service", "evaluation-service", "guardrail-service", "alert-service", "gemini-service");

	@Test
	void serviceDefaults_bindToLoopback_unlessAGENTOBS_BIND_ADDRESSSaysOtherwise() throws IOException {
		String defaults = Files
			.readString(ROOT.resolve("common-contracts/src/main/resources/agentobs-service-defaults.yml"))
			.split("(?m)^---")[0];
		Map<String, Object> server = map(new Yaml().<Map<String, Object>>load(defaults).get("server"));

		assertThat(server.get("address")).isEqualTo("${AGENTOBS_BIND_ADDRESS:127.0.0.1}");
	}

	@Test
	void compose_publishesOnlyTheGateway_andKeepsTheServicesOnAnInternalNetwork() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
		Map<String, Object> services = map(compose.get("services"));
		Map<String, Object> networks = map(compose.get("networks"));

		assertThat(map(networks.get("backend"))).containsEntry("internal", true);
		services.forEach((name, value) -> {
			Map<String, Object> service = map(value);
			if (name.equals("gateway-service")) {
				assertThat(service).containsKey("ports");
				return;
			}
			assertThat(service).as("%s publishes nothing", name).doesNotContainKey("ports");
			@SuppressWarnings("unchecked")
			List<Object> joined = (List<Object>) service.get("networks");
			assertThat(joined).as("%s networks", name).contains("backend").doesNotContain("edge");
		});
		INTERNAL_SERVICES.forEach((name) -> assertThat(map(map(services.get(name)).get("environment")))
			.as("%s environment", name)
			.containsEntry("AGENTOBS_BIND_ADDRESS", "0.0.0.0"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
