package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

/**
 * Sets an agent's quarantine switch: while it is on, every inline guardrail check of the agent
 * answers {@code block} and its effective configuration says {@code quarantined}.
 * {@link QuarantineAgentAction} and {@link ReleaseAgentAction} differ only in the type and the
 * value. Inverse: the previous switch.
 */
abstract class SetQuarantinedAction implements ActionHandler<AgentChange, QuarantineState> {

	private final AgentStore agents;

	private final String type;

	private final boolean quarantined;

	SetQuarantinedAction(AgentStore agents, String type, boolean quarantined) {
		this.agents = agents;
		this.type = type;
		this.quarantined = quarantined;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public Class<AgentChange> paramsType() {
		return AgentChange.class;
	}

	@Override
	public Class<QuarantineState> inverseType() {
		return QuarantineState.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, AgentChange params) {
		return ActionTarget.agent(this.agents.require(context.workspaceId(), params.agentId()).agentId());
	}

	@Override
	public ActionOutcome<QuarantineState> execute(ActionContext context, AgentChange params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		this.agents.setQuarantined(context.workspaceId(), agent.id(), this.quarantined);
		return ActionOutcome.of(result(agent.agentId(), this.quarantined, agent.quarantined()),
				new QuarantineState(agent.agentId(), agent.quarantined()));
	}

	@Override
	public Object revert(ActionContext context, QuarantineState inverse) {
		AgentState agent = this.agents.lock(context.workspaceId(), inverse.agentId());
		this.agents.setQuarantined(context.workspaceId(), agent.id(), inverse.quarantined());
		return result(agent.agentId(), inverse.quarantined(), agent.quarantined());
	}

	private static Map<String, Object> result(String agentId, boolean quarantined, boolean wasQuarantined) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agentId);
		result.put("is_quarantined", quarantined);
		result.put("was_quarantined", wasQuarantined);
		return result;
	}

}
