package com.agentobs.evaluation.experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The canary actions. The canary's share lives in the agent's configuration
 * ({@code settings.canary = {version, weight}}), so every step is a configuration version the agent
 * reads at once: start sets it, advance raises it (the last pass deploys the new version and drops
 * the block), abort sets the weight to 0, and {@code agent.rollback_version} redeploys the
 * pre-canary version so the config hash is exactly what it was. Each records its inverse.
 */
@Configuration(proxyBeanMethods = false)
class CanaryActions {

	static final String START = "canary.start";

	static final String ADVANCE = "canary.advance";

	static final String ABORT = "canary.abort";

	static final String ROLLBACK_VERSION = "agent.rollback_version";

	record Ref(UUID canaryId, String reason) {
	}

	/** {@code agent.rollback_version}'s parameters (the control plane's shape). */
	record VersionRollback(String agentId, Integer configVersionNumber, String reason) {
	}

	/** The inverse of start, advance and abort: the canary's previous state and the configuration change. */
	record Inverse(Canary.State state, AgentConfigWriter.Restore config) {
	}

	@Bean
	ActionHandler<CanaryDefinition, Inverse> canaryStart(CanaryStore canaries, AgentConfigWriter agents, Clock clock) {
		return new ActionHandler<>() {
			public String type() {
				return START;
			}

			public Class<CanaryDefinition> paramsType() {
				return CanaryDefinition.class;
			}

			public Class<Inverse> inverseType() {
				return Inverse.class;
			}

			public ActionTarget prepare(ActionContext context, CanaryDefinition p) {
				CanaryDefinition d = p.normalised();
				check(context, d, agents.read(context.workspaceId(), d.agentId(), false));
				return ActionTarget.agent(d.agentId());
			}

			public ActionOutcome<Inverse> execute(ActionContext context, CanaryDefinition p) {
				CanaryDefinition d = p.normalised();
				AgentConfigWriter.Current current = agents.lock(context, d.agentId());
				check(context, d, current);
				Instant now = Instant.now(clock);
				UUID id = canaries.insert(context.workspaceId(), d, (String) current.config().get("version"),
						current.versionNumber(), current.hash(), now, context.actorSubject());
				AgentConfigWriter.Applied applied = agents.apply(context, current,
						withCanary(current.config(), d.toVersion(), d.steps().get(0)),
						"Canary of " + d.toVersion() + " started at " + d.steps().get(0) + " %", "superseded");
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("canary_id", id.toString());
				result.put("agent_id", d.agentId());
				result.put("to_version", d.toVersion());
				result.put("weight", d.steps().get(0));
				result.put("config_version", applied.versionNumber());
				result.put("pre_config_hash", current.hash());
				Canary c = canaries.find(context.workspaceId(), id).orElseThrow();
				return ActionOutcome.of(result, new Inverse(c.state(), applied.inverse()));
			}

			public Object revert(ActionContext context, Inverse inverse) {
				agents.revert(context, inverse.config(), "Undo of a canary start");
				Canary.State s = inverse.state();
				canaries.apply(context.workspaceId(), new Canary.State(s.canaryId(), s.stepIndex(), s.failures(),
						Canary.ABORTED, s.stepStartedAt(), s.nextCheckAt(), Instant.now(clock), "start undone"));
				return Map.of("canary_id", s.canaryId().toString(), "status", Canary.ABORTED);
			}

			private void check(ActionContext context, CanaryDefinition d, AgentConfigWriter.Current current) {
				if (canaries.live(context.workspaceId(), d.agentId()).isPresent()) {
					throw ApiException.conflict("Agent " + d.agentId() + " already has a canary in progress");
				}
				if (d.toVersion().equals(current.config().get("version"))) {
					throw ApiException.validation("to_version", "is already the agent's version");
				}
			}
		};
	}

