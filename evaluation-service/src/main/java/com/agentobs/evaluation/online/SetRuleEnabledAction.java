package com.agentobs.evaluation.online;

import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/** {@value RuleActions#SET_ENABLED}: pauses or resumes a rule's online scoring. Inverse: the previous state. */
@Component
class SetRuleEnabledAction implements ActionHandler<RuleActions.Enable, RuleActions.Enable> {

	private final RuleActions shared;

	private final RuleStore rules;

	SetRuleEnabledAction(RuleActions shared, RuleStore rules) {
		this.shared = shared;
		this.rules = rules;
	}

	@Override
	public String type() {
		return RuleActions.SET_ENABLED;
	}

	@Override
	public Class<RuleActions.Enable> paramsType() {
		return RuleActions.Enable.class;
	}

	@Override
	public Class<RuleActions.Enable> inverseType() {
		return RuleActions.Enable.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleActions.Enable p) {
		return RuleActions.target(this.shared.require(context.workspaceId(), p.ruleId()).ruleId());
	}

	@Override
	public ActionOutcome<RuleActions.Enable> execute(ActionContext context, RuleActions.Enable p) {
		RuleView before = this.shared.lock(context, p.ruleId());
		this.rules.setEnabled(context.workspaceId(), before.ruleId(), p.enabled());
		return ActionOutcome.of(Map.of("rule_id", before.ruleId().toString(), "enabled", p.enabled()),
				new RuleActions.Enable(before.ruleId(), before.enabled()));
	}

	@Override
	public Object revert(ActionContext context, RuleActions.Enable inverse) {
		RuleView rule = this.shared.lock(context, inverse.ruleId());
		this.rules.setEnabled(context.workspaceId(), rule.ruleId(), inverse.enabled());
		return Map.of("rule_id", rule.ruleId().toString(), "enabled", inverse.enabled());
	}

}
