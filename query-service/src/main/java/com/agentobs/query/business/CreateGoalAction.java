package com.agentobs.query.business;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: a new open goal; with no agents named it links every agent of its department.
 * Inverse: delete it (its progress goes with it).
 */
@Component
class CreateGoalAction implements ActionHandler<GoalParams.Create, GoalParams.Ref> {

	static final String TYPE = "goal.create";

	private final Goals goals;

	private final GoalTargets targets;

	CreateGoalAction(Goals goals, GoalTargets targets) {
		this.goals = goals;
		this.targets = targets;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<GoalParams.Create> paramsType() {
		return GoalParams.Create.class;
	}

	@Override
	public Class<GoalParams.Ref> inverseType() {
		return GoalParams.Ref.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, GoalParams.Create params) {
		if (params.definition() == null) {
			throw com.agentobs.contracts.error.ApiException.validation("name", "a goal definition is required");
		}
		params.definition().validate();
		this.targets.department(context.workspaceId(), params.definition().department());
		this.targets.requireAgents(context.workspaceId(), params.definition().linkedAgentIds(), "linked_agent_ids");
		return GoalTargets.goal(params.definition().name());
	}

	@Override
	public ActionOutcome<GoalParams.Ref> execute(ActionContext context, GoalParams.Create params) {
		UUID ws = context.workspaceId();
		GoalParams.Definition d = params.definition();
		UUID dept = this.targets.department(ws, d.department());
		GoalParams.Definition linked = new GoalParams.Definition(d.name(), d.department(), d.metric(), d.targetValue(),
				d.baselineValue(), d.startDate(), d.targetDate(), this.targets.agentsOrDepartment(ws, d, dept));
		UUID id = this.goals.insert(ws, UUID.randomUUID(), linked, dept, context.actorUserId());
		return ActionOutcome.of(Map.of("goal_id", id.toString(), "linked_agents", linked.linkedAgentIds().size()),
				new GoalParams.Ref(id));
	}

	@Override
	public Object revert(ActionContext context, GoalParams.Ref inverse) {
		this.goals.lock(context.workspaceId(), inverse.goalId());
		this.goals.delete(context.workspaceId(), inverse.goalId());
		return Map.of("goal_id", inverse.goalId().toString(), "deleted", true);
	}

}
