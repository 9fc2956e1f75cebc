package com.agentobs.query;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages (home, usage, cost, performance, agents, traces) stay apart: each may use
 * the shared read layer ({@code fleetdata}) and the web plumbing ({@code system}), never another
 * feature, so a tab can change without touching the others; no package cycles, no access to
 * another package's internals.
 */
class ModularityTest {

	private static final Set<String> SHARED = Set.of("fleetdata", "system");

	private static final ApplicationModules MODULES = ApplicationModules.of(QueryApplication.class);

	@Test
	void modules_haveNoCyclesAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	@Test
	void featurePackages_dependOnlyOnFleetdataAndSystem() {
		assertThat(MODULES.stream().map(ApplicationModule::getName)).contains("home", "usage", "cost", "performance",
				"agents", "traces", "fleetdata", "system");
		assertThat(MODULES.getModuleByName("home").orElseThrow().getDirectDependencies(MODULES).uniqueModules()
			.map(ApplicationModule::getName)).contains("fleetdata", "system");
		for (ApplicationModule module : MODULES) {
			Set<String> allowed = SHARED.contains(module.getName()) ? Set.of("fleetdata") : SHARED;
			assertThat(module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName))
				.as("modules %s uses", module.getName())
				.allMatch(allowed::contains);
		}
	}

}
