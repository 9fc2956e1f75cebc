package com.agentobs.alert.automation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The playbook and execution actions. {@code create} (undo: delete), {@code update} (undo: the
 * previous version comes back as a new version), {@code enable}/{@code disable} (undo: the other
 * one) are reversible; {@code run}, {@code dry_run}, {@code execution.approve_step} and
 * {@code execution.cancel} are not (a started run is cancelled, not undone). Designing playbooks
 * needs the admin role (they act without a person); running, approving and cancelling needs operator.
 */
@Configuration(proxyBeanMethods = false)
class PlaybookActions {

	record PlaybookRef(UUID playbookId) {
	}

	record Update(UUID playbookId, PlaybookDefinition definition) {
	}

	record UpdateInverse(UUID playbookId, int version) {
	}

	record EnabledInverse(UUID playbookId, boolean enabled) {
	}

	record Run(UUID playbookId, Map<String, Object> event) {
	}

	record ExecutionRef(UUID executionId, String note) {
	}

	private final PlaybookStore playbooks;

	private final ExecutionStore executions;

	private final StepCatalog catalog;

	private final Conditions conditions;

	private final AutomationTriggers triggers;

	private final Clock clock;

	PlaybookActions(PlaybookStore playbooks, ExecutionStore executions, StepCatalog catalog, Conditions conditions,
			AutomationTriggers triggers, Clock clock) {
		this.playbooks = playbooks;
		this.executions = executions;
		this.catalog = catalog;
		this.conditions = conditions;
		this.triggers = triggers;
		this.clock = clock;
	}

	private Playbook playbook(ActionContext context, UUID id) {
		if (id == null) {
			throw ApiException.validation("playbook_id", "is required");
		}
		return this.playbooks.find(context.workspaceId(), id)
			.orElseThrow(() -> ApiException.notFound("playbook", id.toString()));
	}

	private Execution execution(ActionContext context, UUID id) {
		if (id == null) {
			throw ApiException.validation("execution_id", "is required");
		}
		return this.executions.find(context.workspaceId(), id)
			.orElseThrow(() -> ApiException.notFound("playbook execution", id.toString()));
	}

	private static ActionTarget target(UUID id) {
		return new ActionTarget(ActionScope.FLEET, "playbook", id.toString());
	}

	private void checkName(UUID ws, String name, UUID except) {
		boolean taken = this.playbooks.list(ws, null, null, null, 1000, 0)
			.stream()
			.anyMatch((p) -> p.definition().name().equalsIgnoreCase(name) && !p.playbookId().equals(except));
		if (taken) {
			throw new ApiException(ErrorCode.CONFLICT, "A playbook with this name exists", Map.of("field", "name"));
		}
	}

	@Bean
	ActionHandler<PlaybookDefinition, PlaybookRef> createPlaybookAction() {
		return new Handler<>("playbook.create", PlaybookDefinition.class, PlaybookRef.class, Role.ADMIN) {

			@Override
			public ActionTarget prepare(ActionContext context, PlaybookDefinition d) {
				d.validate(PlaybookActions.this.catalog, PlaybookActions.this.conditions);
				checkName(context.workspaceId(), d.name(), null);
				return new ActionTarget(ActionScope.FLEET, "playbook", d.name());
			}

			@Override
			public ActionOutcome<PlaybookRef> execute(ActionContext context, PlaybookDefinition d) {
				Instant now = PlaybookActions.this.clock.instant();
				UUID id = PlaybookActions.this.playbooks.insert(context.workspaceId(), d, context.actorSubject(),
						AutomationTriggers.nextRun(d, now));
				return ActionOutcome.of(Map.of("playbook_id", id.toString(), "version", 1), new PlaybookRef(id));
			}

			@Override
			public Object revert(ActionContext context, PlaybookRef inverse) {
				PlaybookActions.this.playbooks.softDelete(context.workspaceId(), inverse.playbookId());
				return Map.of("playbook_id", inverse.playbookId().toString(), "deleted", true);
			}
		};
	}

