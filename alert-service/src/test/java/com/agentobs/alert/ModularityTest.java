package com.agentobs.alert;

import java.util.Map;
import java.util.Set;

import com.agentobs.testsupport.PackageRules;

import org.junit.jupiter.api.Test;

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

	@Test
	void packages_useOnlyWhatTheirRoleAllows() {
		PackageRules.verify(AlertApplication.class, ALLOWED);
	}

}
