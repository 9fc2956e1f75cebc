package com.agentobs.alert.automation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.error.ApiException;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import org.springframework.stereotype.Component;

/**
 * Playbook conditions in CEL: a boolean expression over {@code event} (the trigger's record:
 * an alert's fields, a metric's {@code value}, the schedule slot), e.g.
 * {@code event.severity == 'sev1' && event.value > 0.2}. Numbers are doubles and mixed numeric
 * comparisons are allowed; absent and null keys are left out, so {@code has(event.agent_id)}
 * tells them apart. A condition that fails to evaluate counts as false (no run).
 */
@Component
class Conditions {

	private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

	private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
		.setOptions(OPTIONS)
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("event", SimpleType.DYN)
		.setResultType(SimpleType.BOOL)
		.build();

	private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

	private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

	void validate(String field, String expression) {
		program(field, expression);
	}

	boolean matches(String expression, Map<String, Object> event) {
		if (expression == null) {
			return true;
		}
		try {
			return Boolean.TRUE.equals(program("condition", expression).eval(Map.of("event", celValue(event))));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private CelRuntime.Program program(String field, String expression) {
		if (expression.length() > 4000) {
			throw ApiException.validation(field, "must be at most 4000 characters");
		}
		CelRuntime.Program cached = this.programs.get(expression);
		if (cached != null) {
			return cached;
		}
		CelValidationResult result = this.compiler.compile(expression);
		if (result.hasError()) {
			throw ApiException.validation(field, "not a valid boolean CEL expression: " + result.getErrorString());
		}
		try {
			CelRuntime.Program program = this.runtime.createProgram(result.getAst());
			if (this.programs.size() < 10_000) {
				this.programs.put(expression, program);
			}
			return program;
		}
		catch (Exception ex) {
			throw ApiException.validation(field, "not a valid CEL expression: " + ex.getMessage());
		}
	}

	private static Object celValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> {
				if (v != null) {
					out.put(String.valueOf(k), celValue(v));
				}
			});
			return out;
		}
		if (value instanceof List<?> list) {
			List<Object> out = new ArrayList<>();
			list.forEach((v) -> out.add((v != null) ? celValue(v) : ""));
			return out;
		}
		if (value instanceof BigDecimal d) {
			return d.doubleValue();
		}
		if (value instanceof Number n) {
			return n.doubleValue();
		}
		if (value instanceof Boolean || value instanceof String) {
			return value;
		}
		return String.valueOf(value);
	}

}
