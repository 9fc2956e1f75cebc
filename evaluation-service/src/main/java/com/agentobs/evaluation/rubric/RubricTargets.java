package com.agentobs.evaluation.rubric;

import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;

/** The audit target of a rubric action: fleet scope, type {@code rubric}. */
final class RubricTargets {

	private RubricTargets() {
	}

	static ActionTarget rubric(Object idOrName) {
		return new ActionTarget(ActionScope.FLEET, "rubric", String.valueOf(idOrName));
	}

}
