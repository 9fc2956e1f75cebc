package com.agentobs.guardrail.safety.policy;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Guardrail policies: read by any member, changed by admins through actions (201 with the audit row). */
@RestController
@RequestMapping("/api/v1/guardrails/policies")
class PoliciesController {

	// POST /api/v1/guardrails/policies/{policy_id}/mode
	record ModeRequest(String enforcementMode, String reason) {
	}

	// POST /api/v1/guardrails/policies/{policy_id}/disable | /enable
	record ReasonRequest(String reason) {
	}

	// POST /api/v1/guardrails/policies and PUT /api/v1/guardrails/policies/{policy_id}
	record PolicyRequest(String name, String description, String policyType, String enforcementMode, String failMode,
			PolicyConfig config, PolicyScope scope, String reason) {

		PolicyFields fields() {
			return new PolicyFields(this.name, this.description, this.policyType, this.enforcementMode, this.failMode,
					this.config, this.scope);
		}

	}

	private final PolicyStore store;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	PoliciesController(PolicyStore store, WorkspaceTransactions transactions, ActionRunner actions) {
		this.store = store;
		this.transactions = transactions;
		this.actions = actions;
	}

	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<GuardrailPolicy>> list(Caller caller) {
		long started = System.nanoTime();
		List<GuardrailPolicy> policies = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.store.list(caller.workspaceId()));
		return ApiResponse.of(policies, ResponseMeta.page(ResponseMeta.millisSince(started), false,
				policies.size(), 1, Math.max(1, policies.size())));
	}

	@GetMapping("/{policy_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<GuardrailPolicy> get(Caller caller, @PathVariable("policy_id") String policyId) {
		long started = System.nanoTime();
		UUID id = uuid(policyId);
		GuardrailPolicy policy = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.store.require(caller.workspaceId(), id));
		return ApiResponse.of(policy, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	@PostMapping
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> create(Caller caller, @RequestBody PolicyRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		requireBody(body);
		return run(caller, PolicyActions.CREATE, new PolicyActions.Create(body.fields(), body.reason()), key);
	}

	@PutMapping("/{policy_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> update(Caller caller, @PathVariable("policy_id") String policyId,
			@RequestBody PolicyRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		requireBody(body);
		return run(caller, PolicyActions.UPDATE, new PolicyActions.Update(uuid(policyId), body.fields(), body.reason()),
				key);
	}

	@PostMapping("/{policy_id}/mode")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> setMode(Caller caller, @PathVariable("policy_id") String policyId,
			@RequestBody ModeRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		requireBody(body);
		return run(caller, PolicyActions.SET_MODE,
				new PolicyActions.SetMode(uuid(policyId), body.enforcementMode(), body.reason()), key);
	}

	@PostMapping("/{policy_id}/disable")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> disable(Caller caller, @PathVariable("policy_id") String policyId,
			@RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		return run(caller, PolicyActions.DISABLE,
				new PolicyActions.Toggle(uuid(policyId), (body != null) ? body.reason() : null), key);
	}

	@PostMapping("/{policy_id}/enable")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> enable(Caller caller, @PathVariable("policy_id") String policyId,
			@RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		return run(caller, PolicyActions.ENABLE,
				new PolicyActions.Toggle(uuid(policyId), (body != null) ? body.reason() : null), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	private static void requireBody(Object body) {
		if (body == null) {
			throw ApiException.validation("body", "is required");
		}
	}

	static UUID uuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("policy_id", "must be a UUID");
		}
	}

}
