package com.agentobs.evaluation.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;
import com.agentobs.evaluation.evaluator.Evaluator;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.rubric.RubricStore;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.EvaluationStore;
import com.agentobs.evaluation.scoring.NewEvaluation;
import com.agentobs.evaluation.scoring.TraceLoader;
import com.agentobs.evaluation.scoring.TraceSample;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: a reviewer's score (and optional label) for a trace against a rubric's
 * current version: a {@code human} evaluation, and its queue item (if any) done. One human
 * review per trace and rubric version (a second answers 409; undo the first to change it).
 * Inverse: delete that evaluation and reopen the item. Analysts may review.
 */
@Component
class SubmitReviewAction implements ActionHandler<SubmitReviewAction.Params, SubmitReviewAction.Undo> {

	static final String TYPE = "review.submit";

	static final List<String> LABELS = List.of("correct", "partially_correct", "incorrect", "harmful", "off_topic");

	record Params(String traceId, UUID rubricId, Double score, String label, String comment) {
	}

	record Undo(long evaluationId, UUID queueItemId, String previousAssignee) {
	}

	private final RubricStore rubrics;

	private final TraceLoader traces;

	private final EvaluationStore evaluations;

	private final ReviewQueue queue;

	SubmitReviewAction(RubricStore rubrics, TraceLoader traces, EvaluationStore evaluations, ReviewQueue queue) {
		this.rubrics = rubrics;
		this.traces = traces;
		this.evaluations = evaluations;
		this.queue = queue;
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
	public Role requiredRole() {
		return Role.ANALYST;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Params p) {
		if (p.traceId() == null || p.traceId().isBlank() || p.traceId().length() > 64) {
			throw ApiException.validation("trace_id", "must be 1 to 64 characters");
		}
		if (p.rubricId() == null) {
			throw ApiException.validation("rubric_id", "is required");
		}
		if (p.score() == null || p.score() < 0 || p.score() > 100) {
			throw ApiException.validation("score", "must be a number between 0 and 100");
		}
		if (p.label() != null && !LABELS.contains(p.label())) {
			throw ApiException.validation("label", "unknown label", LABELS);
		}
		if (p.comment() != null && p.comment().length() > 2000) {
			throw ApiException.validation("comment", "at most 2000 characters");
		}
		UUID ws = context.workspaceId();
		Rubric rubric = this.rubrics.require(ws, p.rubricId());
		if (rubric.archived()) {
			throw ApiException.conflict("Rubric " + rubric.rubricId() + " is archived");
		}
		this.traces.find(ws, p.traceId()).orElseThrow(() -> ApiException.notFound("trace", p.traceId()));
		if (this.evaluations.findHuman(ws, p.traceId(), rubric.rubricId(), rubric.version()).isPresent()) {
			throw ApiException.conflict("Trace " + p.traceId() + " already has a review for this rubric version");
		}
		return new ActionTarget(ActionScope.FLEET, "trace", p.traceId());
	}

	@Override
	public ActionOutcome<Undo> execute(ActionContext context, Params p) {
		UUID ws = context.workspaceId();
		Rubric rubric = this.rubrics.require(ws, p.rubricId());
		TraceSample trace = this.traces.find(ws, p.traceId())
			.orElseThrow(() -> ApiException.notFound("trace", p.traceId()));
		Optional<ReviewQueue.Claimed> item = this.queue.lockOpen(ws, p.traceId(), rubric.rubricId());
		String reviewer = context.actorSubject();
		NewEvaluation review = new NewEvaluation(trace, rubric.rubricId(), rubric.version(), Evaluator.HUMAN, null,
				EvaluationResult.scored(p.score(), Map.of(), p.comment()), rubric.passThreshold(), p.label(),
				reviewer);
		List<Long> ids = this.evaluations.insertAll(ws, List.of(review));
		if (ids.isEmpty()) {
			throw ApiException.conflict("Trace " + p.traceId() + " already has a review for this rubric version");
		}
		long evaluationId = ids.get(0);
		item.ifPresent((i) -> this.queue.complete(ws, i.id(), evaluationId, reviewer));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("evaluation_id", evaluationId);
		result.put("trace_id", p.traceId());
		result.put("rubric_id", rubric.rubricId().toString());
		result.put("rubric_version", rubric.version());
		result.put("score", p.score());
		result.put("queue_item_id", item.map((i) -> i.id().toString()).orElse(null));
		return ActionOutcome.of(result, new Undo(evaluationId, item.map(ReviewQueue.Claimed::id).orElse(null),
				item.map(ReviewQueue.Claimed::assignee).orElse(null)));
	}

	@Override
	public Object revert(ActionContext context, Undo inverse) {
		UUID ws = context.workspaceId();
		long removed = this.evaluations.delete(ws, inverse.evaluationId());
		if (inverse.queueItemId() != null) {
			this.queue.reopen(ws, inverse.queueItemId(), inverse.previousAssignee());
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("evaluation_id", inverse.evaluationId());
		result.put("removed", removed == 1);
		result.put("queue_item_reopened", inverse.queueItemId() != null);
		return result;
	}

}