	@Bean
	ActionHandler<Update, UpdateInverse> updatePlaybookAction() {
		return new Handler<>("playbook.update", Update.class, UpdateInverse.class, Role.ADMIN) {

			@Override
			public ActionTarget prepare(ActionContext context, Update u) {
				playbook(context, u.playbookId());
				if (u.definition() == null) {
					throw ApiException.validation("definition", "is required");
				}
				u.definition().validate(PlaybookActions.this.catalog, PlaybookActions.this.conditions);
				checkName(context.workspaceId(), u.definition().name(), u.playbookId());
				return target(u.playbookId());
			}

			@Override
			public ActionOutcome<UpdateInverse> execute(ActionContext context, Update u) {
				Playbook before = PlaybookActions.this.playbooks.lock(context.workspaceId(), u.playbookId())
					.orElseThrow(() -> ApiException.notFound("playbook", u.playbookId().toString()));
				int version = PlaybookActions.this.playbooks.update(context.workspaceId(), u.playbookId(),
						u.definition(), context.actorSubject(),
						AutomationTriggers.nextRun(u.definition(), PlaybookActions.this.clock.instant()));
				return ActionOutcome.of(Map.of("playbook_id", u.playbookId().toString(), "version", version),
						new UpdateInverse(u.playbookId(), before.version()));
			}

			@Override
			public Object revert(ActionContext context, UpdateInverse inverse) {
				PlaybookDefinition previous = PlaybookActions.this.playbooks
					.version(context.workspaceId(), inverse.playbookId(), inverse.version())
					.orElseThrow(() -> ApiException.conflict("The previous version is gone"));
				int version = PlaybookActions.this.playbooks.update(context.workspaceId(), inverse.playbookId(),
						previous, context.actorSubject(),
						AutomationTriggers.nextRun(previous, PlaybookActions.this.clock.instant()));
				return Map.of("playbook_id", inverse.playbookId().toString(), "version", version,
						"restored_version", inverse.version());
			}
		};
	}

	@Bean
	ActionHandler<PlaybookRef, EnabledInverse> enablePlaybookAction() {
		return enabledHandler("playbook.enable", true);
	}

	@Bean
	ActionHandler<PlaybookRef, EnabledInverse> disablePlaybookAction() {
		return enabledHandler("playbook.disable", false);
	}

	private ActionHandler<PlaybookRef, EnabledInverse> enabledHandler(String type, boolean enable) {
		return new Handler<>(type, PlaybookRef.class, EnabledInverse.class, Role.OPERATOR) {

			@Override
			public ActionTarget prepare(ActionContext context, PlaybookRef ref) {
				Playbook p = playbook(context, ref.playbookId());
				if (p.enabled() == enable) {
					throw ApiException.conflict("The playbook is already " + (enable ? "enabled" : "disabled"));
				}
				return target(ref.playbookId());
			}

			@Override
			public ActionOutcome<EnabledInverse> execute(ActionContext context, PlaybookRef ref) {
				Playbook p = PlaybookActions.this.playbooks.lock(context.workspaceId(), ref.playbookId()).orElseThrow();
				set(context.workspaceId(), p, enable);
				return ActionOutcome.of(Map.of("playbook_id", ref.playbookId().toString(), "enabled", enable),
						new EnabledInverse(ref.playbookId(), p.enabled()));
			}

			@Override
			public Object revert(ActionContext context, EnabledInverse inverse) {
				Playbook p = PlaybookActions.this.playbooks.lock(context.workspaceId(), inverse.playbookId())
					.orElseThrow(() -> ApiException.notFound("playbook", inverse.playbookId().toString()));
				set(context.workspaceId(), p, inverse.enabled());
				return Map.of("playbook_id", inverse.playbookId().toString(), "enabled", inverse.enabled());
			}
		};
	}

