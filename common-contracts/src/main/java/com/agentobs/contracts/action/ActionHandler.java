package com.agentobs.contracts.action;

import com.agentobs.contracts.security.Role;

/**
 * One action type and its inverse: the only code a new action needs (register it as a
 * bean; {@link ActionRunner} does permission, audit, transactions, idempotency, events,
 * cache invalidation and rollback). All three methods run inside a workspace transaction
 * ({@code app.workspace_id} set, RLS active); filter on the workspace anyway.
 *
 * @param <P> the request parameters (a record; stored as {@code action_params})
 * @param <U> the inverse (a record; stored with the audit row, applied by a rollback)
 */
public interface ActionHandler<P, U> {

	/** {@code {resource}.{verb}}, e.g. {@code agent.pause}. */
	String type();

	Class<P> paramsType();

	Class<U> inverseType();

	/** The minimum role (operator; policy, RBAC and keys: admin). */
	default Role requiredRole() {
		return Role.OPERATOR;
	}

	/**
	 * Validates the parameters and resolves the target before any audit row exists: throw
	 * {@code ApiException} (400 naming the field, 404 for an unknown resource, 409 for a
	 * precondition) and nothing is recorded. Read only.
	 */
	ActionTarget prepare(ActionContext context, P params);

	/**
	 * Changes the state, in the same transaction that marks the audit row {@code completed}.
	 * Lock what you change ({@code SELECT … FOR UPDATE}) so concurrent actions on one
	 * resource serialise, and capture in the inverse exactly what a rollback must restore.
	 * Any exception rolls everything back and the row ends {@code failed}.
	 */
	ActionOutcome<U> execute(ActionContext context, P params);

	/** Applies a recorded inverse (a rollback); same transaction rules as {@link #execute}. */
	Object revert(ActionContext context, U inverse);

}
