package com.agentobs.contracts.action;

import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

/** Reads of the audit trail, scoped to the caller's workspace. */
public class ActionTrail {

	private final WorkspaceTransactions transactions;

	private final ActionAuditLog audit;

	ActionTrail(WorkspaceTransactions transactions, ActionAuditLog audit) {
		this.transactions = transactions;
		this.audit = audit;
	}

	/** One action; 404 when it does not exist in the caller's workspace. */
	public ActionRecord find(Caller caller, UUID actionId) {
		return this.transactions.inWorkspace(caller.workspaceId(), () -> this.audit.find(caller.workspaceId(), actionId))
			.orElseThrow(() -> ApiException.notFound("action", actionId.toString()));
	}

	/** Newest first, cursor-paged. */
	public ActionPage list(Caller caller, ActionQuery query) {
		return this.transactions.inWorkspace(caller.workspaceId(), () -> this.audit.list(caller.workspaceId(), query));
	}

}
