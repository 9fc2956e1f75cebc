package com.agentobs.gemini;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages stay apart: no cycles, no use of another package's internals, and the
 * model gateway ({@code llm}) knows nothing of insights, so other callers can use it as it is.
 */
class ModularityTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(GeminiApplication.class);

	@Test
	void modules_haveNoCyclesAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	@Test
	void llm_dependsOnlyOnSystem() {
		assertThat(MODULES.getModuleByName("llm").orElseThrow().getDirectDependencies(MODULES).uniqueModules()
			.map(ApplicationModule::getName)).allMatch("system"::equals);
	}

}
