package com.agentobs.ingestion;

import java.util.Map;
import java.util.Set;

import com.agentobs.testsupport.PackageRules;

import org.junit.jupiter.api.Test;

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

	@Test
	void packages_useOnlyWhatTheirRoleAllows() {
		PackageRules.verify(IngestionApplication.class, ALLOWED);
	}

}
