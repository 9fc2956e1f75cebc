package com.agentobs.ingestion;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two wire formats ({@code rest}, {@code otlp}) each validate and hand traces to the one queue writer
 * ({@code queue}); neither knows the other, so adding a format touches no existing one.
 */
class ModularityTest {

	/** Each package and the packages it may use; a new package must be added here on purpose. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"rest", Set.of("queue", "system"),
			"otlp", Set.of("queue", "system"),
			"queue", Set.of("system"),
			"system", Set.of());

	private static final ApplicationModules MODULES = ApplicationModules.of(IngestionApplication.class);

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
