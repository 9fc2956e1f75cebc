package com.agentobs.evaluation.online;

import java.util.List;

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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Evaluator rules: the list for viewers; create, update, enable/disable and delete as operator actions. */
@RestController
@RequestMapping("/api/v1/quality/rules")
class RuleController {

	/** The body of create and update (update replaces the whole definition). */
	record RuleRequest(String name, String rubricId, String evaluator, List<String> departments,
			List<String> environments, List<String> agentIds, List<String> versions, List<String> intents,
			Double samplingRate, String samplingSeed, Double dailyCostCapUsd, Boolean enabled) {

		RuleDefinition toDefinition() {
			if (this.samplingRate == null) {
				throw ApiException.validation("sampling_rate", "is required (0 to 1)");
			}
			return new RuleDefinition(this.name, BackfillController.uuid("rubric_id", this.rubricId),
					this.evaluator, this.departments, this.environments, this.agentIds, this.versions, this.intents,
					this.samplingRate, this.samplingSeed, this.dailyCostCapUsd,
					(this.enabled == null) || this.enabled);
		}

	}

	record EnabledRequest(Boolean enabled) {
	}

	private final RuleStore rules;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	RuleController(RuleStore rules, WorkspaceTransactions transactions, ActionRunner actions) {
		this.rules = rules;
		this.transactions = transactions;
		this.actions = actions;
	}

	// GET /api/v1/quality/rules
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<RuleView>> list(Caller caller) {
		long started = System.nanoTime();
		List<RuleView> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.rules.list(caller.workspaceId()));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, list.size()));
	}

	// POST /api/v1/quality/rules
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody RuleRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, RuleActions.CREATE, body.toDefinition(), key);
	}

	// PUT /api/v1/quality/rules/{rule_id}
	@PutMapping("/{rule_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("rule_id") String ruleId,
			@RequestBody RuleRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, RuleActions.UPDATE,
				new RuleActions.Change(BackfillController.uuid("rule_id", ruleId), body.toDefinition()), key);
	}

	// POST /api/v1/quality/rules/{rule_id}/enabled {enabled}
	@PostMapping("/{rule_id}/enabled")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> setEnabled(@PathVariable("rule_id") String ruleId,
			@RequestBody EnabledRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null || body.enabled() == null) {
			throw ApiException.validation("enabled", "is required (true or false)");
		}
		return run(caller, RuleActions.SET_ENABLED,
				new RuleActions.Enable(BackfillController.uuid("rule_id", ruleId), body.enabled()), key);
	}

	// DELETE /api/v1/quality/rules/{rule_id}
	@DeleteMapping("/{rule_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("rule_id") String ruleId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, RuleActions.DELETE, new RuleActions.Ref(BackfillController.uuid("rule_id", ruleId)), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}


}
