package com.agentobs.evaluation.online;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@value RuleActions#DELETE}: removes a rule; its evaluations stay (their {@code rule_id} becomes
 * NULL) and so do its backfills' results. Refused while a backfill of it is queued or running.
 * Inverse: the rule again under the same id (the old evaluations keep no link to it).
 */
@Component
class DeleteRuleAction implements ActionHandler<RuleActions.Ref, RuleActions.Change> {

	private final RuleActions shared;

	private final RuleStore rules;

	private final BackfillStore backfills;

	DeleteRuleAction(RuleActions shared, RuleStore rules, BackfillStore backfills) {
		this.shared = shared;
		this.rules = rules;
		this.backfills = backfills;
	}

	@Override
	public String type() {
		return RuleActions.DELETE;
	}

	@Override
	public Class<RuleActions.Ref> paramsType() {
		return RuleActions.Ref.class;
	}

	@Override
	public Class<RuleActions.Change> inverseType() {
		return RuleActions.Change.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleActions.Ref p) {
		RuleView rule = this.shared.require(context.workspaceId(), p.ruleId());
		if (this.backfills.hasActive(context.workspaceId(), rule.ruleId())) {
			throw ApiException.conflict("Rule " + rule.ruleId() + " has a backfill queued or running: cancel it first");
		}
		return RuleActions.target(rule.ruleId());
	}

	@Override
	public ActionOutcome<RuleActions.Change> execute(ActionContext context, RuleActions.Ref p) {
		RuleView before = this.shared.lock(context, p.ruleId());
		this.rules.delete(context.workspaceId(), before.ruleId());
		return ActionOutcome.of(RuleActions.result(before.ruleId(), before.definition()),
				new RuleActions.Change(before.ruleId(), before.definition()));
	}

	@Override
	public Object revert(ActionContext context, RuleActions.Change inverse) {
		if (this.rules.view(context.workspaceId(), inverse.ruleId()).isPresent()) {
			throw ApiException.conflict("Rule " + inverse.ruleId() + " exists again");
		}
		this.rules.insert(context.workspaceId(), inverse.ruleId(), inverse.definition());
		return RuleActions.result(inverse.ruleId(), inverse.definition());
	}

}
