package com.agentobs.guardrail.configuration.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.error.ApiException;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import org.springframework.stereotype.Component;

/**
 * Policy rules in CEL (dev.cel): boolean expressions over {@code change} and {@code agent}, e.g.
 * {@code change.keys.exists(k, k == 'model') && agent.environment == 'production'}. Compiled
 * programs are cached by expression text. Values are plain maps and lists; every number is a double
 * (and mixed numeric comparisons are on), so {@code agent.config.rate_limit_rpm > 500} just works;
 * absent and null keys are left out, so {@code has(...)} tells them apart from values.
 */
@Component
public class CelRules {

	private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

	private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
		.setOptions(OPTIONS)
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("change", SimpleType.DYN)
		.addVar("agent", SimpleType.DYN)
		.setResultType(SimpleType.BOOL)
		.build();

	private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

	private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

	/** Compiles {@code expression}; a 400 naming {@code field} with the compiler's message when it is not valid. */
	public void validate(String field, String expression) {
		program(field, expression);
	}

	/** Evaluates to a boolean; a runtime error (a missing key without {@code has}, a type mismatch) throws. */
	public boolean evaluate(String expression, Map<String, Object> change, Map<String, Object> agent)
			throws CelEvaluationException {
		CelRuntime.Program program = program("rule", expression);
		Map<String, Object> vars = new LinkedHashMap<>();
		vars.put("change", celValue(change != null ? change : Map.of()));
		vars.put("agent", celValue(agent != null ? agent : Map.of()));
		return Boolean.TRUE.equals(program.eval(vars));
	}

	private CelRuntime.Program program(String field, String expression) {
		if (expression == null || expression.isBlank()) {
			throw ApiException.validation(field, "must be a CEL expression");
		}
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
			CelAbstractSyntaxTree ast = result.getAst();
			CelRuntime.Program program = this.runtime.createProgram(ast);
			if (this.programs.size() < 10_000) {
				this.programs.put(expression, program);
			}
			return program;
		}
		catch (Exception ex) {
			throw ApiException.validation(field, "not a valid CEL expression: " + ex.getMessage());
		}
	}

	/** Java values CEL accepts: maps (no null values), lists, strings, booleans and doubles. */
	static Object celValue(Object value) {
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
