package com.agentobs.guardrail.safety.policy;

import java.util.List;

/** Where a policy applies; an empty list matches everything on that axis. */
public record PolicyScope(List<String> departments, List<String> agents, List<String> environments) {

	public static final PolicyScope ALL = new PolicyScope(List.of(), List.of(), List.of());

	public PolicyScope {
		departments = (departments == null) ? List.of() : List.copyOf(departments);
		agents = (agents == null) ? List.of() : List.copyOf(agents);
		environments = (environments == null) ? List.of() : List.copyOf(environments);
	}

	/** Whether an agent of {@code department} in {@code environment} is covered ({@code null}s match only empty axes). */
	public boolean matches(String agentId, String department, String environment) {
		return axis(this.agents, agentId) && axis(this.departments, department) && axis(this.environments, environment);
	}

	private static boolean axis(List<String> values, String value) {
		return values.isEmpty() || (value != null && values.contains(value));
	}

}
