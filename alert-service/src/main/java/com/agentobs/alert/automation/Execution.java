package com.agentobs.alert.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One run of a playbook (or a dry-run), with its steps when read in detail. */
public record Execution(UUID executionId, UUID playbookId, String playbookName, int playbookVersion, String mode,
		String status, String reason, String error, String triggerSource, String triggerKey,
		Map<String, Object> triggerPayload, String triggeredBy, UUID incidentId, int approvedThrough,
		String approvedBy, Instant approvalDeadline, String claimedBy, Instant scheduledFor, Instant queuedAt,
		Instant startedAt, Instant firstStepStartedAt, Instant finishedAt, Long durationMs, List<Step> steps) {

	public static final List<String> STATUSES = List.of("queued", "running", "awaiting_approval", "succeeded",
			"failed", "cancelled", "skipped", "rolled_back");

	boolean finished() {
		return List.of("succeeded", "failed", "cancelled", "skipped", "rolled_back").contains(this.status);
	}

	Execution withSteps(List<Step> list) {
		return new Execution(this.executionId, this.playbookId, this.playbookName, this.playbookVersion, this.mode,
				this.status, this.reason, this.error, this.triggerSource, this.triggerKey, this.triggerPayload,
				this.triggeredBy, this.incidentId, this.approvedThrough, this.approvedBy, this.approvalDeadline,
				this.claimedBy, this.scheduledFor, this.queuedAt, this.startedAt, this.firstStepStartedAt,
				this.finishedAt, this.durationMs, list);
	}

	/** One step of an execution: its action's idempotency key, audit row and log. */
	public record Step(int stepIndex, String actionType, Map<String, Object> params, String status,
			String idempotencyKey, UUID actionId, UUID rollbackActionId, String ownerService, int attempts,
			List<Object> log, String error, Instant startedAt, Instant finishedAt) {
	}

}
