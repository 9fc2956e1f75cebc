package com.agentobs.guardrail.configuration.rbac;

import java.time.Clock;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Role;

import org.springframework.stereotype.Component;

/** {@value #TYPE} (admin): revokes a grant at once. Undo reinstates it (its expiry still applies). */
@Component
class RevokeRoleAction implements ActionHandler<AssignmentRef, AssignmentRef> {

	static final String TYPE = "role.revoke";

	private final RoleAssignments assignments;

	private final Clock clock;

	RevokeRoleAction(RoleAssignments assignments, Clock clock) {
		this.assignments = assignments;
		this.clock = clock;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<AssignmentRef> paramsType() {
		return AssignmentRef.class;
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
	public ActionTarget prepare(ActionContext context, AssignmentRef p) {
		if (p.assignmentId() == null) {
			throw ApiException.validation("assignment_id", "is required");
		}
		RoleAssignments.Assignment a = this.assignments.find(context.workspaceId(), p.assignmentId(), this.clock.instant())
			.orElseThrow(() -> ApiException.notFound("role_assignment", p.assignmentId().toString()));
		if (a.revokedAt() != null) {
			throw new ApiException(ErrorCode.CONFLICT, "The assignment is already revoked",
					Map.of("assignment_id", a.id().toString()));
		}
		return new ActionTarget(ActionScope.FLEET, "user", a.userId().toString());
	}

	@Override
	public ActionOutcome<AssignmentRef> execute(ActionContext context, AssignmentRef p) {
		this.assignments.lock(context.workspaceId(), p.assignmentId());
		this.assignments.setRevoked(context.workspaceId(), p.assignmentId(), this.clock.instant(),
				context.actorSubject());
		return ActionOutcome.of(Map.of("assignment_id", p.assignmentId(), "revoked", true), p);
	}

	@Override
	public Object revert(ActionContext context, AssignmentRef inverse) {
		this.assignments.lock(context.workspaceId(), inverse.assignmentId());
		this.assignments.setRevoked(context.workspaceId(), inverse.assignmentId(), null, null);
		return Map.of("assignment_id", inverse.assignmentId(), "revoked", false);
	}

}
