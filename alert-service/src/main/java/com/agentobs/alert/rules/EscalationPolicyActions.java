package com.agentobs.alert.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.notify.ChannelStore;
import com.agentobs.alert.system.Ids;
import com.agentobs.alert.system.SoftDelete;
import com.agentobs.alert.system.SoftDeleteAction;
import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code escalation_policy.create} / {@code .delete} (operator, like rules: the channels already exist); undo reverses either. */
@Configuration(proxyBeanMethods = false)
class EscalationPolicyActions {

	static final String CREATE = "escalation_policy.create";

	static final String DELETE = "escalation_policy.delete";

	// POST /api/v1/alerts/escalation-policies
	record PolicyRequest(String name, String severity, Integer afterMinutes, List<String> channelIds) {
	}

	record PolicyRef(UUID policyId) {
	}

	@Bean
	ActionHandler<PolicyRequest, SoftDelete> createEscalationPolicyAction(EscalationPolicyStore policies,
			ChannelStore channels) {
		return new SoftDeleteAction<>(CREATE, PolicyRequest.class, Role.OPERATOR) {
			@Override
			public ActionTarget prepare(ActionContext context, PolicyRequest p) {
				return new ActionTarget(ActionScope.FLEET, "escalation_policy",
						validated(context, p, channels).name());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, PolicyRequest p) {
				UUID id = policies.insert(context.workspaceId(), validated(context, p, channels));
				return ActionOutcome.of(Map.of("policy_id", id.toString(), "is_deleted", false),
						new SoftDelete(id, true));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(policies, context, inverse);
			}
		};
	}

	@Bean
	ActionHandler<PolicyRef, SoftDelete> deleteEscalationPolicyAction(EscalationPolicyStore policies) {
		return new SoftDeleteAction<>(DELETE, PolicyRef.class, Role.OPERATOR) {
			@Override
			public ActionTarget prepare(ActionContext context, PolicyRef p) {
				if (policies.lockDeleted(context.workspaceId(), p.policyId())) {
					throw ApiException.notFound("escalation policy", p.policyId().toString());
				}
				return new ActionTarget(ActionScope.FLEET, "escalation_policy", p.policyId().toString());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, PolicyRef p) {
				boolean was = policies.lockDeleted(context.workspaceId(), p.policyId());
				policies.setDeleted(context.workspaceId(), p.policyId(), true);
				return ActionOutcome.of(Map.of("policy_id", p.policyId().toString(), "is_deleted", true),
						new SoftDelete(p.policyId(), was));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(policies, context, inverse);
			}
		};
	}

	private static Object restore(EscalationPolicyStore policies, ActionContext context, SoftDelete inverse) {
		policies.lockDeleted(context.workspaceId(), inverse.id());
		policies.setDeleted(context.workspaceId(), inverse.id(), inverse.deleted());
		return Map.of("policy_id", inverse.id().toString(), "is_deleted", inverse.deleted());
	}

	static EscalationPolicy validated(ActionContext context, PolicyRequest p, ChannelStore channels) {
		String name = RuleRequest.required("name", p.name());
		if (name.length() > 200) {
			throw ApiException.validation("name", "must be at most 200 characters");
		}
		String severity = RuleRequest.oneOf("severity", RuleRequest.required("severity", p.severity()),
				RuleRequest.SEVERITIES);
		if (p.afterMinutes() == null) {
			throw ApiException.validation("after_minutes", "is required");
		}
		int after = RuleRequest.range("after_minutes", p.afterMinutes(), 1, 1440);
		if (p.channelIds() == null || p.channelIds().isEmpty() || p.channelIds().size() > 10) {
			throw ApiException.validation("channel_ids", "must name 1 to 10 notification channels");
		}
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < p.channelIds().size(); i++) {
			UUID id = Ids.uuid("channel_ids[" + i + "]", p.channelIds().get(i));
			if (!channels.exists(context.workspaceId(), id)) {
				throw ApiException.validation("channel_ids[" + i + "]", "no such notification channel");
			}
			ids.add(id);
		}
		return new EscalationPolicy(null, name, severity, after, ids, true, context.actorSubject(), null);
	}

}
