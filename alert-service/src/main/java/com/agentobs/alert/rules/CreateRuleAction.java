package com.agentobs.alert.rules;

import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.notify.ChannelStore;
import com.agentobs.alert.slo.Slo;
import com.agentobs.alert.slo.SloStore;
import com.agentobs.alert.system.Ids;
import com.agentobs.alert.system.SoftDelete;
import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** {@value #TYPE}: adds a rule; a rollback deletes it again. */
@Component
class CreateRuleAction implements ActionHandler<RuleRequest, SoftDelete> {

	static final String TYPE = "alert_rule.create";

	private final RuleStore rules;

	private final SloStore slos;

	private final ChannelStore channels;

	private final ApplicationEventPublisher events;

	CreateRuleAction(RuleStore rules, SloStore slos, ChannelStore channels, ApplicationEventPublisher events) {
		this.events = events;
		this.rules = rules;
		this.slos = slos;
		this.channels = channels;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RuleRequest> paramsType() {
		return RuleRequest.class;
	}

	@Override
	public Class<SoftDelete> inverseType() {
		return SoftDelete.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RuleRequest params) {
		AlertRule rule = validated(context, params);
		ActionScope scope = rule.filters().containsKey("agent_id") ? ActionScope.AGENT
				: rule.filters().containsKey("department") ? ActionScope.DEPARTMENT : ActionScope.FLEET;
		return new ActionTarget(scope, "alert_rule", rule.name());
	}

	@Override
	public ActionOutcome<SoftDelete> execute(ActionContext context, RuleRequest params) {
		UUID id = this.rules.insert(context.workspaceId(), validated(context, params));
		this.events.publishEvent(new RulesChanged(context.workspaceId()));
		return ActionOutcome.of(Map.of("rule_id", id.toString(), "is_deleted", false), new SoftDelete(id, true));
	}

	@Override
	public Object revert(ActionContext context, SoftDelete inverse) {
		this.rules.lockDeleted(context.workspaceId(), inverse.id());
		this.rules.setDeleted(context.workspaceId(), inverse.id(), inverse.deleted());
		this.events.publishEvent(new RulesChanged(context.workspaceId()));
		return Map.of("rule_id", inverse.id().toString(), "is_deleted", inverse.deleted());
	}

	private AlertRule validated(ActionContext context, RuleRequest params) {
		Slo slo = null;
		if (params.sloId() != null) {
			UUID sloId = Ids.uuid("slo_id", params.sloId());
			slo = this.slos.find(context.workspaceId(), sloId)
				.orElseThrow(() -> ApiException.notFound("slo", sloId.toString()));
		}
		AlertRule rule = params.toRule(slo, context.actorSubject());
		for (int i = 0; i < rule.channelIds().size(); i++) {
			if (!this.channels.exists(context.workspaceId(), rule.channelIds().get(i))) {
				throw ApiException.validation("channel_ids[" + i + "]", "no such notification channel");
			}
		}
		return rule;
	}

}
