package com.agentobs.gateway;

import java.util.Map;
import java.util.Set;

import com.agentobs.testsupport.PackageRules;

import org.junit.jupiter.api.Test;

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

	@Test
	void packages_useOnlyWhatTheirRoleAllows() {
		PackageRules.verify(GatewayApplication.class, ALLOWED);
	}

}
