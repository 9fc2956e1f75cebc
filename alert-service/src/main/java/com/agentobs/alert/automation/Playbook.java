package com.agentobs.alert.automation;

import java.time.Instant;
import java.util.UUID;

/** A stored playbook: its current definition and state. */
public record Playbook(UUID playbookId, PlaybookDefinition definition, boolean enabled, int version,
		Instant nextRunAt, Instant lastTriggeredAt, String createdBy, Instant createdAt, Instant updatedAt) {

}
