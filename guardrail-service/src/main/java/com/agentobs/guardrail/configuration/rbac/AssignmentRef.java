package com.agentobs.guardrail.configuration.rbac;

import java.util.UUID;

/** {@code action_params} of {@code role.revoke}, and the inverse of both RBAC actions: one assignment. */
record AssignmentRef(UUID assignmentId, String reason) {

}
