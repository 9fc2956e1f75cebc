package com.agentobs.alert.system;

import java.util.UUID;

/** The inverse of creating or deleting a definition (rule, SLO, channel): its deleted flag before the action. */
public record SoftDelete(UUID id, boolean deleted) {
}
