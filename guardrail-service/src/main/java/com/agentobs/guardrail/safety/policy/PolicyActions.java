package com.agentobs.guardrail.safety.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;

import org.springframework.stereotype.Component;

/**
 * The policy actions. Policies are admin territory (they decide what agents may send), so every
 * handler requires {@link Role#ADMIN}. Each inverse holds exactly what its change replaced.
 */
final class PolicyActions {

	static final String CREATE = "guardrail_policy.create";

	static final String UPDATE = "guardrail_policy.update";

	static final String SET_MODE = "guardrail_policy.set_mode";

	static final String DISABLE = "guardrail_policy.disable";

	static final String ENABLE = "guardrail_policy.enable";

	private PolicyActions() {
	}

	/** {@code action_params} of create. */
	record Create(PolicyFields policy, String reason) {
	}

	/** {@code action_params} of update. */
	record Update(UUID policyId, PolicyFields policy, String reason) {
	}

	/** {@code action_params} of set_mode. */
	record SetMode(UUID policyId, String enforcementMode, String reason) {
	}

	/** {@code action_params} of disable and enable. */
	record Toggle(UUID policyId, String reason) {
	}

	/** Inverse of create: the policy to delete. */
	record Created(UUID policyId) {
	}

	/** Inverse of update: the fields before. */
	record Previous(UUID policyId, PolicyFields policy) {
	}

	/** Inverse of set_mode. */
	record PreviousMode(UUID policyId, String enforcementMode) {
	}

	/** Inverse of disable and enable. */
	record PreviousActive(UUID policyId, boolean active) {
	}

	static ActionTarget target(UUID policyId) {
		return new ActionTarget(ActionScope.FLEET, "guardrail_policy", policyId.toString());
	}

