package com.agentobs.guardrail.safety.policy;

import java.util.List;

/**
 * A policy's detector settings: the finding types it acts on ({@code entities}; empty: every type
 * of its category), values never reported ({@code allow_list}), and for {@code custom} policies
 * the patterns (RE2 syntax) with their names.
 */
public record PolicyConfig(List<String> entities, List<String> allowList, List<NamedPattern> patterns) {

	public static final PolicyConfig EMPTY = new PolicyConfig(List.of(), List.of(), List.of());

	public PolicyConfig {
		entities = (entities == null) ? List.of() : List.copyOf(entities);
		allowList = (allowList == null) ? List.of() : List.copyOf(allowList);
		patterns = (patterns == null) ? List.of() : List.copyOf(patterns);
	}

	/** One custom pattern. */
	public record NamedPattern(String name, String pattern) {
	}

}
