package com.agentobs.guardrail.agentcontrol;

import com.agentobs.contracts.error.ApiException;

/** The agent key in a path ({@code agents.agent_id}, VARCHAR(255)). */
final class AgentIds {

	private AgentIds() {
	}

	static void check(String agentId) {
		if (agentId == null || agentId.isBlank() || agentId.length() > 255) {
			throw ApiException.validation("agent_id", "must be 1 to 255 characters");
		}
	}

}
