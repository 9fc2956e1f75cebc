package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: Resumes a paused agent. Inverse: the previous paused flag. */
@Component
class ResumeAgentAction implements ActionHandler<AgentChange, PausedState> {

	static final String TYPE = "agent.resume";

	private final AgentStore agents;

	ResumeAgentAction(AgentStore agents) {
		this.agents = agents;
	}

	@Override
	public String type() {
		return TYPE;
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
		this.agents.setPaused(context.workspaceId(), agent.id(), false);
		return ActionOutcome.of(result(agent.agentId(), false, agent.paused()),
				new PausedState(agent.agentId(), agent.paused()));
	}

	@Override
	public Object revert(ActionContext context, PausedState inverse) {
		AgentState agent = this.agents.lock(context.workspaceId(), inverse.agentId());
		this.agents.setPaused(context.workspaceId(), agent.id(), inverse.paused());
		return result(agent.agentId(), inverse.paused(), agent.paused());
	}

	static Map<String, Object> result(String agentId, boolean paused, boolean wasPaused) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agentId);
		result.put("is_paused", paused);
		result.put("was_paused", wasPaused);
		return result;
	}

}
