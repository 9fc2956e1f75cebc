package com.agentobs.alert.incidents;

import java.time.Instant;
import java.util.UUID;

/** An incident's lifecycle fields: what a transition changes and what its rollback restores. */
record IncidentState(UUID incidentId, String status, String severity, String assignee, Instant detectedAt,
		Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt, Instant closedAt) {
}
