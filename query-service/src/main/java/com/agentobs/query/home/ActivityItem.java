package com.agentobs.query.home;

import java.time.Instant;
import java.util.UUID;

// GET /api/v1/activity (one row)
record ActivityItem(UUID actionId, String actionType, String actionScope, String actorType, String targetType,
		String targetId, String status, Instant createdAt, Instant completedAt) {
}
