package com.agentobs.guardrail.configuration.rbac;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@value #TYPE} (admin): grants a role, workspace-wide or in one department, optionally time-boxed. Undo revokes it. */
@Component
class AssignRoleAction implements ActionHandler<RoleGrant, AssignmentRef> {

	static final String TYPE = "role.assign";

	private static final String MEMBER = "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = :ws AND user_id = :user";

	private static final String DEPARTMENT = """
			SELECT COUNT(*) FROM departments WHERE workspace_id = :ws AND department_code = :code""";

	private final RoleAssignments assignments;

	private final JdbcClient jdbc;

	private final Clock clock;

	AssignRoleAction(RoleAssignments assignments, JdbcClient jdbc, Clock clock) {
		this.assignments = assignments;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RoleGrant> paramsType() {
		return RoleGrant.class;
	}

	@Override
	public Class<AssignmentRef> inverseType() {
		return AssignmentRef.class;
	}

	@Override
	public Role requiredRole() {
		return Role.ADMIN;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RoleGrant p) {
		UUID ws = context.workspaceId();
		if (p.userId() == null) {
			throw ApiException.validation("user_id", "is required");
		}
		if (p.role() == null || Role.fromCode(p.role()).isEmpty()) {
			throw ApiException.validation("role", "unknown role", Role.CODES);
		}
		if (this.jdbc.sql(MEMBER).param("ws", ws).param("user", p.userId()).query(Long.class).single() == 0) {
			throw ApiException.notFound("workspace_member", p.userId().toString());
		}
		if (p.departmentCode() != null && this.jdbc.sql(DEPARTMENT)
			.param("ws", ws)
			.param("code", p.departmentCode())
			.query(Long.class)
			.single() == 0) {
			throw ApiException.validation("department_code", "unknown department");
		}
		Instant starts = (p.startsAt() != null) ? p.startsAt() : this.clock.instant();
		if (p.expiresAt() != null && !p.expiresAt().isAfter(starts)) {
			throw ApiException.validation("expires_at", "must be after starts_at");
		}
		return new ActionTarget(ActionScope.FLEET, "user", p.userId().toString());
	}

	@Override
	public ActionOutcome<AssignmentRef> execute(ActionContext context, RoleGrant p) {
		Instant starts = (p.startsAt() != null) ? p.startsAt() : this.clock.instant();
		UUID id = this.assignments.insert(context.workspaceId(), p.userId(), p.role(), p.departmentCode(), starts,
				p.expiresAt(), p.reason(), context.actorSubject());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("assignment_id", id);
		result.put("user_id", p.userId());
		result.put("role", p.role());
		result.put("department_code", p.departmentCode());
		result.put("expires_at", p.expiresAt());
		return ActionOutcome.of(result, new AssignmentRef(id, null));
	}

	@Override
	public Object revert(ActionContext context, AssignmentRef inverse) {
		this.assignments.lock(context.workspaceId(), inverse.assignmentId());
		this.assignments.setRevoked(context.workspaceId(), inverse.assignmentId(), this.clock.instant(),
				context.actorSubject());
		return Map.of("assignment_id", inverse.assignmentId(), "revoked", true);
	}

}
