package com.agentobs.contracts.action;

/** {@code action_audit_log.action_scope}. */
public enum ActionScope {

	FLEET, DEPARTMENT, AGENT;

	public String code() {
		return name().toLowerCase();
	}

}
