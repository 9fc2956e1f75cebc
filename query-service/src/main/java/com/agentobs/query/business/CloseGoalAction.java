package com.agentobs.query.business;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: closes a goal with the value and status it has now (evaluated from traffic at the
 * moment of closing), so the board keeps what it ended at. Inverse: the row as it was (open again).
 */
@Component
class CloseGoalAction implements ActionHandler<GoalParams.Ref, GoalParams.Snapshot> {

	static final String TYPE = "goal.close";

	private final Goals goals;

	private final GoalEvaluator evaluator;

	private final ValueModels valueModels;

	CloseGoalAction(Goals goals, GoalEvaluator evaluator, ValueModels valueModels) {
		this.goals = goals;
		this.evaluator = evaluator;
		this.valueModels = valueModels;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<GoalParams.Ref> paramsType() {
		return GoalParams.Ref.class;
	}

	@Override
	public Class<GoalParams.Snapshot> inverseType() {
		return GoalParams.Snapshot.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, GoalParams.Ref params) {
		Goal goal = this.goals.require(context.workspaceId(), params.goalId());
		if (goal.closed()) {
			throw ApiException.conflict("Goal " + goal.goalId() + " is already closed");
		}
		return GoalTargets.goal(goal.goalId());
	}

	@Override
	public ActionOutcome<GoalParams.Snapshot> execute(ActionContext context, GoalParams.Ref params) {
		Goal before = this.goals.lock(context.workspaceId(), params.goalId());
		Instant now = Instant.now();
		GoalEvaluator.Evaluation e = this.evaluator
			.evaluate(context.workspaceId(), List.of(before), this.valueModels.byDepartment(context.workspaceId()), now)
			.get(0);
		Goal closed = new Goal(before.goalId(), before.departmentId(), before.department(), before.name(),
				before.metric(), before.unit(), before.baselineValue(), before.targetValue(), e.currentValue(),
				before.startDate(), before.targetDate(), e.status().code(), before.linkedAgentIds(), before.ownerUserId(),
				now, before.createdAt());
		this.goals.restore(context.workspaceId(), closed);
		return ActionOutcome.of(Map.of("goal_id", before.goalId().toString(), "closed", true, "final_value",
				e.currentValue(), "final_status", e.status().code()), GoalParams.Snapshot.of(before));
	}

	@Override
	public Object revert(ActionContext context, GoalParams.Snapshot inverse) {
		this.goals.lock(context.workspaceId(), inverse.goalId());
		this.goals.restore(context.workspaceId(), inverse.toGoal());
		return Map.of("goal_id", inverse.goalId().toString(), "closed", inverse.closedAt() != null);
	}

}
