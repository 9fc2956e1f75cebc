package com.agentobs.evaluation.rubric;

import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: sets the agents and departments a rubric scores. Inverse: the previous assignment. */
@Component
class AssignRubricAction implements ActionHandler<RubricParams.Assign, RubricParams.Assign> {

	static final String TYPE = "rubric.assign";

	private final RubricStore rubrics;

	AssignRubricAction(RubricStore rubrics) {
		this.rubrics = rubrics;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RubricParams.Assign> paramsType() {
		return RubricParams.Assign.class;
	}

	@Override
	public Class<RubricParams.Assign> inverseType() {
		return RubricParams.Assign.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RubricParams.Assign params) {
		if (params.agentIds().size() > 1000 || params.departments().size() > 100) {
			throw ApiException.validation("agent_ids", "at most 1000 agents and 100 departments");
		}
		Rubric rubric = this.rubrics.require(context.workspaceId(), params.rubricId());
		if (rubric.archived()) {
			throw ApiException.conflict("Rubric " + rubric.rubricId() + " is archived");
		}
		this.rubrics.requireKnown(context.workspaceId(), params.agentIds(), params.departments());
		return RubricTargets.rubric(rubric.rubricId());
	}

	@Override
	public ActionOutcome<RubricParams.Assign> execute(ActionContext context, RubricParams.Assign params) {
		Rubric before = this.rubrics.lock(context.workspaceId(), params.rubricId());
		this.rubrics.setAssignment(context.workspaceId(), before.rubricId(), params.agentIds(), params.departments());
		return ActionOutcome.of(result(params), new RubricParams.Assign(before.rubricId(), before.agentIds(),
				before.departments()));
	}

	@Override
	public Object revert(ActionContext context, RubricParams.Assign inverse) {
		this.rubrics.lock(context.workspaceId(), inverse.rubricId());
		this.rubrics.setAssignment(context.workspaceId(), inverse.rubricId(), inverse.agentIds(),
				inverse.departments());
		return result(inverse);
	}

	private static Map<String, Object> result(RubricParams.Assign assignment) {
		return Map.of("rubric_id", assignment.rubricId().toString(), "agent_ids", assignment.agentIds(),
				"departments", assignment.departments());
	}

}
