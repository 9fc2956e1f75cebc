package com.agentobs.contracts.action;

import java.time.Instant;

import com.agentobs.contracts.error.ApiException;

/**
 * Filters of the audit trail ({@code GET /api/v1/actions}); every one optional except the
 * time window. {@code agentId} matches actions whose target is that agent; {@code actor}
 * matches the actor's user id or token subject.
 */
public record ActionQuery(String agentId, String actionType, String actor, String status, Instant from, Instant to,
		int limit, String cursor) {

	public ActionQuery {
		if (actionType != null && !actionType.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*")) {
			throw ApiException.validation("action_type", "must look like '{resource}.{verb}', e.g. agent.pause");
		}
		if (status != null && ActionStatus.fromCode(status).isEmpty()) {
			throw ApiException.validation("status", "is not an action status", ActionStatus.CODES);
		}
		if (actor != null && actor.length() > 255) {
			throw ApiException.validation("actor", "is longer than 255 characters");
		}
	}

}
