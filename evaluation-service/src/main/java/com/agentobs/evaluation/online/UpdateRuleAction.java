package com.agentobs.evaluation.online;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/**
 * {@value RuleActions#UPDATE}: replaces a rule's definition (rubric, evaluator, filters, sampling,
 * cap, enabled). Inverse: the previous definition.
 */
@Component
class UpdateRuleAction implements ActionHandler<RuleActions.Change, RuleActions.Change> {

	private final RuleActions shared;

	private final RuleStore rules;

	UpdateRuleAction(RuleActions shared, RuleStore rules) {
		this.shared = shared;
		this.rules = rules;
	}

	@Override
	public String type() {
		return RuleActions.UPDATE;
	}

	@Override
	public Class<RuleActions.Change> paramsType() {
		return RuleActions.Change.class;
	}

	@Override
	public Class<RuleActions.Change> inverseType() {
		return RuleActions.Change.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleActions.Change p) {
		RuleView rule = this.shared.require(context.workspaceId(), p.ruleId());
		this.shared.check(context.workspaceId(), p.definition());
		return RuleActions.target(rule.ruleId());
	}

	@Override
	public ActionOutcome<RuleActions.Change> execute(ActionContext context, RuleActions.Change p) {
		RuleView before = this.shared.lock(context, p.ruleId());
		this.rules.update(context.workspaceId(), before.ruleId(), p.definition());
		return ActionOutcome.of(RuleActions.result(before.ruleId(), p.definition()),
				new RuleActions.Change(before.ruleId(), before.definition()));
	}

	@Override
	public Object revert(ActionContext context, RuleActions.Change inverse) {
		RuleView rule = this.shared.lock(context, inverse.ruleId());
		this.rules.update(context.workspaceId(), rule.ruleId(), inverse.definition());
		return RuleActions.result(rule.ruleId(), inverse.definition());
	}

}
