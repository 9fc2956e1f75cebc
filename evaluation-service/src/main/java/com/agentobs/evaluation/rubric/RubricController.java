package com.agentobs.evaluation.rubric;

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
import com.agentobs.evaluation.rubric.RubricRequests.AssignRubricRequest;
import com.agentobs.evaluation.rubric.RubricRequests.CreateRubricRequest;
import com.agentobs.evaluation.rubric.RubricRequests.UpdateRubricRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rubrics: reads for viewers; create, update (new version), assign and archive as operator actions. */
@RestController
@RequestMapping("/api/v1/rubrics")
class RubricController {

	private final RubricStore rubrics;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	RubricController(RubricStore rubrics, WorkspaceTransactions transactions, ActionRunner actions) {
		this.rubrics = rubrics;
		this.transactions = transactions;
		this.actions = actions;
	}

	// GET /api/v1/rubrics?include_archived=false
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Rubric>> list(@RequestParam(name = "include_archived", defaultValue = "false") boolean archived,
			Caller caller) {
		long started = System.nanoTime();
		List<Rubric> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.rubrics.list(caller.workspaceId(), archived));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, list.size()));
	}

	// GET /api/v1/rubrics/{rubric_id}?version=
	@GetMapping("/{rubric_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Rubric> get(@PathVariable("rubric_id") String rubricId,
			@RequestParam(name = "version", required = false) Integer version, Caller caller) {
		long started = System.nanoTime();
		UUID id = parseId(rubricId);
		Rubric rubric = this.transactions.inWorkspace(caller.workspaceId(), () -> (version == null)
				? this.rubrics.require(caller.workspaceId(), id)
				: this.rubrics.findVersion(caller.workspaceId(), id, version)
					.orElseThrow(() -> ApiException.notFound("rubric version", rubricId + "@" + version)));
		return ApiResponse.of(rubric, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/rubrics
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody CreateRubricRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, CreateRubricAction.TYPE, body.toParams(), key);
	}

	// PUT /api/v1/rubrics/{rubric_id}
	@PutMapping("/{rubric_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("rubric_id") String rubricId,
			@RequestBody UpdateRubricRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, UpdateRubricAction.TYPE, new RubricParams.Update(parseId(rubricId), body.toDefinition()),
				key);
	}

	// POST /api/v1/rubrics/{rubric_id}/assign
	@PostMapping("/{rubric_id}/assign")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> assign(@PathVariable("rubric_id") String rubricId,
			@RequestBody AssignRubricRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, AssignRubricAction.TYPE,
				new RubricParams.Assign(parseId(rubricId), body.agentIds(), body.departments()), key);
	}

	// POST /api/v1/rubrics/{rubric_id}/archive
	@PostMapping("/{rubric_id}/archive")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> archive(@PathVariable("rubric_id") String rubricId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ArchiveRubricAction.TYPE, new RubricParams.Ref(parseId(rubricId)), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	/** A rubric id from a path or body: 400 naming {@code field} unless it is a UUID. */
	static UUID parseId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiException.validation("rubric_id", "must be a UUID");
		}
	}


}