	private void set(UUID ws, Playbook p, boolean enabled) {
		this.playbooks.setEnabled(ws, p.playbookId(), enabled,
				enabled ? AutomationTriggers.nextRun(p.definition(), this.clock.instant()) : null);
	}

	@Bean
	ActionHandler<Run, Void> runPlaybookAction() {
		return new Handler<>("playbook.run", Run.class, Void.class, Role.OPERATOR) {

			@Override
			public ActionTarget prepare(ActionContext context, Run run) {
				Playbook p = playbook(context, run.playbookId());
				if (!p.enabled()) {
					throw ApiException.conflict("The playbook is disabled: enable it before running it");
				}
				return target(run.playbookId());
			}

			@Override
			public ActionOutcome<Void> execute(ActionContext context, Run run) {
				Playbook p = playbook(context, run.playbookId());
				Map<String, Object> event = (run.event() != null) ? new LinkedHashMap<>(run.event())
						: new LinkedHashMap<>();
				event.put("requested_by", context.actorSubject());
				UUID id = PlaybookActions.this.triggers
					.fire(context.workspaceId(), p, "manual", "manual:" + context.actionId(), event,
							context.actorSubject(), null, null)
					.orElseThrow(() -> ApiException.conflict("The playbook's condition does not match this event"));
				Execution e = PlaybookActions.this.executions.find(context.workspaceId(), id).orElseThrow();
				return ActionOutcome.irreversible(Map.of("execution_id", id.toString(), "status", e.status()));
			}
		};
	}

	@Bean
	ActionHandler<PlaybookRef, Void> dryRunPlaybookAction() {
		return new Handler<>("playbook.dry_run", PlaybookRef.class, Void.class, Role.OPERATOR) {

			@Override
			public ActionTarget prepare(ActionContext context, PlaybookRef ref) {
				playbook(context, ref.playbookId());
				return target(ref.playbookId());
			}

			@Override
			public ActionOutcome<Void> execute(ActionContext context, PlaybookRef ref) {
				Playbook p = playbook(context, ref.playbookId());
				Instant now = PlaybookActions.this.clock.instant();
				ExecutionStore.NewExecution n = new ExecutionStore.NewExecution(p.playbookId(), p.version(), "dry_run",
						"manual", "dry_run:" + context.actionId(), Map.of("requested_by", context.actorSubject()),
						context.actorSubject(), null, "succeeded", "dry_run", null);
				UUID id = PlaybookActions.this.executions
					.create(context.workspaceId(), n, p.definition().steps(), "planned", now, PlaybookActions.this.catalog)
					.orElseThrow();
				List<Map<String, Object>> planned = new java.util.ArrayList<>();
				List<PlaybookStep> steps = p.definition().steps();
				for (int i = 0; i < steps.size(); i++) {
					PlaybookStep s = steps.get(i);
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("step_index", i);
					item.put("action_type", s.actionType());
					item.put("params", s.params());
					item.put("owner_service", PlaybookActions.this.catalog.owner(s.actionType()));
					item.put("requires_approval", s.requiresApproval());
					item.put("on_failure", s.onFailure());
					item.put("enabled", s.enabled());
					planned.add(item);
				}
				return ActionOutcome.irreversible(Map.of("execution_id", id.toString(), "planned_actions", planned));
			}
		};
	}

