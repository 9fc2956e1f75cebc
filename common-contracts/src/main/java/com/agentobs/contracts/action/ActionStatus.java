package com.agentobs.contracts.action;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code action_audit_log.status}: {@code pending → in_progress → completed|failed}, later {@code rolled_back}. */
public enum ActionStatus {

	PENDING, IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK;

	public static final List<String> CODES = Arrays.stream(values()).map(ActionStatus::code).toList();

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<ActionStatus> fromCode(String code) {
		return Arrays.stream(values()).filter((s) -> s.code().equals(code)).findFirst();
	}

}
