package com.agentobs.guardrail.configuration.rbac;

import java.time.Instant;
import java.util.UUID;

/** {@code action_params} of {@code role.assign}: a role for a user, optionally in one department and until a time. */
record RoleGrant(UUID userId, String role, String departmentCode, Instant startsAt, Instant expiresAt, String reason) {

}
