package com.agentobs.guardrail.agentcontrol;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: pauses an agent: its effective config says {@code paused} on the next read. */
@Component
class PauseAgentAction extends SetAgentSwitchAction<PausedState> {

	static final String TYPE = "agent.pause";

	PauseAgentAction(AgentStore agents) {
		super(agents, TYPE, PAUSED, true);
	}

}
