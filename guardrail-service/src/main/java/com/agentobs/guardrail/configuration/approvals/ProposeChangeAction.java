package com.agentobs.guardrail.configuration.approvals;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;
import com.agentobs.guardrail.agentcontrol.ConfigRestore;
import com.agentobs.guardrail.configuration.policy.PolicyGate;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * {@value #TYPE}: applies a configuration change as a new version. Without an approval the
 * policies are evaluated first (deny → 403, require approval → 409: propose it through
 * {@code POST /agents/{id}/config/changes}); with one, the approval must be approved and not yet
 * applied, and is marked applied under its row lock, so it is applied exactly once.
 */
@Component
class ProposeChangeAction implements ActionHandler<ProposedChange, ConfigRestore> {

	static final String TYPE = "config.propose_change";

	private final AgentConfigurations configs;

	private final PolicyGate gate;

	private final Approvals approvals;

	private final Clock clock;

	ProposeChangeAction(AgentConfigurations configs, PolicyGate gate, Approvals approvals, Clock clock) {
		this.configs = configs;
		this.gate = gate;
		this.approvals = approvals;
		this.clock = clock;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<ProposedChange> paramsType() {
		return ProposedChange.class;
	}

	@Override
	public Class<ConfigRestore> inverseType() {
		return ConfigRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, ProposedChange p) {
		UUID ws = context.workspaceId();
		AgentConfigurations.Snapshot agent = this.configs.require(ws, p.agentId());
		if (p.changes().isEmpty()) {
			throw ApiException.validation("changes", "must set at least one key");
		}
		JsonNode after = this.configs.preview(agent.actual(), p.changes());
		if (after.equals(agent.actual())) {
			throw new ApiException(ErrorCode.CONFLICT, "The configuration already has these values",
					Map.of("agent_id", agent.agentKey()));
		}
		if (p.approvalId() != null) {
			Approvals.Approval approval = this.approvals.find(ws, p.approvalId())
				.orElseThrow(() -> ApiException.notFound("approval", p.approvalId().toString()));
			requireApplicable(approval, agent.agentKey(), p);
		}
		else {
			PolicyGate.Verdict verdict = this.gate.evaluate(ws, agent, agent.actual(), after);
			if (verdict.denied()) {
				throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "A policy forbids this change",
						Map.of("policies", verdict.matches()));
			}
			if (verdict.needsApproval()) {
				throw new ApiException(ErrorCode.CONFLICT,
						"This change needs approval: propose it through POST /api/v1/agents/{agent_id}/config/changes",
						Map.of("policies", verdict.matches()));
			}
		}
		return ActionTarget.agent(agent.agentKey());
	}

	@Override
	public ActionOutcome<ConfigRestore> execute(ActionContext context, ProposedChange p) {
		UUID ws = context.workspaceId();
		String summary = (p.reason() != null && !p.reason().isBlank()) ? "Configuration change: " + p.reason()
				: "Configuration change";
		if (p.approvalId() != null) {
			Approvals.Approval approval = this.approvals.lock(ws, p.approvalId()).orElseThrow();
			requireApplicable(approval, p.agentId(), p);
			summary = summary + " (approval " + p.approvalId() + ")";
		}
		AgentConfigurations.Applied applied = this.configs.applyFields(context, p.agentId(), p.changes(), summary);
		if (p.approvalId() != null && !this.approvals.markApplied(ws, p.approvalId(), context.actionId(),
				this.clock.instant())) {
			throw new ApiException(ErrorCode.CONFLICT, "The approved change was applied already",
					Map.of("approval_id", p.approvalId().toString()));
		}
		Map<String, Object> result = new java.util.LinkedHashMap<>(applied.result());
		if (p.approvalId() != null) {
			result.put("approval_id", p.approvalId());
		}
		return ActionOutcome.of(result, applied.inverse());
	}

	@Override
	public Object revert(ActionContext context, ConfigRestore inverse) {
		return this.configs.restore(context, inverse, "Undo of a configuration change");
	}

	private static void requireApplicable(Approvals.Approval approval, String agentKey, ProposedChange p) {
		if (!"approved".equals(approval.status())) {
			throw new ApiException(ErrorCode.CONFLICT, "The approval is " + approval.status() + ", not approved",
					Map.of("approval_id", approval.id().toString(), "status", approval.status()));
		}
		if (approval.appliedActionId() != null) {
			throw new ApiException(ErrorCode.CONFLICT, "The approved change was applied already",
					Map.of("approval_id", approval.id().toString(), "action_id", approval.appliedActionId().toString()));
		}
		if (!Objects.equals(approval.agentId(), agentKey)
				|| !Objects.equals(approval.actionParams().get("changes"), p.changes())) {
			throw ApiException.validation("changes", "must be exactly the approved change");
		}
	}

}
