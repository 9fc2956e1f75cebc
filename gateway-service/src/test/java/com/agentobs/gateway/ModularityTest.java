package com.agentobs.gateway;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token issuing ({@code token}) and API-key exchange ({@code apikey}) are the security core the login
 * ({@code auth}) and routing ({@code edge}) layers build on; the core never depends on them, and the
 * dashboard ({@code frontend}) and workspace endpoints ({@code workspace}) depend on nothing but plumbing.
 */
class ModularityTest {

	/** Each package and the packages it may use; a new package must be added here on purpose. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"edge", Set.of("apikey", "token", "system"),
			"auth", Set.of("apikey", "token", "system"),
			"apikey", Set.of("token", "system"),
			"token", Set.of("system"),
			"frontend", Set.of("system"),
			"workspace", Set.of("system"),
			"system", Set.of());

	private static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);

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
