package com.agentobs.evaluation.online;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.rubric.RubricStore;
import com.agentobs.evaluation.scoring.EvaluationStore;
import com.agentobs.evaluation.scoring.TraceLoader;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: queues a run of one evaluator rule over the traces of a past window (the worker
 * scans it at most {@code rate_per_second}). One active run per rule. Inverse: cancel the run and
 * delete every evaluation it wrote (out of the rollup too).
 */
@Component
class StartBackfillAction implements ActionHandler<StartBackfillAction.Params, StartBackfillAction.Undo> {

	static final String TYPE = "evaluation.backfill";

	record Params(UUID ruleId, Instant from, Instant to, int ratePerSecond) {
	}

	record Undo(UUID backfillId) {
	}

	private final BackfillStore backfills;

	private final RuleStore rules;

	private final RubricStore rubrics;

	private final TraceLoader traces;

	private final EvaluationStore evaluations;

	private final BackfillProperties settings;

	StartBackfillAction(BackfillStore backfills, RuleStore rules, RubricStore rubrics, TraceLoader traces,
			EvaluationStore evaluations, BackfillProperties settings) {
		this.backfills = backfills;
		this.rules = rules;
		this.rubrics = rubrics;
		this.traces = traces;
		this.evaluations = evaluations;
		this.settings = settings;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Params> paramsType() {
		return Params.class;
	}

	@Override
	public Class<Undo> inverseType() {
		return Undo.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Params p) {
		if (p.ruleId() == null) {
			throw ApiException.validation("rule_id", "is required");
		}
		if (p.from() == null) {
			throw ApiException.validation("from", "is required");
		}
		if (p.to() == null) {
			throw ApiException.validation("to", "is required");
		}
		if (!p.from().isBefore(p.to())) {
			throw ApiException.validation("to", "must be after from");
		}
		if (p.to().isAfter(Instant.now().plusSeconds(60))) {
			throw ApiException.validation("to", "a backfill covers the past: at most now");
		}
		if (p.from().plus(this.settings.maxWindow()).isBefore(p.to())) {
			throw ApiException.validation("from", "the window is at most " + this.settings.maxWindow().toDays()
					+ " days");
		}
		if (p.ratePerSecond() < 1 || p.ratePerSecond() > this.settings.maxRate()) {
			throw ApiException.validation("rate_per_second", "must be between 1 and " + this.settings.maxRate());
		}
		UUID ws = context.workspaceId();
		EvaluatorRule rule = this.rules.find(ws, p.ruleId())
			.orElseThrow(() -> ApiException.notFound("rule", p.ruleId().toString()));
		Rubric rubric = this.rubrics.find(ws, rule.rubricId()).orElse(null);
		if (rubric == null || rubric.archived()) {
			throw ApiException.conflict("The rule's rubric is archived");
		}
		if (this.backfills.hasActive(ws, rule.id())) {
			throw ApiException.conflict("Rule " + rule.id() + " already has a backfill queued or running");
		}
		return new ActionTarget(ActionScope.FLEET, "evaluator_rule", rule.id().toString());
	}

	@Override
	public ActionOutcome<Undo> execute(ActionContext context, Params p) {
		UUID ws = context.workspaceId();
		long total = this.traces.count(ws, p.from(), p.to());
		UUID id = this.backfills.insert(ws, p.ruleId(), p.from(), p.to(), p.ratePerSecond(), total,
				context.actorUserId());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("backfill_id", id.toString());
		result.put("rule_id", p.ruleId().toString());
		result.put("status", Backfill.QUEUED);
		result.put("total_traces", total);
		result.put("rate_per_second", p.ratePerSecond());
		return ActionOutcome.of(result, new Undo(id));
	}

	@Override
	public Object revert(ActionContext context, Undo inverse) {
		UUID ws = context.workspaceId();
		this.backfills.lock(ws, inverse.backfillId())
			.orElseThrow(() -> ApiException.notFound("backfill", inverse.backfillId().toString()));
		this.backfills.reset(ws, inverse.backfillId(), Backfill.CANCELLED);
		long removed = this.evaluations.deleteBackfill(ws, inverse.backfillId());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("backfill_id", inverse.backfillId().toString());
		result.put("status", Backfill.CANCELLED);
		result.put("evaluations_removed", removed);
		return result;
	}

}
