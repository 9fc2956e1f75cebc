package com.agentobs.guardrail.configuration.approvals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;
import com.agentobs.guardrail.configuration.policy.PolicyGate;
import com.agentobs.guardrail.configuration.rbac.EffectiveRoles;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proposing a configuration change (201 applied, or 202 {@code pending} with an approval id when a
 * policy requires approval), the approval queue (10.5), and approve / reject. The approval that
 * completes the count applies the change through the action runner, once: the apply action marks the
 * approval applied under its row lock, and carries an Idempotency-Key derived from the approval.
 */
@RestController
class ApprovalsController {

	// POST /api/v1/agents/{agent_id}/config/changes
	record ChangeRequest(@NotNull Map<String, Object> changes, @Size(max = 1000) String reason) {
	}

	// POST /api/v1/agents/{agent_id}/config/changes (202 answer)
	record PendingChange(String status, UUID approvalId, ActionRecord request) {
	}

	// POST /api/v1/approvals/{approval_id}/approve|reject
	record DecisionRequest(@Size(max = 1000) String comment) {
	}

	// POST /api/v1/approvals/{approval_id}/approve (answer)
	record DecisionResponse(String status, ActionRecord decision, ActionRecord applied, String applyError) {
	}

	private final WorkspaceTransactions transactions;

	private final AgentConfigurations configs;

	private final PolicyGate gate;

	private final Approvals approvals;

	private final ActionRunner actions;

	private final EffectiveRoles roles;

	ApprovalsController(WorkspaceTransactions transactions, AgentConfigurations configs, PolicyGate gate,
			Approvals approvals, ActionRunner actions, EffectiveRoles roles) {
		this.transactions = transactions;
		this.configs = configs;
		this.gate = gate;
		this.approvals = approvals;
		this.actions = actions;
		this.roles = roles;
	}

	@PostMapping("/api/v1/agents/{agent_id}/config/changes")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<ApiResponse<Object>> propose(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody ChangeRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		Caller effective = this.roles.forAgent(caller, agentId);
		UUID ws = caller.workspaceId();
		PolicyGate.Verdict verdict = this.transactions.inWorkspace(ws, () -> {
			AgentConfigurations.Snapshot agent = this.configs.require(ws, agentId);
			return this.gate.evaluate(ws, agent, agent.actual(), this.configs.preview(agent.actual(), body.changes()));
		});
		ProposedChange change = new ProposedChange(agentId, body.changes(), body.reason(), null);
		if (verdict.needsApproval() && !verdict.denied()) {
			ActionRecord request = this.actions.run(effective, RequestApprovalAction.TYPE, change, key);
			UUID approvalId = UUID.fromString(String.valueOf(((Map<?, ?>) request.result()).get("approval_id")));
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(ApiResponse.of(new PendingChange("pending", approvalId, request),
						ResponseMeta.single(millis(started), false)));
		}
		ActionRecord record = this.actions.run(effective, ProposeChangeAction.TYPE, change, key);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(record, ResponseMeta.single(millis(started), false)));
	}

	// GET /api/v1/approvals?status=pending
	@GetMapping("/api/v1/approvals")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Approvals.Approval>> list(@RequestParam(name = "status", required = false) String status,
			StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		if (status != null && !List.of("pending", "approved", "rejected", "expired").contains(status)) {
			throw ApiException.validation("status", "unknown status", List.of("pending", "approved", "rejected", "expired"));
		}
		UUID ws = caller.workspaceId();
		record Page(List<Approvals.Approval> rows, long total) {
		}
		Page page = this.transactions.inWorkspace(ws,
				() -> new Page(this.approvals.list(ws, status, filters.department(), filters.limit(), filters.offset()),
						this.approvals.count(ws, status, filters.department())));
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", ws.toString());
		applied.put("status", status);
		applied.put("department", filters.department());
		return ApiResponse.of(page.rows(),
				ResponseMeta.page(millis(started), false, page.total(), filters.page(), filters.limit()), applied);
	}

	@GetMapping("/api/v1/approvals/{approval_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Approvals.Approval> one(@PathVariable("approval_id") UUID approvalId, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Approvals.Approval approval = this.transactions.inWorkspace(ws, () -> this.approvals.find(ws, approvalId))
			.orElseThrow(() -> ApiException.notFound("approval", approvalId.toString()));
		return ApiResponse.of(approval, ResponseMeta.single(millis(started), false));
	}

	@PostMapping("/api/v1/approvals/{approval_id}/approve")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<ApiResponse<DecisionResponse>> approve(@PathVariable("approval_id") UUID approvalId,
			@Valid @RequestBody(required = false) DecisionRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		Approvals.Approval approval = require(caller.workspaceId(), approvalId);
		Caller effective = (approval.agentId() != null) ? this.roles.forAgent(caller, approval.agentId())
				: this.roles.forDepartment(caller, approval.department());
		ActionRecord decision = this.actions.run(effective, DecideActions.Approve.TYPE,
				new ApprovalDecision(approvalId, (body != null) ? body.comment() : null), key);
		Map<?, ?> result = (Map<?, ?>) decision.result();
		ActionRecord applied = null;
		String applyError = null;
		if (Boolean.TRUE.equals(result.get("transitioned"))) {
			try {
				applied = applyApproved(this.actions, effective, approval);
			}
			catch (ApiException ex) {
				// the approval stands; the change did not apply (e.g. the configuration moved meanwhile)
				applyError = ex.getMessage();
			}
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(new DecisionResponse(String.valueOf(result.get("status")), decision, applied, applyError),
					ResponseMeta.single(millis(started), false)));
	}

	@PostMapping("/api/v1/approvals/{approval_id}/reject")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<ApiResponse<DecisionResponse>> reject(@PathVariable("approval_id") UUID approvalId,
			@Valid @RequestBody(required = false) DecisionRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		Approvals.Approval approval = require(caller.workspaceId(), approvalId);
		Caller effective = (approval.agentId() != null) ? this.roles.forAgent(caller, approval.agentId())
				: this.roles.forDepartment(caller, approval.department());
		ActionRecord decision = this.actions.run(effective, DecideActions.Reject.TYPE,
				new ApprovalDecision(approvalId, (body != null) ? body.comment() : null), key);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(new DecisionResponse("rejected", decision, null, null),
					ResponseMeta.single(millis(started), false)));
	}

	/** Applies an approved change: one action per approval (its Idempotency-Key is derived from the approval). */
	@SuppressWarnings("unchecked")
	static ActionRecord applyApproved(ActionRunner actions, Caller caller, Approvals.Approval approval) {
		Map<String, Object> params = approval.actionParams();
		ProposedChange change = new ProposedChange(String.valueOf(params.get("agent_id")),
				(Map<String, Object>) params.get("changes"), (String) params.get("reason"), approval.id());
		return actions.run(caller, ProposeChangeAction.TYPE, change, "approval-apply:" + approval.id());
	}

	private Approvals.Approval require(UUID ws, UUID approvalId) {
		return this.transactions.inWorkspace(ws, () -> this.approvals.find(ws, approvalId))
			.orElseThrow(() -> ApiException.notFound("approval", approvalId.toString()));
	}

	private static long millis(long started) {
		return ResponseMeta.millisSince(started);
	}

}
