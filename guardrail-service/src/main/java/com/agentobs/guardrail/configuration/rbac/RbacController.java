package com.agentobs.guardrail.configuration.rbac;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Role grants: list, the 10.6 matrix, the effective role, and assign / revoke (admin actions). */
@RestController
class RbacController {

	// POST /api/v1/rbac/assignments
	record AssignRequest(@NotNull UUID userId, @NotNull @Size(max = 20) String role,
			@Size(max = 50) String departmentCode, Instant startsAt, Instant expiresAt, @Size(max = 1000) String reason) {
	}

	// POST /api/v1/rbac/assignments/{assignment_id}/revoke
	record RevokeRequest(@Size(max = 1000) String reason) {
	}

	// GET /api/v1/rbac/matrix (one row)
	record MatrixRow(UUID userId, String email, String displayName, String baseRole, String effectiveRole,
			List<RoleAssignments.Assignment> grants) {
	}

	// GET /api/v1/rbac/effective-role
	record EffectiveRole(UUID userId, String departmentCode, String baseRole, String effectiveRole) {
	}

	private final WorkspaceTransactions transactions;

	private final RoleAssignments assignments;

	private final EffectiveRoles roles;

	private final ActionRunner actions;

	private final Clock clock;

	RbacController(WorkspaceTransactions transactions, RoleAssignments assignments, EffectiveRoles roles,
			ActionRunner actions, Clock clock) {
		this.transactions = transactions;
		this.assignments = assignments;
		this.roles = roles;
		this.actions = actions;
		this.clock = clock;
	}

	// GET /api/v1/rbac/assignments
	@GetMapping("/api/v1/rbac/assignments")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<RoleAssignments.Assignment>> assignments(
			@RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<RoleAssignments.Assignment> list = this.transactions.inWorkspace(ws,
				() -> this.assignments.list(ws, includeInactive, this.clock.instant()));
		return ApiResponse.of(list, ResponseMeta.page(millis(started), false, list.size(), 1, Math.max(1, list.size())),
				Map.of("workspace_id", ws.toString(), "include_inactive", includeInactive));
	}

	/** Users × roles × scope: each member's base role, grants in force and workspace-wide effective role. */
	@GetMapping("/api/v1/rbac/matrix")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<MatrixRow>> matrix(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<MatrixRow> rows = this.transactions.inWorkspace(ws, () -> {
			Map<UUID, List<RoleAssignments.Assignment>> grants = new LinkedHashMap<>();
			for (RoleAssignments.Assignment a : this.assignments.list(ws, false, this.clock.instant())) {
				grants.computeIfAbsent(a.userId(), (k) -> new ArrayList<>()).add(a);
			}
			List<MatrixRow> out = new ArrayList<>();
			for (RoleAssignments.Member m : this.assignments.members(ws)) {
				Role base = Role.fromCode(m.baseRole()).orElse(Role.VIEWER);
				Role effective = this.roles.effective(ws, m.userId(), base, null);
				out.add(new MatrixRow(m.userId(), m.email(), m.displayName(), m.baseRole(), effective.code(),
						grants.getOrDefault(m.userId(), List.of())));
			}
			return out;
		});
		return ApiResponse.of(rows, ResponseMeta.page(millis(started), false, rows.size(), 1, Math.max(1, rows.size())),
				Map.of("workspace_id", ws.toString()));
	}

	@GetMapping("/api/v1/rbac/effective-role")
	@RequiresRole(Role.VIEWER)
	ApiResponse<EffectiveRole> effectiveRole(@RequestParam(name = "user_id", required = false) UUID userId,
			@RequestParam(name = "department", required = false) String department, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		UUID user = (userId != null) ? userId : caller.userId();
		if (user == null) {
			throw ApiException.validation("user_id", "is required for a caller that is not a user");
		}
		EffectiveRole result = this.transactions.inWorkspace(ws, () -> {
			String base = this.assignments.baseRole(ws, user)
				.orElseThrow(() -> ApiException.notFound("workspace_member", user.toString()));
			Role effective = this.roles.effective(ws, user, Role.fromCode(base).orElse(Role.VIEWER), department);
			return new EffectiveRole(user, department, base, effective.code());
		});
		return ApiResponse.of(result, ResponseMeta.single(millis(started), false));
	}

	@PostMapping("/api/v1/rbac/assignments")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> assign(@Valid @RequestBody AssignRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, AssignRoleAction.TYPE, new RoleGrant(body.userId(), body.role(),
				body.departmentCode(), body.startsAt(), body.expiresAt(), body.reason()), key);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(record, ResponseMeta.single(millis(started), false)));
	}

	@PostMapping("/api/v1/rbac/assignments/{assignment_id}/revoke")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> revoke(@PathVariable("assignment_id") UUID assignmentId,
			@Valid @RequestBody(required = false) RevokeRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, RevokeRoleAction.TYPE,
				new AssignmentRef(assignmentId, (body != null) ? body.reason() : null), key);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(record, ResponseMeta.single(millis(started), false)));
	}

	private static long millis(long started) {
		return ResponseMeta.millisSince(started);
	}

}