	static Map<String, Object> result(GuardrailPolicy p) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("policy_id", p.id());
		result.put("name", p.name());
		result.put("policy_type", p.policyType());
		result.put("enforcement_mode", p.enforcementMode());
		result.put("is_active", p.isActive());
		result.put("version", p.version());
		return result;
	}

	@Component
	static class CreatePolicy implements ActionHandler<Create, Created> {

		private final PolicyStore store;

		CreatePolicy(PolicyStore store) {
			this.store = store;
		}

		@Override
		public String type() {
			return CREATE;
		}

		@Override
		public Role requiredRole() {
			return Role.ADMIN;
		}

		@Override
		public Class<Create> paramsType() {
			return Create.class;
		}

		@Override
		public Class<Created> inverseType() {
			return Created.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, Create params) {
			PolicyFields fields = params.policy().validated();
			this.store.requireNameFree(context.workspaceId(), fields.name(), null);
			return new ActionTarget(ActionScope.FLEET, "guardrail_policy", fields.name());
		}

		@Override
		public ActionOutcome<Created> execute(ActionContext context, Create params) {
			PolicyFields fields = params.policy().validated();
			this.store.requireNameFree(context.workspaceId(), fields.name(), null);
			UUID id = this.store.insert(context.workspaceId(), fields, context.caller().subject());
			return ActionOutcome.of(result(this.store.require(context.workspaceId(), id)), new Created(id));
		}

		@Override
		public Object revert(ActionContext context, Created inverse) {
			GuardrailPolicy policy = this.store.lock(context.workspaceId(), inverse.policyId());
			this.store.delete(context.workspaceId(), policy.id());
			return Map.of("policy_id", policy.id(), "deleted", true);
		}

	}

	@Component
	static class UpdatePolicy implements ActionHandler<Update, Previous> {

		private final PolicyStore store;

		UpdatePolicy(PolicyStore store) {
			this.store = store;
		}

		@Override
		public String type() {
			return UPDATE;
		}

		@Override
		public Role requiredRole() {
			return Role.ADMIN;
		}

		@Override
		public Class<Update> paramsType() {
			return Update.class;
		}

		@Override
		public Class<Previous> inverseType() {
			return Previous.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, Update params) {
			PolicyFields fields = params.policy().validated();
			this.store.require(context.workspaceId(), params.policyId());
			this.store.requireNameFree(context.workspaceId(), fields.name(), params.policyId());
			return target(params.policyId());
		}

		@Override
		public ActionOutcome<Previous> execute(ActionContext context, Update params) {
			GuardrailPolicy before = this.store.lock(context.workspaceId(), params.policyId());
			this.store.update(context.workspaceId(), before.id(), params.policy().validated());
			return ActionOutcome.of(result(this.store.require(context.workspaceId(), before.id())),
					new Previous(before.id(), before.fields()));
		}

		@Override
		public Object revert(ActionContext context, Previous inverse) {
			GuardrailPolicy policy = this.store.lock(context.workspaceId(), inverse.policyId());
			this.store.update(context.workspaceId(), policy.id(), inverse.policy());
			return result(this.store.require(context.workspaceId(), policy.id()));
		}

	}

	@Component
	static class SetPolicyMode implements ActionHandler<SetMode, PreviousMode> {

		private final PolicyStore store;

		SetPolicyMode(PolicyStore store) {
			this.store = store;
		}

		@Override
		public String type() {
			return SET_MODE;
		}

		@Override
		public Role requiredRole() {
			return Role.ADMIN;
		}

		@Override
		public Class<SetMode> paramsType() {
			return SetMode.class;
		}

		@Override
		public Class<PreviousMode> inverseType() {
			return PreviousMode.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, SetMode params) {
			if (EnforcementMode.fromWire(params.enforcementMode()) == null) {
				throw ApiException.validation("enforcement_mode", "must be one of " + PolicyFields.MODES,
						PolicyFields.MODES);
			}
			this.store.require(context.workspaceId(), params.policyId());
			return target(params.policyId());
		}

		@Override
		public ActionOutcome<PreviousMode> execute(ActionContext context, SetMode params) {
			GuardrailPolicy before = this.store.lock(context.workspaceId(), params.policyId());
			this.store.setMode(context.workspaceId(), before.id(), params.enforcementMode());
			return ActionOutcome.of(result(this.store.require(context.workspaceId(), before.id())),
					new PreviousMode(before.id(), before.enforcementMode()));
		}

		@Override
		public Object revert(ActionContext context, PreviousMode inverse) {
			GuardrailPolicy policy = this.store.lock(context.workspaceId(), inverse.policyId());
			this.store.setMode(context.workspaceId(), policy.id(), inverse.enforcementMode());
			return result(this.store.require(context.workspaceId(), policy.id()));
		}

	}

	/** Disable and enable differ only in the type and the value. */
	abstract static class SetPolicyActive implements ActionHandler<Toggle, PreviousActive> {

		private final PolicyStore store;

		private final String type;

		private final boolean active;

		SetPolicyActive(PolicyStore store, String type, boolean active) {
			this.store = store;
			this.type = type;
			this.active = active;
		}

		@Override
		public String type() {
			return this.type;
		}

		@Override
		public Role requiredRole() {
			return Role.ADMIN;
		}

		@Override
		public Class<Toggle> paramsType() {
			return Toggle.class;
		}

		@Override
		public Class<PreviousActive> inverseType() {
			return PreviousActive.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, Toggle params) {
			this.store.require(context.workspaceId(), params.policyId());
			return target(params.policyId());
		}

		@Override
		public ActionOutcome<PreviousActive> execute(ActionContext context, Toggle params) {
			GuardrailPolicy before = this.store.lock(context.workspaceId(), params.policyId());
			this.store.setActive(context.workspaceId(), before.id(), this.active);
			return ActionOutcome.of(result(this.store.require(context.workspaceId(), before.id())),
					new PreviousActive(before.id(), before.isActive()));
		}

		@Override
		public Object revert(ActionContext context, PreviousActive inverse) {
			GuardrailPolicy policy = this.store.lock(context.workspaceId(), inverse.policyId());
			this.store.setActive(context.workspaceId(), policy.id(), inverse.active());
			return result(this.store.require(context.workspaceId(), policy.id()));
		}

	}

	@Component
	static class DisablePolicy extends SetPolicyActive {

		DisablePolicy(PolicyStore store) {
			super(store, DISABLE, false);
		}

	}

	@Component
	static class EnablePolicy extends SetPolicyActive {

		EnablePolicy(PolicyStore store) {
			super(store, ENABLE, true);
		}

	}

}
