package com.agentobs.processing;

import java.util.Map;
import java.util.Set;

import com.agentobs.testsupport.PackageRules;

import org.junit.jupiter.api.Test;

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

	@Test
	void packages_useOnlyWhatTheirRoleAllows() {
		PackageRules.verify(ProcessingApplication.class, ALLOWED);
	}

}
