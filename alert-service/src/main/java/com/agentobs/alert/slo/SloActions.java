package com.agentobs.alert.slo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** {@code slo.create} and {@code slo.delete}; the inverse is the SLO's deleted flag before. */
@Configuration(proxyBeanMethods = false)
class SloActions {

	static final String CREATE = "slo.create";

	static final String DELETE = "slo.delete";

	// POST /api/v1/slo
	record SloRequest(String name, String sli, BigDecimal objectivePct, BigDecimal threshold, String scopeType,
			String scopeValue, Integer windowDays) {

		Slo toSlo() {
			if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
				throw ApiException.validation("name", "must be 1 to 200 characters");
			}
			if (this.sli == null || !Slo.SLIS.contains(this.sli)) {
				throw ApiException.validation("sli", "must be one of the SLIs", List.copyOf(Slo.SLIS));
			}
			if (this.objectivePct == null || this.objectivePct.signum() <= 0
					|| this.objectivePct.compareTo(BigDecimal.valueOf(100)) >= 0) {
				throw ApiException.validation("objective_pct", "must be above 0 and below 100");
			}
			if (!"availability".equals(this.sli) && (this.threshold == null || this.threshold.signum() <= 0)) {
				throw ApiException.validation("threshold", "is required (positive) for a " + this.sli + " SLO");
			}
			String scope = (this.scopeType != null) ? this.scopeType : "fleet";
			if (!List.of("fleet", "department", "agent").contains(scope)) {
				throw ApiException.validation("scope_type", "must be fleet, department or agent",
						List.of("fleet", "department", "agent"));
			}
			if (!"fleet".equals(scope) && (this.scopeValue == null || this.scopeValue.isBlank())) {
				throw ApiException.validation("scope_value", "is required for a " + scope + " SLO");
			}
			int window = (this.windowDays != null) ? this.windowDays : 30;
			if (window < 1 || window > 90) {
				throw ApiException.validation("window_days", "must be between 1 and 90");
			}
			return new Slo(null, this.name, this.sli, this.objectivePct,
					"availability".equals(this.sli) ? null : this.threshold, scope,
					"fleet".equals(scope) ? null : this.scopeValue, window, null);
		}
	}

	record SloRef(UUID sloId) {
	}

	@Bean
	ActionHandler<SloRequest, SoftDelete> createSloAction(SloStore slos) {
		return new SoftDeleteAction<>(CREATE, SloRequest.class, Role.OPERATOR) {
			@Override
			public ActionTarget prepare(ActionContext context, SloRequest p) {
				Slo slo = p.toSlo();
				ActionScope scope = switch (slo.scopeType()) {
					case "agent" -> ActionScope.AGENT;
					case "department" -> ActionScope.DEPARTMENT;
					default -> ActionScope.FLEET;
				};
				return new ActionTarget(scope, "slo", slo.name());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, SloRequest p) {
				UUID id = slos.insert(context.workspaceId(), p.toSlo(), context.actorSubject());
				return ActionOutcome.of(Map.of("slo_id", id.toString(), "is_deleted", false), new SoftDelete(id, true));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(slos, context, inverse);
			}
		};
	}

	@Bean
	ActionHandler<SloRef, SoftDelete> deleteSloAction(SloStore slos) {
		return new SoftDeleteAction<>(DELETE, SloRef.class, Role.OPERATOR) {
			@Override
			public ActionTarget prepare(ActionContext context, SloRef p) {
				slos.find(context.workspaceId(), p.sloId())
					.orElseThrow(() -> ApiException.notFound("slo", p.sloId().toString()));
				return new ActionTarget(ActionScope.FLEET, "slo", p.sloId().toString());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, SloRef p) {
				boolean was = slos.lockDeleted(context.workspaceId(), p.sloId());
				slos.setDeleted(context.workspaceId(), p.sloId(), true);
				return ActionOutcome.of(Map.of("slo_id", p.sloId().toString(), "is_deleted", true),
						new SoftDelete(p.sloId(), was));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(slos, context, inverse);
			}
		};
	}

	private static Object restore(SloStore slos, ActionContext context, SoftDelete inverse) {
		slos.lockDeleted(context.workspaceId(), inverse.id());
		slos.setDeleted(context.workspaceId(), inverse.id(), inverse.deleted());
		return Map.of("slo_id", inverse.id().toString(), "is_deleted", inverse.deleted());
	}

}
