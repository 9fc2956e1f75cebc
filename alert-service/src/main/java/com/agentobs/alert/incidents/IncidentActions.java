package com.agentobs.alert.incidents;

import java.time.Clock;
import java.time.Instant;
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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The incident lifecycle as actions: open → acknowledged → mitigated → resolved → closed, each
 * allowed only from the states listed in {@link Transition} (409 otherwise). The inverse is the
 * incident's lifecycle fields before the change; a rollback applies only while the incident is
 * still in the state the action left it in (409 once it moved on).
 */
@Configuration(proxyBeanMethods = false)
class IncidentActions {

	static final List<String> SEVERITIES = List.of("sev1", "sev2", "sev3", "sev4");

	// POST /api/v1/incidents/{incident_id}/{acknowledge|mitigate|resolve|close|assign}
	record IncidentChange(UUID incidentId, String note, String assignee) {
	}

	// POST /api/v1/incidents (incident.declare)
	record Declaration(String title, String severity, String department, String agentId, String cause) {
	}

	record Declared(UUID incidentId) {
	}

	enum Transition {

		ACKNOWLEDGE("incident.acknowledge", "acknowledged", List.of("open")),
		MITIGATE("incident.mitigate", "mitigated", List.of("open", "acknowledged")),
		RESOLVE("incident.resolve", "resolved", List.of("open", "acknowledged", "mitigated")),
		CLOSE("incident.close", "closed", List.of("resolved"));

		final String type;

		final String to;

		final List<String> from;

		Transition(String type, String to, List<String> from) {
			this.type = type;
			this.to = to;
			this.from = from;
		}

		IncidentState apply(IncidentState s, Instant now) {
			Instant ack = (s.acknowledgedAt() != null) ? s.acknowledgedAt() : now;
			return switch (this) {
				case ACKNOWLEDGE -> new IncidentState(s.incidentId(), this.to, s.severity(), s.assignee(), s.detectedAt(),
						ack, s.mitigatedAt(), s.resolvedAt(), s.closedAt());
				case MITIGATE -> new IncidentState(s.incidentId(), this.to, s.severity(), s.assignee(), s.detectedAt(),
						ack, now, s.resolvedAt(), s.closedAt());
				case RESOLVE -> new IncidentState(s.incidentId(), this.to, s.severity(), s.assignee(), s.detectedAt(),
						ack, s.mitigatedAt(), now, s.closedAt());
				case CLOSE -> new IncidentState(s.incidentId(), this.to, s.severity(), s.assignee(), s.detectedAt(),
						s.acknowledgedAt(), s.mitigatedAt(), s.resolvedAt(), now);
			};
		}

