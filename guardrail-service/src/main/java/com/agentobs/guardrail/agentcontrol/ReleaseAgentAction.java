package com.agentobs.guardrail.agentcontrol;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: lifts an agent's quarantine; its checks follow the policies again. */
@Component
class ReleaseAgentAction extends SetAgentSwitchAction<QuarantineState> {

	static final String TYPE = "agent.release";

	ReleaseAgentAction(AgentStore agents) {
		super(agents, TYPE, QUARANTINED, false);
	}

}
