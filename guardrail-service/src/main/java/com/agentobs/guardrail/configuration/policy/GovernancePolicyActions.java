package com.agentobs.guardrail.configuration.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Role;

import org.springframework.stereotype.Component;

/**
 * The three policy actions (admin): {@code policy.create}, {@code policy.update},
 * {@code policy.enforce}. Each validates the CEL rules before anything is recorded, and
 * recomputes the workspace's compliance in its own transaction, so the tab shows the effect at once.
 */
final class GovernancePolicyActions {

	private GovernancePolicyActions() {
	}

	/** Merges a draft over an existing policy (null fields keep their value) and validates the result. */
	static GovernancePolicies.Policy merged(CelRules cel, PolicyDraft d, GovernancePolicies.Policy base) {
		String name = pick(d.name(), base != null ? base.name() : null);
		if (name == null || name.isBlank() || name.length() > 128) {
			throw ApiException.validation("name", "is required, at most 128 characters");
		}
		String changeRule = blankToNull(pick(d.changeRule(), base != null ? base.changeRule() : null));
		String complianceRule = blankToNull(pick(d.complianceRule(), base != null ? base.complianceRule() : null));
		if (changeRule == null && complianceRule == null) {
			throw ApiException.validation("change_rule", "a policy needs a change_rule, a compliance_rule or both");
		}
		if (changeRule != null) {
			cel.validate("change_rule", changeRule);
		}
		if (complianceRule != null) {
			cel.validate("compliance_rule", complianceRule);
		}
		String effect = pick(d.effect(), base != null ? base.effect() : "audit");
		if (!PolicyDraft.EFFECTS.contains(effect)) {
			throw ApiException.validation("effect", "unknown effect", PolicyDraft.EFFECTS);
		}
		int required = pick(d.requiredApprovals(), base != null ? base.requiredApprovals() : 1);
		if (required < 1 || required > 5) {
			throw ApiException.validation("required_approvals", "must be 1 to 5");
		}
		String severity = pick(d.severity(), base != null ? base.severity() : "medium");
		if (!PolicyDraft.SEVERITIES.contains(severity)) {
			throw ApiException.validation("severity", "unknown severity", PolicyDraft.SEVERITIES);
		}
		String mode = pick(d.mode(), base != null ? base.mode() : "enforce");
		if (!PolicyDraft.MODES.contains(mode)) {
			throw ApiException.validation("mode", "unknown mode", PolicyDraft.MODES);
		}
		Map<String, List<String>> scope = pick(d.scope(), base != null ? base.scope() : Map.of());
		for (String key : scope.keySet()) {
			if (!List.of("departments", "environments").contains(key)) {
				throw ApiException.validation("scope." + key, "unknown scope key", List.of("departments", "environments"));
			}
		}
		boolean active = pick(d.isActive(), base != null ? base.isActive() : Boolean.TRUE);
		return new GovernancePolicies.Policy(base != null ? base.id() : null, name,
				pick(d.description(), base != null ? base.description() : null), changeRule, complianceRule, effect,
				required, severity, scope, mode, active, base != null ? base.version() : 1, null, null, null);
	}

	static PolicyDraft draftOf(GovernancePolicies.Policy p) {
		return new PolicyDraft(p.id(), p.name(), p.description(), (p.changeRule() != null) ? p.changeRule() : "",
				(p.complianceRule() != null) ? p.complianceRule() : "", p.effect(), p.requiredApprovals(), p.severity(),
				p.scope(), p.mode(), p.isActive());
	}

