package com.agentobs.evaluation;

import java.util.Map;
import java.util.Set;

import com.agentobs.testsupport.PackageRules;

import org.junit.jupiter.api.Test;

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

	@Test
	void packages_useOnlyWhatTheirRoleAllows() {
		PackageRules.verify(EvaluationApplication.class, ALLOWED);
	}

}
