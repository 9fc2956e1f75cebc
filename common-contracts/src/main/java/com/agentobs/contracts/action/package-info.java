/**
 * The action pattern, built once: permission → audit row
 * {@code pending} → {@code in_progress} → execute in one transaction with the status change
 * → {@code completed|failed} → event on {@code actions:events} → {@code INCR data_version:{ws}};
 * {@code Idempotency-Key} support and rollback through a recorded inverse. A new action type
 * is one {@link com.agentobs.contracts.action.ActionHandler} bean; see docs/ACTIONS.md.
 */
package com.agentobs.contracts.action;
