package com.agentobs.guardrail.configuration.approvals;

import java.util.Map;
import java.util.UUID;

/**
 * {@code action_params} of {@code config.propose_change} and {@code approval.request}: top-level
 * configuration keys to set ({@code settings} merges key by key). {@code approvalId}: the approval
 * this change was held for (set only when an approved change is applied).
 */
record ProposedChange(String agentId, Map<String, Object> changes, String reason, UUID approvalId) {

	ProposedChange {
		changes = (changes != null) ? new java.util.LinkedHashMap<>(changes) : Map.of();
	}

}
