package com.agentobs.guardrail.agentcontrol;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: redeploys an earlier configuration version (by default the latest earlier
 * one that differs and was not itself rolled back) as a new version; the replaced version
 * becomes {@code rolled_back}. Its inverse restores the configuration it replaced.
 */
@Component
class RollbackAgentVersionAction implements ActionHandler<VersionRollback, ConfigRestore> {

	static final String TYPE = "agent.rollback_version";

	private final AgentStore agents;

	private final ConfigVersions versions;

	private final ConfigChanges changes;

	RollbackAgentVersionAction(AgentStore agents, ConfigVersions versions, ConfigChanges changes) {
		this.agents = agents;
		this.versions = versions;
		this.changes = changes;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<VersionRollback> paramsType() {
		return VersionRollback.class;
	}

	@Override
	public Class<ConfigRestore> inverseType() {
		return ConfigRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, VersionRollback params) {
		AgentState agent = this.agents.require(context.workspaceId(), params.agentId());
		target(context.workspaceId(), agent, params);
		return ActionTarget.agent(agent.agentId());
	}

	@Override
	public ActionOutcome<ConfigRestore> execute(ActionContext context, VersionRollback params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		ConfigVersions.Version target = target(context.workspaceId(), agent, params);
		ConfigChanges.Applied applied = this.changes.apply(context, agent, target.config(),
				ConfigChanges.summary(params.reason(), "Rolled back to version " + target.versionNumber()),
				"rolled_back");
		return ActionOutcome.of(applied.result(), applied.inverse());
	}

	@Override
	public Object revert(ActionContext context, ConfigRestore inverse) {
		return this.changes.restore(context, inverse, "Rollback of a version rollback");
	}

	private ConfigVersions.Version target(UUID ws, AgentState agent, VersionRollback params) {
		if (params.configVersionNumber() != null) {
			if (params.configVersionNumber() < 1) {
				throw ApiException.validation("config_version_number", "must be 1 or more");
			}
			ConfigVersions.Version version = this.versions.byNumber(ws, agent.id(), params.configVersionNumber())
				.orElseThrow(() -> ApiException.validation("config_version_number",
						"this agent has no configuration version " + params.configVersionNumber()));
			if (version.configHash().equals(this.versions.hash(agent.config()))) {
				throw noEarlierVersion(agent, "version " + version.versionNumber() + " is the current configuration");
			}
			return version;
		}
		if (agent.configVersionNumber() == null) {
			throw noEarlierVersion(agent, "the agent has no configuration history yet");
		}
		return this.versions
			.previousDistinct(ws, agent.id(), agent.configVersionNumber(), this.versions.hash(agent.config()))
			.orElseThrow(() -> noEarlierVersion(agent, "no earlier version differs from the current configuration"));
	}

	private static ApiException noEarlierVersion(AgentState agent, String reason) {
		return new ApiException(ErrorCode.CONFLICT, "Nothing to roll back to: " + reason,
				Map.of("agent_id", agent.agentId()));
	}

}
