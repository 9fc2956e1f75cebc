package com.agentobs.guardrail.agentcontrol;

import java.util.UUID;

/** One agent's row as the control plane sees it. */
record AgentState(UUID id, String agentId, String environment, boolean paused, boolean quarantined, AgentConfig config,
		UUID currentConfigVersionId, Integer configVersionNumber) {

	/** {@code active|paused|quarantined|deprecated}: quarantine overrides pausing, which overrides the lifecycle. */
	String status() {
		if (this.quarantined) {
			return "quarantined";
		}
		if (this.paused) {
			return "paused";
		}
		return "deprecated".equals(this.config.lifecycle()) ? "deprecated" : "active";
	}

}