	@Bean
	ActionHandler<ExecutionRef, Void> approveStepAction() {
		return new Handler<>("execution.approve_step", ExecutionRef.class, Void.class, Role.OPERATOR) {

			@Override
			public ActionTarget prepare(ActionContext context, ExecutionRef ref) {
				Execution e = execution(context, ref.executionId());
				if (!"awaiting_approval".equals(e.status())) {
					throw new ApiException(ErrorCode.CONFLICT, "The execution is not waiting for an approval",
							Map.of("status", e.status()));
				}
				if (Objects.equals(e.triggeredBy(), context.actorSubject())) {
					throw new ApiException(ErrorCode.SELF_APPROVAL,
							"The user who started a run cannot approve its steps", Map.of("field", "execution_id"));
				}
				return new ActionTarget(ActionScope.FLEET, "playbook_execution", e.executionId().toString());
			}

			@Override
			public ActionOutcome<Void> execute(ActionContext context, ExecutionRef ref) {
				UUID ws = context.workspaceId();
				Execution e = PlaybookActions.this.executions.lock(ws, ref.executionId()).orElseThrow();
				Instant now = PlaybookActions.this.clock.instant();
				if (!"awaiting_approval".equals(e.status()) || !e.approvalDeadline().isAfter(now)) {
					throw ApiException.conflict("The approval is no longer open (" + e.status() + ")");
				}
				int index = PlaybookActions.this.executions.steps(ws, e.executionId())
					.stream()
					.filter((s) -> "awaiting_approval".equals(s.status()))
					.mapToInt(Execution.Step::stepIndex)
					.findFirst()
					.orElseThrow(() -> ApiException.conflict("No step is waiting for an approval"));
				PlaybookActions.this.executions.approve(ws, e.executionId(), index, context.actorSubject(), now);
				return ActionOutcome.irreversible(Map.of("execution_id", e.executionId().toString(), "step_index", index));
			}
		};
	}

	@Bean
	ActionHandler<ExecutionRef, Void> cancelExecutionAction() {
		return new Handler<>("execution.cancel", ExecutionRef.class, Void.class, Role.OPERATOR) {

			@Override
			public ActionTarget prepare(ActionContext context, ExecutionRef ref) {
				Execution e = execution(context, ref.executionId());
				if (e.finished()) {
					throw new ApiException(ErrorCode.CONFLICT, "The execution has finished",
							Map.of("status", e.status()));
				}
				return new ActionTarget(ActionScope.FLEET, "playbook_execution", e.executionId().toString());
			}

			@Override
			public ActionOutcome<Void> execute(ActionContext context, ExecutionRef ref) {
				UUID ws = context.workspaceId();
				Instant now = PlaybookActions.this.clock.instant();
				PlaybookActions.this.executions.lock(ws, ref.executionId()).orElseThrow();
				if (!PlaybookActions.this.executions.finish(ws, ref.executionId(), null, "cancelled", "cancelled",
						(ref.note() != null) ? ref.note() : "cancelled by " + context.actorSubject(), now)) {
					throw ApiException.conflict("The execution has finished");
				}
				for (Execution.Step s : PlaybookActions.this.executions.steps(ws, ref.executionId())) {
					if (List.of("pending", "awaiting_approval").contains(s.status())) {
						PlaybookActions.this.executions.step(ws, ref.executionId(), s.stepIndex(), "skipped", null,
								null, null, now, "cancelled");
					}
				}
				return ActionOutcome.irreversible(Map.of("execution_id", ref.executionId().toString(), "status",
						"cancelled"));
			}
		};
	}

	/** A handler with its type, parameter and inverse types and role; irreversible unless it overrides revert. */
	private abstract static class Handler<P, U> implements ActionHandler<P, U> {

		private final String type;

		private final Class<P> params;

		private final Class<U> inverse;

		private final Role role;

		Handler(String type, Class<P> params, Class<U> inverse, Role role) {
			this.type = type;
			this.params = params;
			this.inverse = inverse;
			this.role = role;
		}

		@Override
		public String type() {
			return this.type;
		}

		@Override
		public Class<P> paramsType() {
			return this.params;
		}

		@Override
		public Class<U> inverseType() {
			return this.inverse;
		}

		@Override
		public Role requiredRole() {
			return this.role;
		}

		@Override
		public Object revert(ActionContext context, U inverse) {
			throw new UnsupportedOperationException(this.type + " is not reversible");
		}

	}

}
