package com.agentobs.contracts.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
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
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Boolean CEL (dev.cel) expressions over a fixed set of dynamic variables, as user-written rules use them
 * (policy rules, playbook conditions). Compiled programs are cached by expression text (at most 10,000).
 * Values are plain maps and lists; every number is a double and mixed numeric comparisons are on, so
 * {@code agent.config.rate_limit_rpm > 500} just works; absent and null keys are left out, so
 * {@code has(...)} tells them apart from values. An invalid or over-long expression is a 400 naming the field.
 */
public final class CelExpressions {

	private static final int MAX_LENGTH = 4000;

	private static final int MAX_CACHED = 10_000;

	private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

	private final CelCompiler compiler;

	private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

	private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

	/** Expressions over the variables {@code names}, each of any type, that must evaluate to a boolean. */
	public CelExpressions(String... names) {
		var builder = CelCompilerFactory.standardCelCompilerBuilder()
			.setOptions(OPTIONS)
			.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
			.setResultType(SimpleType.BOOL);
		for (String name : names) {
			builder.addVar(name, SimpleType.DYN);
		}
		this.compiler = builder.build();
	}

	/** Compiles {@code expression}; a 400 naming {@code field} with the compiler's message when it is not valid. */
	public void validate(String field, String expression) {
		program(field, expression);
	}

	/**
	 * Evaluates {@code expression} (validated as {@code field}) with {@code vars} converted by
	 * {@link #celValue(Object)}; a runtime error (a missing key without {@code has}, a type mismatch) throws.
	 */
	public boolean evaluate(String field, String expression, Map<String, ?> vars) throws CelEvaluationException {
		CelRuntime.Program program = program(field, expression);
		Map<String, Object> values = new LinkedHashMap<>();
		vars.forEach((name, value) -> values.put(name, celValue(value != null ? value : Map.of())));
		return Boolean.TRUE.equals(program.eval(values));
	}

	private CelRuntime.Program program(String field, String expression) {
		if (expression == null || expression.isBlank()) {
			throw ApiException.validation(field, "must be a CEL expression");
		}
		if (expression.length() > MAX_LENGTH) {
			throw ApiException.validation(field, "must be at most " + MAX_LENGTH + " characters");
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
			if (this.programs.size() < MAX_CACHED) {
				this.programs.put(expression, program);
			}
			return program;
		}
		catch (Exception ex) {
			throw ApiException.validation(field, "not a valid CEL expression: " + ex.getMessage());
		}
	}

	/** Java values CEL accepts: maps (no null values), lists, strings, booleans and doubles. */
	public static Object celValue(Object value) {
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
		if (value instanceof BigInteger i) {
			return i.doubleValue();
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
