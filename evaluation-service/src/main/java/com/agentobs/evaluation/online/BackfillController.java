package com.agentobs.evaluation.online;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Backfill runs: progress for viewers; start and cancel as operator actions (undo: the shared rollback). */
@RestController
@RequestMapping("/api/v1/quality/backfills")
class BackfillController {

	/** {@code POST /api/v1/quality/backfills}: ISO-8601 instants; rate defaults to the configured one. */
	record StartRequest(String ruleId, String from, String to, Integer ratePerSecond) {
	}

	private final BackfillStore backfills;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	private final BackfillProperties settings;

	BackfillController(BackfillStore backfills, WorkspaceTransactions transactions, ActionRunner actions,
			BackfillProperties settings) {
		this.backfills = backfills;
		this.transactions = transactions;
		this.actions = actions;
		this.settings = settings;
	}

	// GET /api/v1/quality/backfills?limit=
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Backfill>> list(@RequestParam(name = "limit", defaultValue = "20") int limit, Caller caller) {
		long started = System.nanoTime();
		if (limit < 1 || limit > 200) {
			throw ApiException.validation("limit", "must be between 1 and 200");
		}
		List<Backfill> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.backfills.list(caller.workspaceId(), limit));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, limit));
	}

	// GET /api/v1/quality/backfills/{backfill_id}
	@GetMapping("/{backfill_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Backfill> get(@PathVariable("backfill_id") String backfillId, Caller caller) {
		long started = System.nanoTime();
		UUID id = uuid("backfill_id", backfillId);
		Backfill run = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.backfills.find(caller.workspaceId(), id))
			.orElseThrow(() -> ApiException.notFound("backfill", backfillId));
		return ApiResponse.of(run, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/quality/backfills {rule_id, from, to, rate_per_second}
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> start(@RequestBody StartRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		StartBackfillAction.Params params = new StartBackfillAction.Params(uuid("rule_id", body.ruleId()),
				instant("from", body.from()), instant("to", body.to()),
				(body.ratePerSecond() != null) ? body.ratePerSecond() : this.settings.defaultRate());
		return run(caller, StartBackfillAction.TYPE, params, key);
	}

	// POST /api/v1/quality/backfills/{backfill_id}/cancel
	@PostMapping("/{backfill_id}/cancel")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> cancel(@PathVariable("backfill_id") String backfillId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, CancelBackfillAction.TYPE, new CancelBackfillAction.Ref(uuid("backfill_id", backfillId)),
				key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	static UUID uuid(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(field, "must be a UUID");
		}
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.validation(field, "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
		}
	}


}
