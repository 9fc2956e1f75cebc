package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;

import org.springframework.stereotype.Component;

/**
 * How every configuration action changes an agent, in the action's transaction, with the
 * agent's row locked: capture a baseline version the first time, append the new version
 * (who, why, diff, which action), point the agent at it; and the shared inverse.
 */
@Component
class ConfigChanges {

	static final String BASELINE_SUMMARY = "Baseline captured before the first configuration change";

	private final AgentStore agents;

	private final ConfigVersions versions;

	ConfigChanges(AgentStore agents, ConfigVersions versions) {
		this.agents = agents;
		this.versions = versions;
	}

	/** Applies {@code next} to a locked agent; {@code previousStatus} is what the replaced version becomes. */
	Applied apply(ActionContext context, AgentState agent, AgentConfig next, String summary,
			String previousStatus) {
		UUID ws = context.workspaceId();
		UUID current = agent.currentConfigVersionId();
		if (current == null) {
			current = this.versions.append(ws, agent, agent.config(), Map.of(), BASELINE_SUMMARY, null, "system", null)
				.id();
			this.agents.setCurrentVersion(ws, agent.id(), current);
		}
		Map<String, Object> diff = this.versions.diff(agent.config(), next);
		ConfigVersions.Version created = this.versions.append(ws, agent, next, diff, summary, context.actorUserId(),
				context.actorSubject(), context.actionId());
		this.versions.setStatus(ws, current, previousStatus);
		this.agents.applyConfig(ws, agent.id(), next, created.id());
		Map<String, Object> prior = new LinkedHashMap<>();
		Map<String, Object> before = this.versions.toMap(agent.config());
		diff.keySet().forEach((key) -> prior.put(key, before.get(key)));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agent.agentId());
		result.put("config_version", created.versionNumber());
		result.put("changes", diff);
		return new Applied(result, new ConfigRestore(agent.agentId(), prior, created.id()));
	}

	/** The inverse: puts the recorded keys back as a new version; the action's version becomes rolled_back. */
	Map<String, Object> restore(ActionContext context, ConfigRestore inverse, String summary) {
		AgentState agent = this.agents.lock(context.workspaceId(), inverse.agentId());
		Map<String, Object> merged = this.versions.toMap(agent.config());
		merged.putAll(inverse.fields());
		Applied applied = apply(context, agent, this.versions.fromMap(merged), summary, "superseded");
		if (inverse.configVersionId() != null) {
			this.versions.setStatus(context.workspaceId(), inverse.configVersionId(), "rolled_back");
		}
		return applied.result();
	}

	static String summary(String reason, String what) {
		return (reason != null && !reason.isBlank()) ? what + ": " + reason : what;
	}

	record Applied(Map<String, Object> result, ConfigRestore inverse) {
	}

}
