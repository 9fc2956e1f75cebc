package com.agentobs.guardrail.configuration.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations.Snapshot;
import com.agentobs.guardrail.agentcontrol.ConfigRestore;
import com.agentobs.guardrail.configuration.GovernanceProperties;
import com.agentobs.guardrail.configuration.diff.JsonPatch;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * {@value #TYPE}: pushes the desired configuration to a drifted agent. Desired vs observed: its
 * current version is applied again (paths other actions own, e.g. the rate limit, keep the agent's
 * value) and the agent's missed heartbeats are forgiven; environment vs production: production's
 * values are copied onto the drifted, non-ignored paths. Then the workspace is checked again in the
 * same transaction, so the finding clears at once. The inverse restores the replaced values.
 */
@Component
class ReconcileDriftAction implements ActionHandler<Reconcile, ConfigRestore> {

	static final String TYPE = "config.reconcile_drift";

	private final AgentConfigurations configs;

	private final DriftFindings findings;

	private final IgnoreRules ignoreRules;

	private final ObservedStates observed;

	private final DriftChecker checker;

	private final GovernanceProperties properties;

	ReconcileDriftAction(AgentConfigurations configs, DriftFindings findings, IgnoreRules ignoreRules,
			ObservedStates observed, DriftChecker checker, GovernanceProperties properties) {
		this.configs = configs;
		this.findings = findings;
		this.ignoreRules = ignoreRules;
		this.observed = observed;
		this.checker = checker;
		this.properties = properties;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Reconcile> paramsType() {
		return Reconcile.class;
	}

	@Override
	public Class<ConfigRestore> inverseType() {
		return ConfigRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Reconcile params) {
		if (params.driftKind() != null && !List.of(DriftFindings.DESIRED_VS_OBSERVED, DriftFindings.ENV_VS_PRODUCTION)
			.contains(params.driftKind())) {
			throw ApiException.validation("drift_kind", "unknown drift kind",
					List.of(DriftFindings.DESIRED_VS_OBSERVED, DriftFindings.ENV_VS_PRODUCTION));
		}
		Snapshot agent = this.configs.require(context.workspaceId(), params.agentId());
		kinds(context.workspaceId(), agent, params);
		return ActionTarget.agent(agent.agentKey());
	}

	@Override
	public ActionOutcome<ConfigRestore> execute(ActionContext context, Reconcile params) {
		UUID ws = context.workspaceId();
		Snapshot agent = this.configs.require(ws, params.agentId());
		List<String> kinds = kinds(ws, agent, params);
		JsonNode target = agent.actual().deepCopy();
		if (kinds.contains(DriftFindings.DESIRED_VS_OBSERVED) && agent.desired() != null) {
			target = keepOwned(agent.desired(), agent.actual());
		}
		if (kinds.contains(DriftFindings.ENV_VS_PRODUCTION)) {
			target = copyFromProduction(ws, agent, target);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agent.agentKey());
		result.put("drift_kinds", kinds);
		ConfigRestore inverse = null;
		String hash = agent.actualHash();
		if (!target.equals(agent.actual())) {
			AgentConfigurations.Applied applied = this.configs.applyDocument(context, agent.agentKey(), target,
					summary(params, kinds));
			result.putAll(applied.result());
			inverse = applied.inverse();
			hash = (String) applied.result().get("config_hash");
		}
		result.put("pushed", inverse != null);
		this.observed.reset(ws, agent.id(), hash);
		DriftChecker.Result after = this.checker.checkInTransaction(ws);
		result.put("still_drifted", this.findings.driftedKinds(ws, agent.id()));
		result.put("workspace_drifted_agents", after.drifted());
		return (inverse != null) ? ActionOutcome.of(result, inverse) : ActionOutcome.irreversible(result);
	}

	@Override
	public Object revert(ActionContext context, ConfigRestore inverse) {
		return this.configs.restore(context, inverse, "Undo of a drift reconcile");
	}

	private List<String> kinds(UUID ws, Snapshot agent, Reconcile params) {
		List<String> drifted = this.findings.driftedKinds(ws, agent.id());
		List<String> kinds = (params.driftKind() != null)
				? drifted.stream().filter(params.driftKind()::equals).toList() : drifted;
		if (kinds.isEmpty()) {
			throw new ApiException(ErrorCode.CONFLICT, "The agent is not drifted (as of the last check)",
					Map.of("agent_id", agent.agentKey()));
		}
		return kinds;
	}

	/** The desired document with the owned paths' values taken from what the agent has now. */
	private JsonNode keepOwned(JsonNode desired, JsonNode actual) {
		List<JsonPatch.Operation> back = JsonPatch.diff(desired, actual)
			.stream()
			.filter((op) -> this.properties.ownedPaths()
				.stream()
				.anyMatch((o) -> op.path().equals(o) || op.path().startsWith(o + "/")))
			.toList();
		return JsonPatch.apply(desired, back);
	}

	private JsonNode copyFromProduction(UUID ws, Snapshot agent, JsonNode target) {
		Snapshot production = this.configs.all(ws)
			.stream()
			.filter((s) -> DriftChecker.PRODUCTION.equals(s.environment()) && s.logicalKey().equals(agent.logicalKey())
					&& !s.id().equals(agent.id()))
			.findFirst()
			.orElse(null);
		if (production == null) {
			return target;
		}
		List<IgnoreRules.Rule> rules = this.ignoreRules.all(ws);
		List<JsonPatch.Operation> ops = JsonPatch.diff(target, production.actual())
			.stream()
			.filter((op) -> rules.stream()
				.noneMatch((r) -> r.covers(op.path(), agent.environment(), agent.agentKey(), agent.logicalKey())))
			.toList();
		return JsonPatch.apply(target, ops);
	}

	private static String summary(Reconcile params, List<String> kinds) {
		String what = "Reconciled drift (" + String.join(", ", kinds) + ")";
		return (params.reason() != null && !params.reason().isBlank()) ? what + ": " + params.reason() : what;
	}

}
