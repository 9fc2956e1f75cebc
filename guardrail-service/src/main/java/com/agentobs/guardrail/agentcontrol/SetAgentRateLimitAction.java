package com.agentobs.guardrail.agentcontrol;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: sets the requests-per-minute limit agents read from their config. */
@Component
class SetAgentRateLimitAction implements ActionHandler<RateLimitChange, ConfigRestore> {

	static final String TYPE = "agent.set_rate_limit";

	static final int MAX_RPM = 1_000_000;

	private final AgentStore agents;

	private final ConfigChanges changes;

	SetAgentRateLimitAction(AgentStore agents, ConfigChanges changes) {
		this.agents = agents;
		this.changes = changes;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RateLimitChange> paramsType() {
		return RateLimitChange.class;
	}

	@Override
	public Class<ConfigRestore> inverseType() {
		return ConfigRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RateLimitChange params) {
		if (params.rateLimitRpm() < 1 || params.rateLimitRpm() > MAX_RPM) {
			throw ApiException.validation("rate_limit_rpm", "must be between 1 and " + MAX_RPM);
		}
		return ActionTarget.agent(this.agents.require(context.workspaceId(), params.agentId()).agentId());
	}

	@Override
	public ActionOutcome<ConfigRestore> execute(ActionContext context, RateLimitChange params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		ConfigChanges.Applied applied = this.changes.apply(context, agent,
				agent.config().withRateLimit(params.rateLimitRpm()),
				ConfigChanges.summary(params.reason(), "Rate limit set to " + params.rateLimitRpm() + " rpm"),
				"superseded");
		return ActionOutcome.of(applied.result(), applied.inverse());
	}

	@Override
	public Object revert(ActionContext context, ConfigRestore inverse) {
		return this.changes.restore(context, inverse, "Rollback of a rate limit change");
	}

}
