package com.agentobs.guardrail.configuration.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduled approval pass: pending approvals past their expiry become {@code expired}; an
 * approved change left unapplied for a minute (the process died between the final approval and
 * the apply) is applied by the system, through the same once-only apply action.
 */
@Component
public class ApprovalSweeper {

	private static final Logger log = LoggerFactory.getLogger(ApprovalSweeper.class);

	private static final String WORKSPACES = "SELECT agentobs_configuration_workspaces()";

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final Approvals approvals;

	private final ActionRunner actions;

	private final Clock clock;

	ApprovalSweeper(WorkspaceTransactions transactions, JdbcClient jdbc, Approvals approvals, ActionRunner actions,
			Clock clock) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.approvals = approvals;
		this.actions = actions;
		this.clock = clock;
	}

	public int sweepAll() {
		int touched = 0;
		for (UUID ws : this.jdbc.sql(WORKSPACES).query(UUID.class).list()) {
			touched += sweep(ws);
		}
		return touched;
	}

	public int sweep(UUID ws) {
		Instant now = this.clock.instant();
		int expired = this.transactions.inWorkspace(ws, () -> this.approvals.expireDue(ws, now));
		var unapplied = this.transactions.inWorkspace(ws,
				() -> this.approvals.approvedUnapplied(ws, now.minus(Duration.ofMinutes(1))));
		Caller system = new Caller("system:approvals", null, ws, Role.ADMIN, false, Set.of());
		int applied = 0;
		for (UUID id : unapplied) {
			try {
				Approvals.Approval approval = this.transactions.inWorkspace(ws, () -> this.approvals.find(ws, id))
					.orElseThrow();
				ApprovalsController.applyApproved(this.actions, system, approval);
				applied++;
			}
			catch (RuntimeException ex) {
				log.info("Approved change {} could not be applied: {} [workspace_id={}]", id, ex.getMessage(), ws);
			}
		}
		return expired + applied;
	}

}