	static Map<String, Object> result(UUID id, GovernancePolicies.Policy p, ComplianceEvaluator.Result compliance) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("policy_id", id);
		result.put("name", p.name());
		result.put("mode", p.mode());
		result.put("effect", p.effect());
		result.put("is_active", p.isActive());
		result.put("compliance_evaluated", compliance.evaluated());
		result.put("compliance_compliant", compliance.compliant());
		return result;
	}

	private static <T> T pick(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static ActionTarget target(UUID id) {
		return new ActionTarget(ActionScope.FLEET, "policy", (id != null) ? id.toString() : null);
	}

	/**
	 * What the three actions share: admin only, a {@link PolicyDraft} in and as inverse, and undo
	 * by applying the inverse draft over the policy ({@link #apply}).
	 */
	abstract static class PolicyAction implements ActionHandler<PolicyDraft, PolicyDraft> {

		final GovernancePolicies store;

		final CelRules cel;

		final ComplianceEvaluator compliance;

		private final String type;

		PolicyAction(String type, GovernancePolicies store, CelRules cel, ComplianceEvaluator compliance) {
			this.type = type;
			this.store = store;
			this.cel = cel;
			this.compliance = compliance;
		}

		public String type() {
			return this.type;
		}

		public Class<PolicyDraft> paramsType() {
			return PolicyDraft.class;
		}

		public Class<PolicyDraft> inverseType() {
			return PolicyDraft.class;
		}

		public Role requiredRole() {
			return Role.ADMIN;
		}

		public Object revert(ActionContext context, PolicyDraft inverse) {
			return apply(context, inverse).result();
		}

		/** The policy {@code p} names, which must exist in the workspace. */
		GovernancePolicies.Policy existing(ActionContext context, PolicyDraft p) {
			if (p.policyId() == null) {
				throw ApiException.validation("policy_id", "is required");
			}
			return this.store.find(context.workspaceId(), p.policyId())
				.orElseThrow(() -> ApiException.notFound("policy", p.policyId().toString()));
		}

		record Applied(Map<String, Object> result, PolicyDraft previous) {
		}

		/** Merges {@code p} over the locked policy, stores it, recomputes compliance; returns the old values too. */
		Applied apply(ActionContext context, PolicyDraft p) {
			UUID ws = context.workspaceId();
			GovernancePolicies.Policy base = this.store.lock(ws, p.policyId())
				.orElseThrow(() -> ApiException.notFound("policy", p.policyId().toString()));
			GovernancePolicies.Policy next = merged(this.cel, p, base);
			this.store.update(ws, base.id(), next);
			ComplianceEvaluator.Result c = this.compliance.evaluateInTransaction(ws);
			return new Applied(result(base.id(), next, c), draftOf(base));
		}

	}

	/** {@code policy.create}; undo deactivates it. */
	@Component
	static class Create extends PolicyAction {

		static final String TYPE = "policy.create";

		Create(GovernancePolicies store, CelRules cel, ComplianceEvaluator compliance) {
			super(TYPE, store, cel, compliance);
		}

		public ActionTarget prepare(ActionContext context, PolicyDraft p) {
			GovernancePolicies.Policy policy = merged(this.cel, p, null);
			if (this.store.idByName(context.workspaceId(), policy.name()).isPresent()) {
				throw new ApiException(ErrorCode.CONFLICT, "A policy with this name exists", Map.of("field", "name"));
			}
			return target(null);
		}

		public ActionOutcome<PolicyDraft> execute(ActionContext context, PolicyDraft p) {
			GovernancePolicies.Policy policy = merged(this.cel, p, null);
			UUID id = this.store.insert(context.workspaceId(), policy, context.actorSubject());
			ComplianceEvaluator.Result c = this.compliance.evaluateInTransaction(context.workspaceId());
			GovernancePolicies.Policy stored = this.store.find(context.workspaceId(), id).orElseThrow();
			PolicyDraft undo = new PolicyDraft(id, null, null, null, null, null, null, null, null, null, false);
			return ActionOutcome.of(result(id, stored, c), undo);
		}

	}

	/** {@code policy.update}: any field; undo puts the previous values back. */
	@Component
	static class Update extends PolicyAction {

		static final String TYPE = "policy.update";

		Update(GovernancePolicies store, CelRules cel, ComplianceEvaluator compliance) {
			super(TYPE, store, cel, compliance);
		}

		public ActionTarget prepare(ActionContext context, PolicyDraft p) {
			merged(this.cel, p, existing(context, p));
			return target(p.policyId());
		}

		public ActionOutcome<PolicyDraft> execute(ActionContext context, PolicyDraft p) {
			Applied applied = apply(context, p);
			return ActionOutcome.of(applied.result(), applied.previous());
		}

	}

	/** {@code policy.enforce}: switches a policy between monitor and enforce; undo restores the mode. */
	@Component
	static class Enforce extends PolicyAction {

		static final String TYPE = "policy.enforce";

		Enforce(GovernancePolicies store, CelRules cel, ComplianceEvaluator compliance) {
			super(TYPE, store, cel, compliance);
		}

		public ActionTarget prepare(ActionContext context, PolicyDraft p) {
			if (p.policyId() == null) {
				throw ApiException.validation("policy_id", "is required");
			}
			if (p.mode() == null || !PolicyDraft.MODES.contains(p.mode())) {
				throw ApiException.validation("mode", "unknown mode", PolicyDraft.MODES);
			}
			existing(context, p);
			return target(p.policyId());
		}

		public ActionOutcome<PolicyDraft> execute(ActionContext context, PolicyDraft p) {
			PolicyDraft modeOnly = new PolicyDraft(p.policyId(), null, null, null, null, null, null, null, null,
					p.mode(), null);
			Applied applied = apply(context, modeOnly);
			PolicyDraft undo = new PolicyDraft(p.policyId(), null, null, null, null, null, null, null, null,
					applied.previous().mode(), null);
			return ActionOutcome.of(applied.result(), undo);
		}

	}

}