	@Bean
	ActionHandler<Ref, Inverse> canaryAdvance(CanaryStore canaries, AgentConfigWriter agents, Clock clock) {
		return new Step(ADVANCE, canaries, agents, clock) {
			@Override
			Result change(ActionContext context, Canary c, AgentConfigWriter.Current current, Instant now, Ref p) {
				if (!Canary.RUNNING.equals(c.status()) && !Canary.PAUSED.equals(c.status())) {
					throw ApiException.conflict("Canary " + c.canaryId() + " is " + c.status());
				}
				if (c.lastStep()) {
					Map<String, Object> next = new LinkedHashMap<>(current.config());
					next.put("version", c.toVersion());
					next.put("settings", withoutCanary(current.config()));
					AgentConfigWriter.Applied applied = agents.apply(context, current, next,
							"Canary of " + c.toVersion() + " promoted to all traffic", "superseded");
					return new Result(new Canary.State(c.canaryId(), c.stepIndex(), c.failures(), Canary.PROMOTED,
							c.stepStartedAt(), now, now, null), applied);
				}
				int weight = c.steps().get(c.stepIndex() + 1);
				AgentConfigWriter.Applied applied = agents.apply(context, current,
						withCanary(current.config(), c.toVersion(), weight),
						"Canary of " + c.toVersion() + " advanced to " + weight + " %", "superseded");
				return new Result(new Canary.State(c.canaryId(), c.stepIndex() + 1, c.failures(), Canary.RUNNING, now,
						now.plusSeconds(c.intervalSeconds()), null, null), applied);
			}
		};
	}

	@Bean
	ActionHandler<Ref, Inverse> canaryAbort(CanaryStore canaries, AgentConfigWriter agents, Clock clock) {
		return new Step(ABORT, canaries, agents, clock) {
			@Override
			Result change(ActionContext context, Canary c, AgentConfigWriter.Current current, Instant now, Ref p) {
				if (!Canary.RUNNING.equals(c.status()) && !Canary.PAUSED.equals(c.status())) {
					throw ApiException.conflict("Canary " + c.canaryId() + " is " + c.status());
				}
				AgentConfigWriter.Applied applied = agents.apply(context, current,
						withCanary(current.config(), c.toVersion(), 0),
						"Canary of " + c.toVersion() + " aborted: traffic to 0 %", "superseded");
				String reason = (p.reason() != null && !p.reason().isBlank()) ? p.reason() : "aborted by an operator";
				return new Result(new Canary.State(c.canaryId(), c.stepIndex(), c.failures(), Canary.ABORTED,
						c.stepStartedAt(), now, now, reason), applied);
			}
		};
	}

	@Bean
	ActionHandler<VersionRollback, AgentConfigWriter.Restore> agentRollbackVersion(AgentConfigWriter agents) {
		return new ActionHandler<>() {
			public String type() {
				return ROLLBACK_VERSION;
			}

			public Class<VersionRollback> paramsType() {
				return VersionRollback.class;
			}

			public Class<AgentConfigWriter.Restore> inverseType() {
				return AgentConfigWriter.Restore.class;
			}

			public ActionTarget prepare(ActionContext context, VersionRollback p) {
				if (p.agentId() == null || p.configVersionNumber() == null || p.configVersionNumber() < 1) {
					throw ApiException.validation("config_version_number", "agent_id and a version of 1 or more");
				}
				AgentConfigWriter.Current current = agents.read(context.workspaceId(), p.agentId(), false);
				if (current.versionId() != null) {
					agents.version(context.workspaceId(), current.agentUuid(), p.configVersionNumber());
				}
				return ActionTarget.agent(p.agentId());
			}

			public ActionOutcome<AgentConfigWriter.Restore> execute(ActionContext context, VersionRollback p) {
				String summary = "Rolled back to version " + p.configVersionNumber()
						+ ((p.reason() != null) ? ": " + p.reason() : "");
				AgentConfigWriter.Applied applied = agents.redeploy(context, p.agentId(), p.configVersionNumber(),
						summary);
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("agent_id", p.agentId());
				result.put("config_version", applied.versionNumber());
				result.put("config_hash", applied.hash());
				result.put("changes", applied.inverse().fields().keySet());
				return ActionOutcome.of(result, applied.inverse());
			}

			public Object revert(ActionContext context, AgentConfigWriter.Restore inverse) {
				AgentConfigWriter.Applied applied = agents.revert(context, inverse, "Rollback of a version rollback");
				return Map.of("agent_id", inverse.agentId(), "config_version", applied.versionNumber());
			}
		};
	}

