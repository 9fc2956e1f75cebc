package com.agentobs.alert.rules;

import java.util.List;

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

/** Escalation policies: list (viewer), create and delete as actions (operator). */
@RestController
@RequestMapping("/api/v1/alerts/escalation-policies")
class EscalationPoliciesController {

	private final EscalationPolicyStore policies;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	EscalationPoliciesController(EscalationPolicyStore policies, ActionRunner actions,
			WorkspaceTransactions transactions) {
		this.policies = policies;
		this.actions = actions;
		this.transactions = transactions;
	}

	// GET /api/v1/alerts/escalation-policies
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<EscalationPolicy>> list(Caller caller) {
		long started = System.nanoTime();
		List<EscalationPolicy> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.policies.active(caller.workspaceId()));
		return ApiResponse.of(list,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, Math.max(1, list.size())));
	}

	// POST /api/v1/alerts/escalation-policies (escalation_policy.create)
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody EscalationPolicyActions.PolicyRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, EscalationPolicyActions.CREATE, body, key), started);
	}

	// DELETE /api/v1/alerts/escalation-policies/{policy_id} (escalation_policy.delete)
	@DeleteMapping("/{policy_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("policy_id") String policyId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, EscalationPolicyActions.DELETE,
				new EscalationPolicyActions.PolicyRef(Ids.uuid("policy_id", policyId)), key), started);
	}

}
