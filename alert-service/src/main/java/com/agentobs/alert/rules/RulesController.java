package com.agentobs.alert.rules;

import java.time.Clock;
import java.util.List;

import com.agentobs.alert.slo.SloStore;

import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Alert rules: list (viewer), create and delete as actions (operator); the preview lives with the evaluator. */
@RestController
@RequestMapping("/api/v1/alert-rules")
class RulesController {

	private final RuleStore rules;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final SloStore slos;

	private final Clock clock;

	RulesController(RuleStore rules, ActionRunner actions, WorkspaceTransactions transactions, SloStore slos,
			Clock clock) {
		this.rules = rules;
		this.actions = actions;
		this.transactions = transactions;
		this.slos = slos;
		this.clock = clock;
	}

	// GET /api/v1/alert-rules
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<AlertRule>> list(Caller caller) {
		long started = System.nanoTime();
		List<AlertRule> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.rules.active(caller.workspaceId()));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1,
				Math.max(list.size(), 1)));
	}

	// POST /api/v1/alert-rules (alert_rule.create)
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody RuleRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, CreateRuleAction.TYPE, body, key), started);
	}

	// DELETE /api/v1/alert-rules/{rule_id} (alert_rule.delete)
	@DeleteMapping("/{rule_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("rule_id") String ruleId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, DeleteRuleAction.TYPE,
				new DeleteRuleAction.RuleRef(Ids.uuid("rule_id", ruleId)), key), started);
	}

}