		void check(IncidentState s) {
			if (!this.from.contains(s.status())) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("incident_id", s.incidentId().toString());
				details.put("status", s.status());
				details.put("allowed_from", this.from);
				throw new ApiException(ErrorCode.CONFLICT,
						"An incident that is " + s.status() + " cannot be " + this.to, details);
			}
		}

	}

	@Bean
	ActionHandler<IncidentChange, IncidentState> acknowledgeIncidentAction(IncidentStore store, Clock clock) {
		return new TransitionAction(store, clock, Transition.ACKNOWLEDGE);
	}

	@Bean
	ActionHandler<IncidentChange, IncidentState> mitigateIncidentAction(IncidentStore store, Clock clock) {
		return new TransitionAction(store, clock, Transition.MITIGATE);
	}

	@Bean
	ActionHandler<IncidentChange, IncidentState> resolveIncidentAction(IncidentStore store, Clock clock) {
		return new TransitionAction(store, clock, Transition.RESOLVE);
	}

	@Bean
	ActionHandler<IncidentChange, IncidentState> closeIncidentAction(IncidentStore store, Clock clock) {
		return new TransitionAction(store, clock, Transition.CLOSE);
	}

	@Bean
	ActionHandler<IncidentChange, IncidentState> assignIncidentAction(IncidentStore store, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "incident.assign";
			}

			@Override
			public Class<IncidentChange> paramsType() {
				return IncidentChange.class;
			}

			@Override
			public Class<IncidentState> inverseType() {
				return IncidentState.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, IncidentChange p) {
				if (p.assignee() == null || p.assignee().isBlank() || p.assignee().length() > 255) {
					throw ApiException.validation("assignee", "must be 1 to 255 characters");
				}
				return target(store.require(context.workspaceId(), p.incidentId()));
			}

			@Override
			public ActionOutcome<IncidentState> execute(ActionContext context, IncidentChange p) {
				IncidentState before = store.lock(context.workspaceId(), p.incidentId());
				IncidentState after = new IncidentState(before.incidentId(), before.status(), before.severity(),
						p.assignee(), before.detectedAt(), before.acknowledgedAt(), before.mitigatedAt(),
						before.resolvedAt(), before.closedAt());
				store.setState(context.workspaceId(), after);
				store.event(context.workspaceId(), p.incidentId(), "assigned", "Assigned to " + p.assignee(),
						context.actorSubject(), Map.of("action_id", context.actionId().toString()), clock.instant());
				return ActionOutcome.of(result(after), before);
			}

			@Override
			public Object revert(ActionContext context, IncidentState inverse) {
				IncidentState now = store.lock(context.workspaceId(), inverse.incidentId());
				IncidentState restored = new IncidentState(now.incidentId(), now.status(), now.severity(),
						inverse.assignee(), now.detectedAt(), now.acknowledgedAt(), now.mitigatedAt(),
						now.resolvedAt(), now.closedAt());
				store.setState(context.workspaceId(), restored);
				return result(restored);
			}
		};
	}

	@Bean
	ActionHandler<Declaration, Declared> declareIncidentAction(IncidentStore store, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "incident.declare";
			}

			@Override
			public Class<Declaration> paramsType() {
				return Declaration.class;
			}

			@Override
			public Class<Declared> inverseType() {
				return Declared.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, Declaration p) {
				if (p.title() == null || p.title().isBlank() || p.title().length() > 300) {
					throw ApiException.validation("title", "must be 1 to 300 characters");
				}
				if (p.severity() == null || !SEVERITIES.contains(p.severity())) {
					throw ApiException.validation("severity", "must be one of the severities", SEVERITIES);
				}
				ActionScope scope = (p.agentId() != null) ? ActionScope.AGENT
						: (p.department() != null) ? ActionScope.DEPARTMENT : ActionScope.FLEET;
				return new ActionTarget(scope, "incident", p.title());
			}

			@Override
			public ActionOutcome<Declared> execute(ActionContext context, Declaration p) {
				UUID id = store.declare(context.workspaceId(), p.title(), p.severity(), p.department(), p.agentId(),
						(p.cause() != null) ? p.cause() : "declared", clock.instant(), context.actorSubject());
				return ActionOutcome.of(Map.of("incident_id", id.toString(), "status", "open"), new Declared(id));
			}

			@Override
			public Object revert(ActionContext context, Declared inverse) {
				IncidentState s = store.lock(context.workspaceId(), inverse.incidentId());
				store.delete(context.workspaceId(), s.incidentId());
				return Map.of("incident_id", s.incidentId().toString(), "deleted", true);
			}
		};
	}

	static ActionTarget target(IncidentState s) {
		return new ActionTarget(ActionScope.FLEET, "incident", s.incidentId().toString());
	}

	static Map<String, Object> result(IncidentState s) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("incident_id", s.incidentId().toString());
		r.put("status", s.status());
		r.put("assignee", s.assignee());
		r.put("acknowledged_at", (s.acknowledgedAt() != null) ? s.acknowledgedAt().toString() : null);
		r.put("resolved_at", (s.resolvedAt() != null) ? s.resolvedAt().toString() : null);
		return r;
	}

	/** One lifecycle step; the order check runs before any audit row and again under the row lock. */
	static final class TransitionAction implements ActionHandler<IncidentChange, IncidentState> {

		private final IncidentStore store;

		private final Clock clock;

		private final Transition transition;

		TransitionAction(IncidentStore store, Clock clock, Transition transition) {
			this.store = store;
			this.clock = clock;
			this.transition = transition;
		}

		@Override
		public String type() {
			return this.transition.type;
		}

		@Override
		public Class<IncidentChange> paramsType() {
			return IncidentChange.class;
		}

		@Override
		public Class<IncidentState> inverseType() {
			return IncidentState.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, IncidentChange p) {
			IncidentState s = this.store.require(context.workspaceId(), p.incidentId());
			this.transition.check(s);
			return target(s);
		}

		@Override
		public ActionOutcome<IncidentState> execute(ActionContext context, IncidentChange p) {
			IncidentState before = this.store.lock(context.workspaceId(), p.incidentId());
			this.transition.check(before);
			Instant now = this.clock.instant();
			IncidentState after = this.transition.apply(before, now);
			this.store.setState(context.workspaceId(), after);
			this.store.event(context.workspaceId(), p.incidentId(), this.transition.to,
					(p.note() != null) ? p.note() : "Incident " + this.transition.to, context.actorSubject(),
					Map.of("action_id", context.actionId().toString()), now);
			return ActionOutcome.of(result(after), before);
		}

		@Override
		public Object revert(ActionContext context, IncidentState inverse) {
			IncidentState now = this.store.lock(context.workspaceId(), inverse.incidentId());
			if (!this.transition.to.equals(now.status())) {
				throw new ApiException(ErrorCode.CONFLICT, "The incident moved on to " + now.status()
						+ " since; undo the later change first", Map.of("status", now.status()));
			}
			this.store.setState(context.workspaceId(), inverse);
			this.store.event(context.workspaceId(), inverse.incidentId(), "reverted",
					"Back to " + inverse.status() + " (undo of " + this.transition.type + ")", context.actorSubject(),
					Map.of("action_id", context.actionId().toString()), this.clock.instant());
			return result(inverse);
		}

	}

}
