package com.agentobs.contracts.action;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import tools.jackson.databind.ObjectMapper;

/**
 * Runs every action through the pattern:
 * <ol>
 * <li>permission ({@link ActionHandler#requiredRole()}; a refusal writes nothing);</li>
 * <li>{@link ActionHandler#prepare} and the audit row {@code pending} (with the
 * {@code Idempotency-Key}: a retry returns the first action's answer and acts no
 * twice);</li>
 * <li>{@code in_progress} (committed, so the trail shows the action running);</li>
 * <li>{@link ActionHandler#execute}, {@code completed} and the outbox row of its event in ONE
 * transaction; on any exception that transaction rolls back whole and {@code failed} (with its
 * outbox row) is recorded in a transaction of its own, answered as 422 {@code ACTION_FAILED}
 * with {@code details.action_id};</li>
 * <li>after the commit: the outbox row is published (event on {@code actions:events},
 * {@code INCR data_version:{ws}}); if Redis fails, {@link ActionRelay} retries it.</li>
 * </ol>
 * A row left {@code pending}/{@code in_progress} by a dying process is failed by the relay's sweeper.
 * Call it outside any transaction (each step must commit on its own).
 */
public class ActionRunner {

	/** The request header that makes an action POST safe to retry. */
	public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

	private final WorkspaceTransactions transactions;

	private final ActionAuditLog audit;

	private final ActionOutbox outbox;

	private final ActionRelay relay;

	private final ObjectMapper mapper;

	private final Map<String, ActionHandler<Object, Object>> handlers = new HashMap<>();

	@SuppressWarnings("unchecked")
	ActionRunner(WorkspaceTransactions transactions, ActionAuditLog audit, ActionOutbox outbox, ActionRelay relay,
			ObjectMapper mapper, List<ActionHandler<?, ?>> handlers) {
		this.transactions = transactions;
		this.audit = audit;
		this.outbox = outbox;
		this.relay = relay;
		this.mapper = mapper;
		for (ActionHandler<?, ?> handler : handlers) {
			register((ActionHandler<Object, Object>) handler);
		}
		register((ActionHandler<Object, Object>) (ActionHandler<?, ?>) new RollbackAction(audit, this.handlers::get,
				mapper));
	}

	private void register(ActionHandler<Object, Object> handler) {
		if (this.handlers.putIfAbsent(handler.type(), handler) != null) {
			throw new IllegalStateException("Two action handlers for type " + handler.type());
		}
	}

	/**
	 * Runs one action for the caller. {@code params} is the handler's parameter record (or
	 * anything that converts to it).
	 */
	public ActionRecord run(Caller caller, String actionType, Object params, String idempotencyKey) {
		ActionHandler<Object, Object> handler = this.handlers.get(actionType);
		if (handler == null) {
			throw new IllegalArgumentException("No handler for action type " + actionType);
		}
		caller.requireRole(handler.requiredRole());
		String key = checkIdempotencyKey(idempotencyKey);
		Object typed = handler.paramsType().isInstance(params) ? params
				: this.mapper.convertValue(params, handler.paramsType());
		UUID ws = caller.workspaceId();

		ActionContext preparing = new ActionContext(ws, null, actionType, caller);
		Map<String, Object> paramsJson = this.audit.toMap(typed);
		Started started = this.transactions.inWorkspace(ws, () -> {
			// a retry is answered from the first row, whatever has happened to the target since
			if (key != null) {
				Optional<ActionRecord> existing = this.audit.findByKey(ws, key);
				if (existing.isPresent()) {
					return new Started(null, existing.get());
				}
			}
			ActionTarget target = handler.prepare(preparing, typed);
			return this.audit.insertPending(ws, actionType, target, preparing, typed, key)
				.map((id) -> new Started(id, null))
				.orElseGet(() -> new Started(null, this.audit.findByKey(ws, key).orElseThrow()));
		});
		if (started.replay() != null) {
			return replay(started.replay(), actionType, paramsJson);
		}

		UUID actionId = started.actionId();
		this.transactions.runInWorkspace(ws, () -> this.audit.markInProgress(ws, actionId));
		ActionContext context = new ActionContext(ws, actionId, actionType, caller);
		Finished done;
		try {
			done = this.transactions.inWorkspace(ws, () -> {
				ActionOutcome<Object> outcome = handler.execute(context, typed);
				this.audit.complete(ws, actionId, outcome.result(), outcome.inverse());
				ActionRecord record = this.audit.find(ws, actionId).orElseThrow();
				return new Finished(record, this.outbox.add(ws, record));
			});
		}
		catch (RuntimeException ex) {
			throw failed(ws, actionId, ex);
		}
		this.relay.publishNow(done.message());
		return done.record();
	}

