package com.agentobs.evaluation.online;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: stops a queued or running backfill after its current page (what it wrote stays).
 * Inverse: queue it again; it resumes from its cursor.
 */
@Component
class CancelBackfillAction implements ActionHandler<CancelBackfillAction.Ref, CancelBackfillAction.Ref> {

	static final String TYPE = "evaluation.backfill_cancel";

	record Ref(UUID backfillId) {
	}

	private final BackfillStore backfills;

	CancelBackfillAction(BackfillStore backfills) {
		this.backfills = backfills;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Ref> paramsType() {
		return Ref.class;
	}

	@Override
	public Class<Ref> inverseType() {
		return Ref.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Ref p) {
		Backfill run = this.backfills.find(context.workspaceId(), p.backfillId())
			.orElseThrow(() -> ApiException.notFound("backfill", p.backfillId().toString()));
		if (!run.active()) {
			throw ApiException.conflict("Backfill " + run.backfillId() + " is " + run.status());
		}
		return new ActionTarget(ActionScope.FLEET, "evaluation_backfill", run.backfillId().toString());
	}

	@Override
	public ActionOutcome<Ref> execute(ActionContext context, Ref p) {
		UUID ws = context.workspaceId();
		Backfill run = this.backfills.lock(ws, p.backfillId())
			.orElseThrow(() -> ApiException.notFound("backfill", p.backfillId().toString()));
		if (!run.active()) {
			throw ApiException.conflict("Backfill " + run.backfillId() + " is " + run.status());
		}
		this.backfills.setStatus(ws, run.backfillId(), Backfill.CANCELLED, null);
		return ActionOutcome.of(Map.of("backfill_id", run.backfillId().toString(), "status", Backfill.CANCELLED,
				"processed_traces", run.processedTraces()), new Ref(run.backfillId()));
	}

	@Override
	public Object revert(ActionContext context, Ref inverse) {
		UUID ws = context.workspaceId();
		Backfill run = this.backfills.lock(ws, inverse.backfillId())
			.orElseThrow(() -> ApiException.notFound("backfill", inverse.backfillId().toString()));
		if (!Backfill.CANCELLED.equals(run.status())) {
			throw ApiException.conflict("Backfill " + run.backfillId() + " is " + run.status());
		}
		if (this.backfills.hasActive(ws, run.ruleId())) {
			throw ApiException.conflict("Rule " + run.ruleId() + " already has another backfill queued or running");
		}
		this.backfills.setStatus(ws, run.backfillId(), Backfill.QUEUED, null);
		return Map.of("backfill_id", run.backfillId().toString(), "status", Backfill.QUEUED);
	}

}
