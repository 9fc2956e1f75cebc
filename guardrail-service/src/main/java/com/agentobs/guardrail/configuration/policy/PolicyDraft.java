package com.agentobs.guardrail.configuration.policy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code action_params} of {@code policy.create} and {@code policy.update} (with {@code policyId}),
 * and the inverse of an update (the replaced values). {@code isActive} null = unchanged / true.
 */
record PolicyDraft(UUID policyId, String name, String description, String changeRule, String complianceRule,
		String effect, Integer requiredApprovals, String severity, Map<String, List<String>> scope, String mode,
		Boolean isActive) {

	static final List<String> EFFECTS = List.of("audit", "require_approval", "deny");

	static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

	static final List<String> MODES = List.of("monitor", "enforce");

}
