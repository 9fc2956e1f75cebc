package com.agentobs.testsupport;

import java.util.Map;
import java.util.Set;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's feature packages as a declared graph: every package under the application's package is
 * listed with the packages it may use, so a new package or a new dependency is a deliberate edit of the
 * test, and Spring Modulith's verification (no cycles, no use of another package's internals) passes.
 */
public final class PackageRules {

	private PackageRules() {
	}

	/** Fails when the packages differ from {@code allowed}'s keys or one uses a package it does not list. */
	public static void verify(Class<?> application, Map<String, Set<String>> allowed) {
		ApplicationModules modules = ApplicationModules.of(application);
		modules.verify();
		assertThat(modules.stream().map(ApplicationModule::getName)).containsExactlyInAnyOrderElementsOf(allowed.keySet());
		for (ApplicationModule module : modules) {
			assertThat(module.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName))
				.as("packages %s uses", module.getName())
				.allMatch(allowed.get(module.getName())::contains);
		}
	}

}
