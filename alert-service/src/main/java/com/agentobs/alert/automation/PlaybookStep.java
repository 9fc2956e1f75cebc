package com.agentobs.alert.automation;

import java.util.Map;

/**
 * One step of a playbook: a registered action type with its parameters, a timeout, what a
 * failure does ({@code stop}, {@code continue}, or {@code rollback} the completed steps in
 * reverse) and whether a person must approve it first. A disabled step is kept but skipped.
 */
public record PlaybookStep(String actionType, Map<String, Object> params, Integer timeoutS, String onFailure,
		Boolean requiresApproval, Boolean enabled) {

	public static final String STOP = "stop";

	public static final String CONTINUE = "continue";

	public static final String ROLLBACK = "rollback";

	public PlaybookStep {
		params = (params != null) ? params : Map.of();
		timeoutS = (timeoutS != null) ? timeoutS : 60;
		onFailure = (onFailure != null) ? onFailure : STOP;
		requiresApproval = Boolean.TRUE.equals(requiresApproval);
		enabled = (enabled == null) || enabled;
	}

}
