package com.agentobs.contracts.action;

/**
 * What {@link ActionHandler#execute} returns: the {@code result} stored on the audit row
 * and answered to the caller, and the inverse a rollback will hand to
 * {@link ActionHandler#revert} ({@code null}: the action cannot be rolled back).
 */
public record ActionOutcome<U>(Object result, U inverse) {

	public static <U> ActionOutcome<U> of(Object result, U inverse) {
		return new ActionOutcome<>(result, inverse);
	}

	public static <U> ActionOutcome<U> irreversible(Object result) {
		return new ActionOutcome<>(result, null);
	}

}
