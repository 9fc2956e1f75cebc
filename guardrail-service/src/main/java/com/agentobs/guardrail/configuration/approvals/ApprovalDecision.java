package com.agentobs.guardrail.configuration.approvals;

import java.util.UUID;

/** {@code action_params} of {@code approval.approve} / {@code approval.reject}, and the inverse of {@code approval.request}. */
record ApprovalDecision(UUID approvalId, String comment) {

}
