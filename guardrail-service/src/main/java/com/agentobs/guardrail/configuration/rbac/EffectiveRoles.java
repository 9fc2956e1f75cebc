package com.agentobs.guardrail.configuration.rbac;

import java.time.Clock;
import java.util.UUID;

import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The effective role: the highest of the workspace role (the token's) and every grant in force
 * (not revoked, started, not expired) that is workspace-wide or scoped to the target's department.
 * Guardrail's configuration actions run with it; other services still use the token's role.
 */
@Component
public class EffectiveRoles {

	private static final String AGENT_DEPARTMENT = """
			SELECT d.department_code FROM agents a JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws AND a.agent_id = :agent""";

	private final WorkspaceTransactions transactions;

	private final RoleAssignments assignments;

	private final JdbcClient jdbc;

	private final Clock clock;

	EffectiveRoles(WorkspaceTransactions transactions, RoleAssignments assignments, JdbcClient jdbc, Clock clock) {
		this.transactions = transactions;
		this.assignments = assignments;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** {@code base} raised by the grants in force for {@code department} (null: workspace-wide grants only). */
	public Role effective(UUID ws, UUID userId, Role base, String department) {
		Role best = base;
		if (userId == null) {
			return best;
		}
		for (String code : this.assignments.rolesInForce(ws, userId, department, this.clock.instant())) {
			Role granted = Role.fromCode(code).orElse(Role.VIEWER);
			if (granted.atLeast(best)) {
				best = granted;
			}
		}
		return best;
	}

	/** The caller with its effective role for the agent's department (agents' own keys are never raised). */
	public Caller forAgent(Caller caller, String agentKey) {
		if (caller.agent() || caller.userId() == null) {
			return caller;
		}
		UUID ws = caller.workspaceId();
		Role role = this.transactions.inWorkspace(ws, () -> {
			String department = this.jdbc.sql(AGENT_DEPARTMENT)
				.param("ws", ws)
				.param("agent", agentKey)
				.query(String.class)
				.optional()
				.orElse(null);
			return effective(ws, caller.userId(), caller.role(), department);
		});
		return withRole(caller, role);
	}

	/** The caller with its effective role for a department (null: workspace-wide grants only). */
	public Caller forDepartment(Caller caller, String department) {
		if (caller.agent() || caller.userId() == null) {
			return caller;
		}
		UUID ws = caller.workspaceId();
		Role role = this.transactions.inWorkspace(ws, () -> effective(ws, caller.userId(), caller.role(), department));
		return withRole(caller, role);
	}

	private static Caller withRole(Caller caller, Role role) {
		return (role == caller.role()) ? caller
				: new Caller(caller.subject(), caller.userId(), caller.workspaceId(), role, caller.agent(),
						caller.permissions());
	}

}
