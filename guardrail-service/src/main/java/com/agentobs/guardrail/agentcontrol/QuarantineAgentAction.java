package com.agentobs.guardrail.agentcontrol;

import org.springframework.stereotype.Component;

/** {@value #TYPE}: every inline check of the agent answers block until it is released. */
@Component
class QuarantineAgentAction extends SetAgentSwitchAction<QuarantineState> {

	static final String TYPE = "agent.quarantine";

	QuarantineAgentAction(AgentStore agents) {
		super(agents, TYPE, QUARANTINED, true);
	}

}
