package com.agentobs.alert.automation;

import java.util.Map;

import com.agentobs.contracts.cel.CelExpressions;

import org.springframework.stereotype.Component;

/**
 * Playbook conditions in CEL: a boolean expression over {@code event} (the trigger's record:
 * an alert's fields, a metric's {@code value}, the schedule slot), e.g.
 * {@code event.severity == 'sev1' && event.value > 0.2}. A condition that fails to evaluate
 * counts as false (no run); no condition always matches.
 */
@Component
class Conditions {

	private final CelExpressions expressions = new CelExpressions("event");

	void validate(String field, String expression) {
		this.expressions.validate(field, expression);
	}

	boolean matches(String expression, Map<String, Object> event) {
		if (expression == null) {
			return true;
		}
		try {
			return this.expressions.evaluate("condition", expression, Map.of("event", event));
		}
		catch (Exception ex) {
			return false;
		}
	}

}
