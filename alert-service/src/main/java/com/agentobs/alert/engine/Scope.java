package com.agentobs.alert.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of one evaluated group: {@code null} where the rule does not group by that
 * dimension (a fleet alert has none; a department alert has only its department).
 */
record Scope(String agentId, String department, String environment) {

	static final Scope FLEET = new Scope(null, null, null);

	/** The group an (agent, department, environment) row belongs to for a rule's group_by. */
	static Scope of(String groupBy, String agentId, String department, String environment) {
		return switch (groupBy) {
			case "agent" -> new Scope(agentId, department, null);
			case "department" -> new Scope(null, department, null);
			case "environment" -> new Scope(null, null, environment);
			default -> FLEET;
		};
	}

	Map<String, String> labels() {
		Map<String, String> labels = new LinkedHashMap<>();
		if (this.agentId != null) {
			labels.put("agent_id", this.agentId);
		}
		if (this.department != null) {
			labels.put("department", this.department);
		}
		if (this.environment != null) {
			labels.put("environment", this.environment);
		}
		return labels;
	}

	String describe() {
		if (this.agentId != null) {
			return this.agentId;
		}
		if (this.department != null) {
			return this.department;
		}
		return (this.environment != null) ? this.environment : "fleet";
	}

}
