package com.agentobs.contracts.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.agentobs.contracts.error.ApiException;

import tools.jackson.databind.ObjectMapper;

/**
 * The built-in {@value #TYPE}: applies the inverse an earlier action recorded, through that
 * action's own handler, and links the two rows (original → {@code rolled_back},
 * {@code rollback_action_id} = this row). A rollback itself is not reversible.
 */
final class RollbackAction implements ActionHandler<RollbackAction.Params, Void> {

	static final String TYPE = "action.rollback";

	/** {@code action_params} of a rollback row. */
	record Params(UUID actionId) {
	}

	private final ActionAuditLog audit;

	private final Function<String, ActionHandler<Object, Object>> handlers;

	private final ObjectMapper mapper;

	RollbackAction(ActionAuditLog audit, Function<String, ActionHandler<Object, Object>> handlers,
			ObjectMapper mapper) {
		this.audit = audit;
		this.handlers = handlers;
		this.mapper = mapper;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Params> paramsType() {
		return Params.class;
	}

	@Override
	public Class<Void> inverseType() {
		return Void.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Params params) {
		ActionRecord original = this.audit.find(context.workspaceId(), params.actionId())
			.orElseThrow(() -> ApiException.notFound("action", params.actionId().toString()));
		ActionHandler<Object, Object> handler = this.handlers.apply(original.actionType());
		if (handler == null) {
			throw ApiException.conflict("Actions of type '" + original.actionType()
					+ "' are rolled back by the service that owns them, not this one");
		}
		context.caller().requireRole(handler.requiredRole());
		if (!original.rollbackAvailable()) {
			throw new ApiException(com.agentobs.contracts.error.ErrorCode.CONFLICT,
					"Action " + original.actionId() + " cannot be rolled back (status " + original.status() + ")",
					Map.of("action_id", original.actionId().toString(), "status", original.status()));
		}
		return new ActionTarget(ActionScope.valueOf(original.actionScope().toUpperCase()), original.targetType(),
				original.targetId());
	}

	@Override
	public ActionOutcome<Void> execute(ActionContext context, Params params) {
		UUID ws = context.workspaceId();
		String[] row = this.audit.lockForRollback(ws, params.actionId())
			.orElseThrow(() -> ApiException.notFound("action", params.actionId().toString()));
		String type = row[0];
		if (!ActionStatus.COMPLETED.code().equals(row[1]) || row[2] == null) {
			throw ApiException.conflict("Action " + params.actionId() + " is no longer reversible (status "
					+ row[1] + ")");
		}
		ActionHandler<Object, Object> handler = this.handlers.apply(type);
		Object inverse = this.mapper.readValue(row[2], handler.inverseType());
		Object reverted = handler.revert(new ActionContext(ws, context.actionId(), type, context.caller()), inverse);
		this.audit.markRolledBack(ws, params.actionId(), context.actionId());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rolled_back_action_id", params.actionId().toString());
		result.put("rolled_back_action_type", type);
		result.put("result", reverted);
		return ActionOutcome.irreversible(result);
	}

	@Override
	public Object revert(ActionContext context, Void inverse) {
		throw new UnsupportedOperationException("A rollback is not reversible");
	}

}