	static Map<String, Object> withCanary(Map<String, Object> config, String version, int weight) {
		Map<String, Object> next = new LinkedHashMap<>(config);
		Map<String, Object> settings = new LinkedHashMap<>(withoutCanary(config));
		Map<String, Object> canary = new LinkedHashMap<>();
		canary.put("version", version);
		canary.put("weight", weight);
		settings.put("canary", canary);
		next.put("settings", settings);
		return next;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> withoutCanary(Map<String, Object> config) {
		Map<String, Object> settings = new LinkedHashMap<>(
				(config.get("settings") instanceof Map<?, ?> m) ? (Map<String, Object>) m : Map.of());
		settings.remove("canary");
		return settings;
	}

	/** advance and abort: lock the canary and the agent, change both, record both inverses. */
	abstract static class Step implements ActionHandler<Ref, Inverse> {

		record Result(Canary.State state, AgentConfigWriter.Applied applied) {
		}

		private final String type;

		private final CanaryStore canaries;

		private final AgentConfigWriter agents;

		private final Clock clock;

		Step(String type, CanaryStore canaries, AgentConfigWriter agents, Clock clock) {
			this.type = type;
			this.canaries = canaries;
			this.agents = agents;
			this.clock = clock;
		}

		abstract Result change(ActionContext context, Canary c, AgentConfigWriter.Current current, Instant now, Ref p);

		@Override
		public String type() {
			return this.type;
		}

		@Override
		public Class<Ref> paramsType() {
			return Ref.class;
		}

		@Override
		public Class<Inverse> inverseType() {
			return Inverse.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, Ref p) {
			if (p.canaryId() == null) {
				throw ApiException.validation("canary_id", "is required");
			}
			Canary c = this.canaries.find(context.workspaceId(), p.canaryId())
				.orElseThrow(() -> ApiException.notFound("canary", p.canaryId().toString()));
			if (!Canary.RUNNING.equals(c.status()) && !Canary.PAUSED.equals(c.status())) {
				throw ApiException.conflict("Canary " + c.canaryId() + " is " + c.status());
			}
			return ActionTarget.agent(c.agentId());
		}

		@Override
		public ActionOutcome<Inverse> execute(ActionContext context, Ref p) {
			Canary c = this.canaries.lock(context.workspaceId(), p.canaryId())
				.orElseThrow(() -> ApiException.notFound("canary", p.canaryId().toString()));
			AgentConfigWriter.Current current = this.agents.lock(context, c.agentId());
			Result r = change(context, c, current, Instant.now(this.clock), p);
			this.canaries.apply(context.workspaceId(), r.state());
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("canary_id", c.canaryId().toString());
			result.put("agent_id", c.agentId());
			result.put("status", r.state().status());
			result.put("step_index", r.state().stepIndex());
			result.put("weight", Canary.ABORTED.equals(r.state().status()) ? 0 : c.steps().get(r.state().stepIndex()));
			result.put("config_version", r.applied().versionNumber());
			return ActionOutcome.of(result, new Inverse(c.state(), r.applied().inverse()));
		}

		@Override
		public Object revert(ActionContext context, Inverse inverse) {
			this.canaries.lock(context.workspaceId(), inverse.state().canaryId())
				.orElseThrow(() -> ApiException.notFound("canary", inverse.state().canaryId().toString()));
			this.agents.revert(context, inverse.config(), "Undo of " + this.type);
			this.canaries.apply(context.workspaceId(), inverse.state());
			return Map.of("canary_id", inverse.state().canaryId().toString(), "status", inverse.state().status());
		}

	}

}
