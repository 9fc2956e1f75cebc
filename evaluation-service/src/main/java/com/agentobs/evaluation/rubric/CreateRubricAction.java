package com.agentobs.evaluation.rubric;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: a new rubric at version 1. Inverse: archive it (scores keep naming it). */
@Component
class CreateRubricAction implements ActionHandler<RubricParams.Create, RubricParams.Ref> {

	static final String TYPE = "rubric.create";

	private final RubricStore rubrics;

	CreateRubricAction(RubricStore rubrics) {
		this.rubrics = rubrics;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RubricParams.Create> paramsType() {
		return RubricParams.Create.class;
	}

	@Override
	public Class<RubricParams.Ref> inverseType() {
		return RubricParams.Ref.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RubricParams.Create params) {
		params.definition().validate();
		this.rubrics.requireNameFree(context.workspaceId(), params.definition().name(), null);
		this.rubrics.requireKnown(context.workspaceId(), params.agentIds(), params.departments());
		return RubricTargets.rubric(params.definition().name());
	}

	@Override
	public ActionOutcome<RubricParams.Ref> execute(ActionContext context, RubricParams.Create params) {
		UUID id = UUID.randomUUID();
		this.rubrics.insert(context.workspaceId(), id, params.definition(), params.agentIds(), params.departments(),
				context.actorUserId());
		return ActionOutcome.of(Map.of("rubric_id", id.toString(), "version", 1), new RubricParams.Ref(id));
	}

	@Override
	public Object revert(ActionContext context, RubricParams.Ref inverse) {
		this.rubrics.lock(context.workspaceId(), inverse.rubricId());
		this.rubrics.setArchived(context.workspaceId(), inverse.rubricId(), Instant.now());
		return Map.of("rubric_id", inverse.rubricId().toString(), "archived", true);
	}

}
