package com.agentobs.contracts.action;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

// POST /api/v1/{resource}/{id}/{verb} (201), GET /api/v1/actions[/{action_id}]
/**
 * One row of the audit trail, as answered by every action endpoint
 * ({@code action_id}, {@code status}, {@code result}, {@code rollback_available}) and by
 * the audit-trail reads.
 */
public record ActionRecord(UUID actionId, String actionType, String actionScope, String status, String actorType,
		UUID actorUserId, String actorSubject, String targetType, String targetId, Map<String, Object> actionParams,
		Object result, UUID rollbackActionId, boolean rollbackAvailable, Instant createdAt, Instant updatedAt,
		Instant completedAt) {

}
