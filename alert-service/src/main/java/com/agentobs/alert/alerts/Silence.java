package com.agentobs.alert.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

// GET /api/v1/alerts/silences (items)
/** A silence: alerts whose labels contain every matcher notify nobody between {@code starts_at} and {@code ends_at}. */
record Silence(UUID silenceId, Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment,
		String createdBy, boolean active, long matchingFiring) {
}
