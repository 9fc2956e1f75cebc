package com.agentobs.query.business;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: replaces an open goal's definition (name, department, metric, target, baseline,
 * period, linked agents; none named keeps the current links). Inverse: the whole row as it was.
 */
@Component
class UpdateGoalAction implements ActionHandler<GoalParams.Update, GoalParams.Snapshot> {

	static final String TYPE = "goal.update";

	private final Goals goals;

	private final GoalTargets targets;

	UpdateGoalAction(Goals goals, GoalTargets targets) {
		this.goals = goals;
		this.targets = targets;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<GoalParams.Update> paramsType() {
		return GoalParams.Update.class;
	}

	@Override
	public Class<GoalParams.Snapshot> inverseType() {
		return GoalParams.Snapshot.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, GoalParams.Update params) {
		if (params.definition() == null) {
			throw ApiException.validation("name", "a goal definition is required");
		}
		params.definition().validate();
		Goal goal = this.goals.require(context.workspaceId(), params.goalId());
		if (goal.closed()) {
			throw ApiException.conflict("Goal " + goal.goalId() + " is closed: closed goals keep their figures");
		}
		this.targets.department(context.workspaceId(), params.definition().department());
		this.targets.requireAgents(context.workspaceId(), params.definition().linkedAgentIds(), "linked_agent_ids");
		return GoalTargets.goal(goal.goalId());
	}

	@Override
	public ActionOutcome<GoalParams.Snapshot> execute(ActionContext context, GoalParams.Update params) {
		UUID ws = context.workspaceId();
		Goal before = this.goals.lock(ws, params.goalId());
		GoalParams.Definition d = params.definition();
		UUID dept = this.targets.department(ws, d.department());
		Goal after = new Goal(before.goalId(), dept, d.department(), d.name(), d.metric(), Goal.unitOf(d.metric()),
				(d.baselineValue() != null) ? d.baselineValue() : java.math.BigDecimal.ZERO, d.targetValue(),
				before.currentValue(), d.startDate(), d.targetDate(), before.status(),
				d.linkedAgentIds().isEmpty() ? before.linkedAgentIds() : d.linkedAgentIds(), before.ownerUserId(), null,
				before.createdAt());
		this.goals.restore(ws, after);
		return ActionOutcome.of(Map.of("goal_id", before.goalId().toString(), "updated", true),
				GoalParams.Snapshot.of(before));
	}

	@Override
	public Object revert(ActionContext context, GoalParams.Snapshot inverse) {
		this.goals.lock(context.workspaceId(), inverse.goalId());
		this.goals.restore(context.workspaceId(), inverse.toGoal());
		return Map.of("goal_id", inverse.goalId().toString(), "restored", true);
	}

}
