package com.agentobs.query.business;

import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: replaces the agents whose traffic counts towards an open goal. Inverse: the previous row. */
@Component
class LinkGoalAgentsAction implements ActionHandler<GoalParams.LinkAgents, GoalParams.Snapshot> {

	static final String TYPE = "goal.link_agents";

	private final Goals goals;

	private final GoalTargets targets;

	LinkGoalAgentsAction(Goals goals, GoalTargets targets) {
		this.goals = goals;
		this.targets = targets;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<GoalParams.LinkAgents> paramsType() {
		return GoalParams.LinkAgents.class;
	}

	@Override
	public Class<GoalParams.Snapshot> inverseType() {
		return GoalParams.Snapshot.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, GoalParams.LinkAgents params) {
		if (params.agentIds() == null || params.agentIds().isEmpty()) {
			throw ApiException.validation("agent_ids", "name at least one agent");
		}
		if (params.agentIds().size() > GoalParams.MAX_AGENTS) {
			throw ApiException.validation("agent_ids", "at most " + GoalParams.MAX_AGENTS + " agents");
		}
		Goal goal = this.goals.require(context.workspaceId(), params.goalId());
		if (goal.closed()) {
			throw ApiException.conflict("Goal " + goal.goalId() + " is closed");
		}
		this.targets.requireAgents(context.workspaceId(), params.agentIds(), "agent_ids");
		return GoalTargets.goal(goal.goalId());
	}

	@Override
	public ActionOutcome<GoalParams.Snapshot> execute(ActionContext context, GoalParams.LinkAgents params) {
		Goal before = this.goals.lock(context.workspaceId(), params.goalId());
		Goal after = new Goal(before.goalId(), before.departmentId(), before.department(), before.name(),
				before.metric(), before.unit(), before.baselineValue(), before.targetValue(), before.currentValue(),
				before.startDate(), before.targetDate(), before.status(), params.agentIds(), before.ownerUserId(),
				before.closedAt(), before.createdAt());
		this.goals.restore(context.workspaceId(), after);
		return ActionOutcome.of(Map.of("goal_id", before.goalId().toString(), "linked_agents", params.agentIds().size(),
				"previous_linked_agents", before.linkedAgentIds().size()), GoalParams.Snapshot.of(before));
	}

	@Override
	public Object revert(ActionContext context, GoalParams.Snapshot inverse) {
		this.goals.lock(context.workspaceId(), inverse.goalId());
		this.goals.restore(context.workspaceId(), inverse.toGoal());
		return Map.of("goal_id", inverse.goalId().toString(), "linked_agents", inverse.linkedAgentIds().size());
	}

}