	/** {@code POST /api/v1/actions/{action_id}/rollback}: applies the recorded inverse as a new action. */
	public ActionRecord rollback(Caller caller, UUID actionId, String idempotencyKey) {
		return run(caller, RollbackAction.TYPE, new RollbackAction.Params(actionId), idempotencyKey);
	}

	private ApiException failed(UUID ws, UUID actionId, RuntimeException ex) {
		Map<String, Object> error = new LinkedHashMap<>();
		String reason;
		if (ex instanceof ApiException api) {
			error.put("code", api.code().name());
			error.put("message", api.getMessage());
			reason = api.getMessage();
			log.info("Action {} failed: {} [workspace_id={}]", actionId, api.code(), ws);
		}
		else {
			error.put("code", ErrorCode.INTERNAL_ERROR.name());
			error.put("type", ex.getClass().getSimpleName());
			error.put("message", truncate(mostSpecificMessage(ex)));
			reason = "The action failed while executing (" + ex.getClass().getSimpleName() + ")";
			log.warn("Action {} failed and was rolled back [workspace_id={}]", actionId, ws, ex);
		}
		ActionOutbox.Message message = this.transactions.inWorkspace(ws, () -> {
			// 0 rows: the sweeper failed it already (and queued its event)
			if (this.audit.fail(ws, actionId, Map.of("error", error)) != 1) {
				return null;
			}
			return this.outbox.add(ws, this.audit.find(ws, actionId).orElseThrow());
		});
		if (message != null) {
			this.relay.publishNow(message);
		}
		return actionFailed(actionId, reason, error.get("code"));
	}

	private ActionRecord replay(ActionRecord existing, String actionType, Map<String, Object> params) {
		if (!existing.actionType().equals(actionType) || !Objects.equals(existing.actionParams(), params)) {
			throw new ApiException(ErrorCode.CONFLICT,
					"This Idempotency-Key was already used for a different action",
					Map.of("action_id", existing.actionId().toString(), "field", IDEMPOTENCY_KEY_HEADER));
		}
		ActionStatus status = ActionStatus.fromCode(existing.status()).orElseThrow();
		return switch (status) {
			case COMPLETED, ROLLED_BACK -> existing;
			case FAILED -> throw actionFailed(existing.actionId(), "The action failed (replayed answer)",
					(existing.result() instanceof Map<?, ?> r && r.get("error") instanceof Map<?, ?> e) ? e.get("code")
							: null);
			case PENDING, IN_PROGRESS -> throw new ApiException(ErrorCode.CONFLICT,
					"The action with this Idempotency-Key is still running",
					Map.of("action_id", existing.actionId().toString(), "status", existing.status()));
		};
	}

	private static ApiException actionFailed(UUID actionId, String reason, Object errorCode) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("action_id", actionId.toString());
		details.put("reason", reason);
		details.put("error_code", errorCode);
		return new ApiException(ErrorCode.ACTION_FAILED, "The action failed and changed nothing: " + reason, details);
	}

	private static String checkIdempotencyKey(String key) {
		if (key == null) {
			return null;
		}
		if (key.isBlank() || key.length() > 255) {
			throw ApiException.validation(IDEMPOTENCY_KEY_HEADER, "must be 1 to 255 characters");
		}
		return key;
	}

	private static String mostSpecificMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	private static String truncate(String message) {
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

	private record Started(UUID actionId, ActionRecord replay) {
	}

	private record Finished(ActionRecord record, ActionOutbox.Message message) {
	}

}
