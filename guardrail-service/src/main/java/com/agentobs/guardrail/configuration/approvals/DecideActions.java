package com.agentobs.guardrail.configuration.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * {@code approval.approve} and {@code approval.reject} (operator). Nobody approves their own change,
 * whatever their role (403 {@code SELF_APPROVAL}); an expired approval answers 409; each person
 * decides once. Decisions on one approval serialise on its row lock: the approval that reaches the
 * required count turns it {@code approved} ({@code transitioned}: the caller then applies it once).
 */
final class DecideActions {

	private DecideActions() {
	}

	static ActionTarget target(Approvals.Approval a) {
		return (a.agentId() != null) ? ActionTarget.agent(a.agentId())
				: new ActionTarget(ActionScope.FLEET, "approval", a.id().toString());
	}

	static Approvals.Approval decidable(Approvals approvals, ActionContext context, ApprovalDecision p, Instant now,
			boolean approving) {
		if (p.approvalId() == null) {
			throw ApiException.validation("approval_id", "is required");
		}
		Approvals.Approval a = approvals.find(context.workspaceId(), p.approvalId())
			.orElseThrow(() -> ApiException.notFound("approval", p.approvalId().toString()));
		if (approving && (Objects.equals(a.requestedBySubject(), context.actorSubject()))) {
			throw new ApiException(ErrorCode.SELF_APPROVAL, "You cannot approve a change you requested",
					Map.of("approval_id", a.id().toString()));
		}
		requireOpen(a, now);
		if (approvals.hasDecided(context.workspaceId(), a.id(), context.actorSubject())) {
			throw new ApiException(ErrorCode.CONFLICT, "You have already decided on this approval",
					Map.of("approval_id", a.id().toString()));
		}
		return a;
	}

	static void requireOpen(Approvals.Approval a, Instant now) {
		if ("pending".equals(a.status()) && !now.isBefore(a.expiresAt())) {
			throw new ApiException(ErrorCode.CONFLICT, "The approval expired at " + a.expiresAt(),
					Map.of("approval_id", a.id().toString(), "status", "expired"));
		}
		if (!"pending".equals(a.status())) {
			throw new ApiException(ErrorCode.CONFLICT, "The approval is " + a.status(),
					Map.of("approval_id", a.id().toString(), "status", a.status()));
		}
	}

	/** What approve and reject share: the decision as params and inverse, and the checks before recording. */
	abstract static class Decide implements ActionHandler<ApprovalDecision, ApprovalDecision> {

		final Approvals approvals;

		final Clock clock;

		private final String type;

		private final boolean approving;

		Decide(String type, boolean approving, Approvals approvals, Clock clock) {
			this.type = type;
			this.approving = approving;
			this.approvals = approvals;
			this.clock = clock;
		}

		public String type() {
			return this.type;
		}

		public Class<ApprovalDecision> paramsType() {
			return ApprovalDecision.class;
		}

		public Class<ApprovalDecision> inverseType() {
			return ApprovalDecision.class;
		}

		public ActionTarget prepare(ActionContext context, ApprovalDecision p) {
			return target(decidable(this.approvals, context, p, this.clock.instant(), this.approving));
		}

		/** Records this caller's {@code decision} on the approval, with the comment and the action. */
		void record(ActionContext context, Approvals.Approval approval, String decision, ApprovalDecision p) {
			this.approvals.decide(context.workspaceId(), approval.id(), decision, context.actorUserId(),
					context.actorSubject(), p.comment(), context.actionId());
		}

	}

	@Component
	static class Approve extends Decide {

		static final String TYPE = "approval.approve";

		Approve(Approvals approvals, Clock clock) {
			super(TYPE, true, approvals, clock);
		}

		public ActionOutcome<ApprovalDecision> execute(ActionContext context, ApprovalDecision p) {
			Instant now = this.clock.instant();
			Approvals.Approval locked = this.approvals.lock(context.workspaceId(), p.approvalId()).orElseThrow();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("approval_id", locked.id());
			if ("approved".equals(locked.status())) {
				// another approver completed it while this one waited for the lock: recorded, nothing more to do
				record(context, locked, "approve", p);
				result.put("status", "approved");
				result.put("transitioned", false);
				return ActionOutcome.irreversible(result);
			}
			requireOpen(locked, now);
			record(context, locked, "approve", p);
			Approvals.Approval after = this.approvals.find(context.workspaceId(), locked.id()).orElseThrow();
			boolean complete = after.approvals() >= after.requiredApprovals();
			if (complete) {
				this.approvals.setStatus(context.workspaceId(), locked.id(), "approved", now);
			}
			result.put("status", complete ? "approved" : "pending");
			result.put("approvals", after.approvals());
			result.put("required_approvals", after.requiredApprovals());
			result.put("transitioned", complete);
			return ActionOutcome.irreversible(result);
		}

		public Object revert(ActionContext context, ApprovalDecision inverse) {
			throw new ApiException(ErrorCode.CONFLICT, "An approval cannot be taken back", Map.of());
		}

	}

	@Component
	static class Reject extends Decide {

		static final String TYPE = "approval.reject";

		Reject(Approvals approvals, Clock clock) {
			super(TYPE, false, approvals, clock);
		}

		public ActionOutcome<ApprovalDecision> execute(ActionContext context, ApprovalDecision p) {
			Instant now = this.clock.instant();
			Approvals.Approval locked = this.approvals.lock(context.workspaceId(), p.approvalId()).orElseThrow();
			requireOpen(locked, now);
			record(context, locked, "reject", p);
			this.approvals.setStatus(context.workspaceId(), locked.id(), "rejected", now);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("approval_id", locked.id());
			result.put("status", "rejected");
			return ActionOutcome.irreversible(result);
		}

		public Object revert(ActionContext context, ApprovalDecision inverse) {
			throw new ApiException(ErrorCode.CONFLICT, "A rejection cannot be taken back", Map.of());
		}

	}

}
