package com.agentobs.evaluation.online;

import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/** {@value RuleActions#CREATE}: a new evaluator rule. Inverse: delete it. */
@Component
class CreateRuleAction implements ActionHandler<RuleDefinition, RuleActions.Ref> {

	private final RuleActions shared;

	private final RuleStore rules;

	CreateRuleAction(RuleActions shared, RuleStore rules) {
		this.shared = shared;
		this.rules = rules;
	}

	@Override
	public String type() {
		return RuleActions.CREATE;
	}

	@Override
	public Class<RuleDefinition> paramsType() {
		return RuleDefinition.class;
	}

	@Override
	public Class<RuleActions.Ref> inverseType() {
		return RuleActions.Ref.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleDefinition d) {
		this.shared.check(context.workspaceId(), d);
		return RuleActions.target(d.name());
	}

	@Override
	public ActionOutcome<RuleActions.Ref> execute(ActionContext context, RuleDefinition d) {
		UUID id = UUID.randomUUID();
		this.rules.insert(context.workspaceId(), id, d);
		return ActionOutcome.of(RuleActions.result(id, d), new RuleActions.Ref(id));
	}

	@Override
	public Object revert(ActionContext context, RuleActions.Ref inverse) {
		RuleView rule = this.shared.lock(context, inverse.ruleId());
		this.rules.delete(context.workspaceId(), rule.ruleId());
		return RuleActions.result(rule.ruleId(), rule.definition());
	}

}
