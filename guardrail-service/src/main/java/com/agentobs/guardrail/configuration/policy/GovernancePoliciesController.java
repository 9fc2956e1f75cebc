package com.agentobs.guardrail.configuration.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Governance policies (CEL), their compliance (10.4) and the policy actions. */
@RestController
class GovernancePoliciesController {

	// POST /api/v1/policies, PUT /api/v1/policies/{policy_id}
	record PolicyRequest(@Size(max = 128) String name, @Size(max = 2000) String description,
			@Size(max = 4000) String changeRule, @Size(max = 4000) String complianceRule, String effect,
			Integer requiredApprovals, String severity, Map<String, List<String>> scope, String mode,
			Boolean isActive) {
	}

	// POST /api/v1/policies/{policy_id}/enforce
	record EnforceRequest(@NotNull String mode) {
	}

	// GET /api/v1/policies/compliance
	record ComplianceResponse(Double overallPct, long evaluated, long compliant, List<PolicyCompliance> byPolicy,
			List<DepartmentCompliance> byDepartment, List<ComplianceQueries.Cell> cells,
			List<ComplianceQueries.Violation> violations, Instant evaluatedAt) {
	}

	record PolicyCompliance(UUID policyId, String name, String severity, String effect, long evaluated, long compliant,
			Double pct) {
	}

	record DepartmentCompliance(String department, long evaluated, long compliant, Double pct) {
	}

	private final WorkspaceTransactions transactions;

	private final GovernancePolicies store;

	private final ComplianceQueries compliance;

	private final ActionRunner actions;

	GovernancePoliciesController(WorkspaceTransactions transactions, GovernancePolicies store, ComplianceQueries compliance,
			ActionRunner actions) {
		this.transactions = transactions;
		this.store = store;
		this.compliance = compliance;
		this.actions = actions;
	}

	// GET /api/v1/policies
	@GetMapping("/api/v1/policies")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<GovernancePolicies.Policy>> list(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<GovernancePolicies.Policy> list = this.transactions.inWorkspace(ws, () -> this.store.all(ws));
		return ApiResponse.of(list, ResponseMeta.page(millis(started), false, list.size(), 1, Math.max(1, list.size())),
				Map.of("workspace_id", ws.toString()));
	}

	@GetMapping("/api/v1/policies/compliance")
	@RequiresRole(Role.VIEWER)
	ApiResponse<ComplianceResponse> compliance(StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		record Read(List<ComplianceQueries.Cell> cells, List<ComplianceQueries.Violation> violations, Instant at) {
		}
		Read read = this.transactions.inWorkspace(ws,
				() -> new Read(this.compliance.cells(ws, filters.department(), filters.environment()),
						this.compliance.violations(ws, filters.department(), filters.environment()),
						this.compliance.lastEvaluated(ws)));
		Map<UUID, PolicyCompliance> byPolicy = new LinkedHashMap<>();
		Map<String, long[]> byDepartment = new TreeMap<>();
		long evaluated = 0;
		long compliant = 0;
		for (ComplianceQueries.Cell c : read.cells()) {
			PolicyCompliance p = byPolicy.get(c.policyId());
			long e = c.evaluated() + ((p != null) ? p.evaluated() : 0);
			long k = c.compliant() + ((p != null) ? p.compliant() : 0);
			byPolicy.put(c.policyId(), new PolicyCompliance(c.policyId(), c.policyName(), c.severity(), c.effect(), e, k,
					pct(k, e)));
			long[] d = byDepartment.computeIfAbsent(c.department(), (x) -> new long[2]);
			d[0] += c.evaluated();
			d[1] += c.compliant();
			evaluated += c.evaluated();
			compliant += c.compliant();
		}
		List<DepartmentCompliance> departments = new ArrayList<>();
		byDepartment.forEach((d, v) -> departments.add(new DepartmentCompliance(d, v[0], v[1], pct(v[1], v[0]))));
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", ws.toString());
		applied.put("department", filters.department());
		applied.put("environment", filters.environment());
		return ApiResponse.of(new ComplianceResponse(pct(compliant, evaluated), evaluated, compliant,
				List.copyOf(byPolicy.values()), departments, read.cells(), read.violations(), read.at()),
				ResponseMeta.single(millis(started), false), applied);
	}

	@PostMapping("/api/v1/policies")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> create(@Valid @RequestBody PolicyRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, GovernancePolicyActions.Create.TYPE, draft(null, body), key);
	}

	@PutMapping("/api/v1/policies/{policy_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("policy_id") UUID policyId,
			@Valid @RequestBody PolicyRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, GovernancePolicyActions.Update.TYPE, draft(policyId, body), key);
	}

	@PostMapping("/api/v1/policies/{policy_id}/enforce")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> enforce(@PathVariable("policy_id") UUID policyId,
			@Valid @RequestBody EnforceRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, GovernancePolicyActions.Enforce.TYPE,
				new PolicyDraft(policyId, null, null, null, null, null, null, null, null, body.mode(), null), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, PolicyDraft draft, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, draft, key);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(record, ResponseMeta.single(millis(started), false)));
	}

	private static PolicyDraft draft(UUID id, PolicyRequest b) {
		return new PolicyDraft(id, b.name(), b.description(), b.changeRule(), b.complianceRule(), b.effect(),
				b.requiredApprovals(), b.severity(), b.scope(), b.mode(), b.isActive());
	}

	static Double pct(long part, long whole) {
		return (whole == 0) ? null : Math.round(part * 1000.0 / whole) / 10.0;
	}

	private static long millis(long started) {
		return ResponseMeta.millisSince(started);
	}

}
