package com.agentobs.guardrail.configuration.policy;

import java.util.HashMap;
import java.util.Map;

import com.agentobs.contracts.cel.CelExpressions;

import dev.cel.runtime.CelEvaluationException;

import org.springframework.stereotype.Component;

/**
 * Policy rules in CEL: boolean expressions over {@code change} and {@code agent}, e.g.
 * {@code change.keys.exists(k, k == 'model') && agent.environment == 'production'}.
 */
@Component
public class CelRules {

	private final CelExpressions expressions = new CelExpressions("change", "agent");

	/** Compiles {@code expression}; a 400 naming {@code field} with the compiler's message when it is not valid. */
	public void validate(String field, String expression) {
		this.expressions.validate(field, expression);
	}

	/** Evaluates to a boolean; a runtime error (a missing key without {@code has}, a type mismatch) throws. */
	public boolean evaluate(String expression, Map<String, Object> change, Map<String, Object> agent)
			throws CelEvaluationException {
		Map<String, Object> vars = new HashMap<>();
		vars.put("change", change);
		vars.put("agent", agent);
		return this.expressions.evaluate("rule", expression, vars);
	}

}
