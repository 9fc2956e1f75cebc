package com.agentobs.guardrail;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages (agentcontrol, actions, safety) stay apart: no cycles, no use of another
 * package's internals, and Safety never reaches into the agent control plane's code (it reads the
 * agents it needs itself), so either can change without the other. Both may use {@code system}.
 */
class ModularityTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(GuardrailApplication.class);

	@Test
	void modules_haveNoCyclesAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	@Test
	void safety_dependsOnlyOnSystem() {
		assertThat(MODULES.getModuleByName("safety").orElseThrow().getDirectDependencies(MODULES).uniqueModules()
			.map(ApplicationModule::getName)).allMatch("system"::equals);
	}

}
