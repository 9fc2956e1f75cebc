package com.agentobs.guardrail.configuration.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.configuration.rbac.EffectiveRoles;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Drift reads (the 10.1 matrix), a check on demand, and the reconcile action. */
@RestController
class DriftController {

	// POST /api/v1/agents/{agent_id}/reconcile
	record ReconcileRequest(@Size(max = 30) String driftKind, @Size(max = 1000) String reason) {
	}

	// GET /api/v1/config/drift-ignore-rules
	record IgnoreRuleResponse(UUID id, String path, String environment, String agentKey, String reason) {
	}

	private final WorkspaceTransactions transactions;

	private final DriftFindings findings;

	private final IgnoreRules ignoreRules;

	private final DriftChecker checker;

	private final ActionRunner actions;

	private final EffectiveRoles roles;

	DriftController(WorkspaceTransactions transactions, DriftFindings findings, IgnoreRules ignoreRules,
			DriftChecker checker, ActionRunner actions, EffectiveRoles roles) {
		this.transactions = transactions;
		this.findings = findings;
		this.ignoreRules = ignoreRules;
		this.checker = checker;
		this.actions = actions;
		this.roles = roles;
	}

	// GET /api/v1/config/drift
	@GetMapping("/api/v1/config/drift")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<DriftFindings.Row>> drift(StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<DriftFindings.Row> rows = this.transactions.inWorkspace(ws,
				() -> this.findings.list(ws, filters.department(), filters.environment()));
		return ApiResponse.of(rows, ResponseMeta.page(millis(started), false, rows.size(), 1, Math.max(rows.size(), 1)),
				applied(ws, filters));
	}

	@GetMapping("/api/v1/config/drift-ignore-rules")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<IgnoreRuleResponse>> ignoreRules(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<IgnoreRuleResponse> rules = this.transactions.inWorkspace(ws, () -> this.ignoreRules.all(ws))
			.stream()
			.map((r) -> new IgnoreRuleResponse(r.id(), r.path(), r.environment(), r.agentKey(), r.reason()))
			.toList();
		return ApiResponse.of(rules, ResponseMeta.single(millis(started), false));
	}

	/** Runs a drift check of the workspace now (the schedule runs one every drift interval). */
	@PostMapping("/api/v1/config/drift/check")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<DriftChecker.Result> check(Caller caller) {
		long started = System.nanoTime();
		DriftChecker.Result result = this.checker.check(caller.workspaceId());
		return ApiResponse.of(result, ResponseMeta.single(millis(started), false));
	}

	@PostMapping("/api/v1/agents/{agent_id}/reconcile")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<ApiResponse<ActionRecord>> reconcile(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) ReconcileRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		Caller effective = this.roles.forAgent(caller, agentId);
		ActionRecord record = this.actions.run(effective, ReconcileDriftAction.TYPE,
				new Reconcile(agentId, (body != null) ? body.driftKind() : null, (body != null) ? body.reason() : null),
				key);
		return ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.of(record,
				ResponseMeta.single(millis(started), false)));
	}

	private static Map<String, Object> applied(UUID ws, StandardFilters filters) {
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", ws.toString());
		applied.put("department", filters.department());
		applied.put("environment", filters.environment());
		return applied;
	}

	private static long millis(long started) {
		return ResponseMeta.millisSince(started);
	}

}
