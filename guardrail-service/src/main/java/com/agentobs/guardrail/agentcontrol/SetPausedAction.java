package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

/**
 * Sets an agent's paused flag: {@link PauseAgentAction} and {@link ResumeAgentAction} differ
 * only in the type and the value. Inverse: the previous paused flag.
 */
abstract class SetPausedAction implements ActionHandler<AgentChange, PausedState> {

	private final AgentStore agents;

	private final String type;

	private final boolean paused;

	SetPausedAction(AgentStore agents, String type, boolean paused) {
		this.agents = agents;
		this.type = type;
		this.paused = paused;
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
	public Class<PausedState> inverseType() {
		return PausedState.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, AgentChange params) {
		return ActionTarget.agent(this.agents.require(context.workspaceId(), params.agentId()).agentId());
	}

	@Override
	public ActionOutcome<PausedState> execute(ActionContext context, AgentChange params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		this.agents.setPaused(context.workspaceId(), agent.id(), this.paused);
		return ActionOutcome.of(result(agent.agentId(), this.paused, agent.paused()),
				new PausedState(agent.agentId(), agent.paused()));
	}

	@Override
	public Object revert(ActionContext context, PausedState inverse) {
		AgentState agent = this.agents.lock(context.workspaceId(), inverse.agentId());
		this.agents.setPaused(context.workspaceId(), agent.id(), inverse.paused());
		return result(agent.agentId(), inverse.paused(), agent.paused());
	}

	private static Map<String, Object> result(String agentId, boolean paused, boolean wasPaused) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agentId);
		result.put("is_paused", paused);
		result.put("was_paused", wasPaused);
		return result;
	}

}
