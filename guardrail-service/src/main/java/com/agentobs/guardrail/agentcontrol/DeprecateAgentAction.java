package com.agentobs.guardrail.agentcontrol;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: marks an agent deprecated from a date, optionally naming its replacement. */
@Component
class DeprecateAgentAction implements ActionHandler<Deprecation, ConfigRestore> {

	static final String TYPE = "agent.deprecate";

	private final AgentStore agents;

	private final ConfigChanges changes;

	DeprecateAgentAction(AgentStore agents, ConfigChanges changes) {
		this.agents = agents;
		this.changes = changes;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Deprecation> paramsType() {
		return Deprecation.class;
	}

	@Override
	public Class<ConfigRestore> inverseType() {
		return ConfigRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Deprecation params) {
		if (params.deprecationDate() == null) {
			throw ApiException.validation("deprecation_date", "is required");
		}
		AgentState agent = this.agents.require(context.workspaceId(), params.agentId());
		if (params.replacementAgentId() != null) {
			if (params.replacementAgentId().equals(agent.agentId())) {
				throw ApiException.validation("replacement_agent_id", "cannot be the deprecated agent itself");
			}
			if (this.agents.find(context.workspaceId(), params.replacementAgentId()).isEmpty()) {
				throw ApiException.validation("replacement_agent_id", "no agent with this id in the workspace");
			}
		}
		return ActionTarget.agent(agent.agentId());
	}

	@Override
	public ActionOutcome<ConfigRestore> execute(ActionContext context, Deprecation params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		String what = "Deprecated from " + params.deprecationDate()
				+ ((params.replacementAgentId() != null) ? ", replaced by " + params.replacementAgentId() : "");
		ConfigChanges.Applied applied = this.changes.apply(context, agent,
				agent.config().deprecated(params.deprecationDate(), params.replacementAgentId()),
				ConfigChanges.summary(params.reason(), what), "superseded");
		return ActionOutcome.of(applied.result(), applied.inverse());
	}

	@Override
	public Object revert(ActionContext context, ConfigRestore inverse) {
		return this.changes.restore(context, inverse, "Rollback of a deprecation");
	}

}
