package com.agentobs.alert.alerts;

import java.time.Instant;
import java.util.UUID;

// GET /api/v1/alerts (items): Home 1.6 reads status=firing
/** An alert as the dashboards show it; {@code silenced} / {@code inhibited} say why it notified nobody. */
record AlertItem(UUID alertId, UUID ruleId, String ruleName, String ruleKind, String title, String severity,
		String status, String agentId, String department, String environment, Double value, Double threshold,
		Instant startedAt, Instant firedAt, Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy,
		boolean silenced, boolean inhibited, UUID incidentId) {
}
