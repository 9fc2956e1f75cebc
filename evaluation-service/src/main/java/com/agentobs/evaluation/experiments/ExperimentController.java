package com.agentobs.evaluation.experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Experiments: the reads of the tab (viewer) and the lifecycle actions (operator, through the action runner). */
@RestController
class ExperimentController {

	record SplitRequest(Map<String, Double> split) {
	}

	record WinnerRequest(String variant) {
	}

	private final ExperimentReads reads;

	private final ExperimentStore store;

	private final ExperimentResults results;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	private final Clock clock;

	ExperimentController(ExperimentReads reads, ExperimentStore store, ExperimentResults results,
			WorkspaceTransactions transactions, ActionRunner actions, Clock clock) {
		this.reads = reads;
		this.store = store;
		this.results = results;
		this.transactions = transactions;
		this.actions = actions;
		this.clock = clock;
	}

	// GET /api/v1/experiments
	@GetMapping("/api/v1/experiments")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> list(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Map<String, Object> out = this.transactions.inWorkspace(ws, () -> this.reads.portfolio(ws));
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/experiments/rollout-history
	@GetMapping("/api/v1/experiments/rollout-history")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> rolloutHistory(@RequestParam(value = "agent_id", required = false) String agent,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Map<String, Object> out = this.transactions.inWorkspace(ws, () -> this.reads.rolloutHistory(ws, agent));
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/experiments/{experiment_id}
	@GetMapping("/api/v1/experiments/{experiment_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> get(@PathVariable("experiment_id") String id, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		UUID experimentId = uuid("experiment_id", id);
		Map<String, Object> out = this.transactions.inWorkspace(ws, () -> this.reads.experiment(ws, experimentId));
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/experiments/{experiment_id}/results
	@GetMapping("/api/v1/experiments/{experiment_id}/results")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> results(@PathVariable("experiment_id") String id, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		UUID experimentId = uuid("experiment_id", id);
		Map<String, Object> out = this.transactions.inWorkspace(ws, () -> this.reads.results(ws, experimentId));
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/experiments/{experiment_id}/compute: recompute the results now (the schedule does it too)
	@PostMapping("/api/v1/experiments/{experiment_id}/compute")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<Map<String, Object>> compute(@PathVariable("experiment_id") String id, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		UUID experimentId = uuid("experiment_id", id);
		Map<String, Object> out = this.transactions.inWorkspace(ws, () -> {
			Experiment e = this.store.find(ws, experimentId)
				.orElseThrow(() -> ApiException.notFound("experiment", experimentId.toString()));
			if (Experiment.DRAFT.equals(e.status())) {
				throw ApiException.conflict("A draft has no results: start it first");
			}
			this.results.compute(ws, e, Instant.now(this.clock));
			return this.reads.results(ws, experimentId);
		});
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/experiments
	@PostMapping("/api/v1/experiments")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody(required = false) ExperimentDefinition body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null) {
			throw ApiException.validation("name", "a body is required");
		}
		return run(caller, ExperimentActions.CREATE, body, key);
	}

	// POST /api/v1/experiments/{experiment_id}/start|pause|stop
	@PostMapping("/api/v1/experiments/{experiment_id}/{verb:start|pause|stop}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> lifecycle(@PathVariable("experiment_id") String id,
			@PathVariable("verb") String verb,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		String type = switch (verb) {
			case "start" -> ExperimentActions.START;
			case "pause" -> ExperimentActions.PAUSE;
			default -> ExperimentActions.STOP;
		};
		return run(caller, type, new ExperimentActions.Ref(uuid("experiment_id", id)), key);
	}

	// PUT /api/v1/experiments/{experiment_id}/traffic-split {split: {variant key: percent}}
	@PutMapping("/api/v1/experiments/{experiment_id}/traffic-split")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> split(@PathVariable("experiment_id") String id,
			@RequestBody(required = false) SplitRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ExperimentActions.SET_SPLIT,
				new ExperimentActions.Split(uuid("experiment_id", id), (body != null) ? body.split() : null), key);
	}

	// POST /api/v1/experiments/{experiment_id}/declare-winner {variant}
	@PostMapping("/api/v1/experiments/{experiment_id}/declare-winner")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> declareWinner(@PathVariable("experiment_id") String id,
			@RequestBody(required = false) WinnerRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ExperimentActions.DECLARE_WINNER,
				new ExperimentActions.Winner(uuid("experiment_id", id), (body != null) ? body.variant() : null), key);
	}

	// POST /api/v1/experiments/{experiment_id}/promote
	@PostMapping("/api/v1/experiments/{experiment_id}/promote")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> promote(@PathVariable("experiment_id") String id,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ExperimentActions.PROMOTE, new ExperimentActions.Ref(uuid("experiment_id", id)), key);
	}

	// POST /api/v1/experiments/actions/{action_id}/rollback: undo of this service's experiment and canary actions
	@PostMapping("/api/v1/experiments/actions/{action_id}/rollback")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> rollback(@PathVariable("action_id") String actionId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.rollback(caller, uuid("action_id", actionId), key);
		return ActionResponses.created(record, started);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	static UUID uuid(String field, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiException.validation(field, "must be a UUID");
		}
	}



}
