package com.agentobs.alert.rules;

import java.util.Map;

import com.agentobs.alert.system.SoftDelete;
import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** {@value #TYPE}: soft-deletes a rule (its alerts stay in the history); a rollback restores it. */
@Component
class DeleteRuleAction implements ActionHandler<DeleteRuleAction.RuleRef, SoftDelete> {

	static final String TYPE = "alert_rule.delete";

	private final RuleStore rules;

	private final ApplicationEventPublisher events;

	DeleteRuleAction(RuleStore rules, ApplicationEventPublisher events) {
		this.rules = rules;
		this.events = events;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RuleRef> paramsType() {
		return RuleRef.class;
	}

	@Override
	public Class<SoftDelete> inverseType() {
		return SoftDelete.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleRef params) {
		AlertRule rule = this.rules.require(context.workspaceId(), params.ruleId());
		return new ActionTarget(ActionScope.FLEET, "alert_rule", rule.ruleId().toString());
	}

	@Override
	public ActionOutcome<SoftDelete> execute(ActionContext context, RuleRef params) {
		boolean was = this.rules.lockDeleted(context.workspaceId(), params.ruleId());
		this.rules.setDeleted(context.workspaceId(), params.ruleId(), true);
		this.events.publishEvent(new RulesChanged(context.workspaceId()));
		return ActionOutcome.of(Map.of("rule_id", params.ruleId().toString(), "is_deleted", true),
				new SoftDelete(params.ruleId(), was));
	}

	@Override
	public Object revert(ActionContext context, SoftDelete inverse) {
		this.rules.lockDeleted(context.workspaceId(), inverse.id());
		this.rules.setDeleted(context.workspaceId(), inverse.id(), inverse.deleted());
		this.events.publishEvent(new RulesChanged(context.workspaceId()));
		return Map.of("rule_id", inverse.id().toString(), "is_deleted", inverse.deleted());
	}

	record RuleRef(java.util.UUID ruleId) {
	}

}
