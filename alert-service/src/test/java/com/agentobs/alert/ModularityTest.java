package com.agentobs.alert;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLOs, notification channels and rules are definitions; the engine evaluates rules into alerts and
 * incidents and notifies; automations act on what the engine publishes. Definitions never depend on the
 * engine, so a rule can be saved and validated without it.
 */
class ModularityTest {

	/** Each package and the packages it may use; a new package must be added here on purpose. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"engine", Set.of("incidents", "notify", "rules", "slo", "system"),
			"automation", Set.of("incidents", "notify", "system"),
			"alerts", Set.of("system"),
			"incidents", Set.of("slo", "system"),
			"rules", Set.of("slo", "notify", "system"),
			"notify", Set.of("system"),
			"slo", Set.of("system"),
			"system", Set.of());

	private static final ApplicationModules MODULES = ApplicationModules.of(AlertApplication.class);

	@Test
	void modules_haveNoCyclesAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	@Test
	void packages_dependOnlyOnWhatTheirRoleAllows() {
		assertThat(MODULES.stream().map(ApplicationModule::getName)).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
		for (ApplicationModule module : MODULES) {
			assertThat(module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName))
				.as("packages %s uses", module.getName())
				.allMatch(ALLOWED.get(module.getName())::contains);
		}
	}

}
