package com.agentobs.processing;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream consumer ({@code consumer}) is the only package that ties the others together: the writer
 * ({@code write}), the search indexer ({@code search}) and the dead-letter store ({@code deadletter}) never
 * call each other, so the insert path cannot grow a dependency on search again.
 */
class ModularityTest {

	/** Each package and the packages it may use; a new package must be added here on purpose. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"consumer", Set.of("write", "search", "deadletter", "system"),
			"write", Set.of("system"),
			"search", Set.of("system"),
			"deadletter", Set.of(),
			// workspace prices and the cost recompute price with the write path's price table
			"pricing", Set.of("write"),
			"system", Set.of());

	private static final ApplicationModules MODULES = ApplicationModules.of(ProcessingApplication.class);

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
