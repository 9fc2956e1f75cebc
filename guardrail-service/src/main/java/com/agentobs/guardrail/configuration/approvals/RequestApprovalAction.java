package com.agentobs.guardrail.configuration.approvals;

import java.time.Clock;
import java.time.Instant;
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
import com.agentobs.guardrail.configuration.GovernanceProperties;
import com.agentobs.guardrail.configuration.diff.JsonPatch;
import com.agentobs.guardrail.configuration.policy.PolicyGate;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * {@value #TYPE}: holds a change a policy marks "requires approval": a {@code pending} approval
 * with the change, its RFC 6902 patch, the matched policies, the number of approvers (the highest
 * any matched policy asks for) and the expiry. Undo withdraws it while it is still pending.
 */
@Component
class RequestApprovalAction implements ActionHandler<ProposedChange, ApprovalDecision> {

	static final String TYPE = "approval.request";

	private final AgentConfigurations configs;

	private final PolicyGate gate;

	private final Approvals approvals;

	private final GovernanceProperties properties;

	private final Clock clock;

	RequestApprovalAction(AgentConfigurations configs, PolicyGate gate, Approvals approvals,
			GovernanceProperties properties, Clock clock) {
		this.configs = configs;
		this.gate = gate;
		this.approvals = approvals;
		this.properties = properties;
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
	public Class<ApprovalDecision> inverseType() {
		return ApprovalDecision.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, ProposedChange p) {
		AgentConfigurations.Snapshot agent = this.configs.require(context.workspaceId(), p.agentId());
		if (p.changes().isEmpty()) {
			throw ApiException.validation("changes", "must set at least one key");
		}
		return ActionTarget.agent(agent.agentKey());
	}

	@Override
	public ActionOutcome<ApprovalDecision> execute(ActionContext context, ProposedChange p) {
		UUID ws = context.workspaceId();
		AgentConfigurations.Snapshot agent = this.configs.require(ws, p.agentId());
		JsonNode after = this.configs.preview(agent.actual(), p.changes());
		PolicyGate.Verdict verdict = this.gate.evaluate(ws, agent, agent.actual(), after);
		if (!verdict.needsApproval()) {
			throw new ApiException(ErrorCode.CONFLICT, "No policy requires approval for this change",
					Map.of("agent_id", agent.agentKey()));
		}
		List<Map<String, Object>> matched = verdict.matches()
			.stream()
			.filter((m) -> "require_approval".equals(m.effect()))
			.map((m) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("policy_id", m.policyId().toString());
				row.put("name", m.name());
				return row;
			})
			.toList();
		Instant expires = this.clock.instant().plus(this.properties.approvalExpiry());
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("agent_id", agent.agentKey());
		params.put("changes", p.changes());
		params.put("reason", p.reason());
		UUID id = this.approvals.insert(ws, agent.id(), ProposeChangeAction.TYPE, params,
				JsonPatch.diff(agent.actual(), after), agent.actualHash(), matched, verdict.requiredApprovals(),
				p.reason(), context.actorUserId(), context.actorSubject(), agent.departmentCode(), expires);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("approval_id", id);
		result.put("status", "pending");
		result.put("required_approvals", verdict.requiredApprovals());
		result.put("expires_at", expires.toString());
		result.put("matched_policies", matched);
		return ActionOutcome.of(result, new ApprovalDecision(id, "withdrawn"));
	}

	@Override
	public Object revert(ActionContext context, ApprovalDecision inverse) {
		Approvals.Approval approval = this.approvals.lock(context.workspaceId(), inverse.approvalId()).orElseThrow();
		if (!"pending".equals(approval.status())) {
			throw new ApiException(ErrorCode.CONFLICT, "Only a pending approval can be withdrawn",
					Map.of("status", approval.status()));
		}
		this.approvals.setStatus(context.workspaceId(), approval.id(), "rejected", this.clock.instant());
		return Map.of("approval_id", approval.id(), "status", "rejected");
	}

}
