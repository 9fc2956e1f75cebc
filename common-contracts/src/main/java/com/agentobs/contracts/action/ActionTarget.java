package com.agentobs.contracts.action;

import java.util.Objects;

/** What an action acts on: its scope and the resource ({@code target_type}, {@code target_id}). */
public record ActionTarget(ActionScope scope, String type, String id) {

	public ActionTarget {
		Objects.requireNonNull(scope, "scope");
	}

	/** An action on one agent, identified by its key ({@code agents.agent_id}). */
	public static ActionTarget agent(String agentId) {
		return new ActionTarget(ActionScope.AGENT, "agent", agentId);
	}

}
