package com.agentobs.contracts.action;

import java.util.UUID;

import com.agentobs.contracts.security.Caller;

/**
 * What a handler knows while it runs: the workspace, the audit row's id ({@code null} while
 * preparing, before the row exists), the action type and the caller who asked for it.
 */
public record ActionContext(UUID workspaceId, UUID actionId, String actionType, Caller caller) {

	/** The actor's user id when it is a platform user, else {@code null}. */
	public UUID actorUserId() {
		return this.caller.userId();
	}

	/** The actor's token subject (a user id, {@code apikey:<id>}, an external OIDC subject). */
	public String actorSubject() {
		return this.caller.subject();
	}

}
