package com.agentobs.evaluation;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rubrics and scoring are the core every evaluation path builds on; evaluators run them, online evaluation
 * and the review queue feed them, and the read side ({@code quality}) and experiments stand on their own.
 */
class ModularityTest {

	/** Each package and the packages it may use; a new package must be added here on purpose. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"online", Set.of("evaluator", "rubric", "scoring", "system"),
			"evaluator", Set.of("rubric", "scoring", "system"),
			"review", Set.of("rubric", "scoring", "system"),
			"scoring", Set.of("rubric", "system"),
			"rubric", Set.of("system"),
			"quality", Set.of("system"),
			"experiments", Set.of("quality", "system"),
			"system", Set.of());

	private static final ApplicationModules MODULES = ApplicationModules.of(EvaluationApplication.class);

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
