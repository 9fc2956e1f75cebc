package com.agentobs.guardrail.agentcontrol;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: resumes a paused agent. */
@Component
class ResumeAgentAction extends SetAgentSwitchAction<PausedState> {

	static final String TYPE = "agent.resume";

	ResumeAgentAction(AgentStore agents) {
		super(agents, TYPE, PAUSED, false);
	}

}
