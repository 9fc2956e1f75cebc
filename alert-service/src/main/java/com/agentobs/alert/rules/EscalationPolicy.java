package com.agentobs.alert.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

// GET /api/v1/alerts/escalation-policies (items)
/**
 * An escalation policy: an incident of {@code severity} still open (not acknowledged)
 * {@code afterMinutes} after it was detected notifies {@code channelIds} once, with a timeline
 * event. Several policies of one severity form a chain (e.g. the lead after 15 min, the head of
 * the team after 60 min). Only incidents detected after the policy was created escalate.
 */
public record EscalationPolicy(UUID policyId, String name, String severity, int afterMinutes, List<UUID> channelIds,
		boolean enabled, String createdBy, Instant createdAt) {

	public EscalationPolicy {
		channelIds = List.copyOf(channelIds);
	}

}
