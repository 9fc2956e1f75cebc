package com.agentobs.evaluation.experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

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
 * The experiment actions. Every lifecycle action records the experiment's previous lifecycle
 * fields and split as its inverse, so an undo restores exactly what it replaced; create's undo
 * deletes the experiment; promote's undo also redeploys the agent's previous configuration.
 */
@Configuration(proxyBeanMethods = false)
class ExperimentActions {

	static final String CREATE = "experiment.create";

	static final String START = "experiment.start";

	static final String PAUSE = "experiment.pause";

	static final String STOP = "experiment.stop";

	static final String SET_SPLIT = "experiment.set_traffic_split";

	static final String DECLARE_WINNER = "experiment.declare_winner";

	static final String PROMOTE = "experiment.promote_winner";

	record Ref(UUID experimentId) {
	}

	record Split(UUID experimentId, Map<String, Double> split) {
	}

	record Winner(UUID experimentId, String variant) {
	}

	@Bean
	ActionHandler<ExperimentDefinition, Ref> experimentCreate(ExperimentStore store, AgentConfigWriter agents) {
		return new ActionHandler<>() {
			public String type() {
				return CREATE;
			}

			public Class<ExperimentDefinition> paramsType() {
				return ExperimentDefinition.class;
			}

			public Class<Ref> inverseType() {
				return Ref.class;
			}

			public ActionTarget prepare(ActionContext context, ExperimentDefinition p) {
				ExperimentDefinition d = p.normalised();
				agents.read(context.workspaceId(), d.agentId(), false);
				return new ActionTarget(ActionScope.AGENT, "experiment", d.agentId());
			}

			public ActionOutcome<Ref> execute(ActionContext context, ExperimentDefinition p) {
				ExperimentDefinition d = p.normalised();
				UUID id = store.insert(context.workspaceId(), d, UUID.randomUUID().toString().replace("-", ""),
						context.actorSubject());
				Experiment e = store.find(context.workspaceId(), id).orElseThrow();
				return ActionOutcome.of(result(e), new Ref(id));
			}

			public Object revert(ActionContext context, Ref inverse) {
				store.delete(context.workspaceId(), inverse.experimentId());
				return Map.of("experiment_id", inverse.experimentId().toString(), "deleted", true);
			}
		};
	}

	@Bean
	ActionHandler<Ref, Experiment.Snapshot> experimentStart(ExperimentStore store, Clock clock) {
		return new Lifecycle<Ref>(START, Ref.class, store,
				(ws, e, p) -> requireStatus(e, Set.of(Experiment.DRAFT, Experiment.PAUSED), "start"), (e, p) -> {
			Experiment.Snapshot s = e.snapshot();
			return with(s, Experiment.RUNNING, (s.startedAt() != null) ? s.startedAt() : Instant.now(clock), null);
		});
	}

	@Bean
	ActionHandler<Ref, Experiment.Snapshot> experimentPause(ExperimentStore store) {
		return new Lifecycle<Ref>(PAUSE, Ref.class, store,
				(ws, e, p) -> requireStatus(e, Set.of(Experiment.RUNNING), "pause"), (e, p) -> with(e.snapshot(), Experiment.PAUSED, e.startedAt(), null));
	}

	@Bean
	ActionHandler<Ref, Experiment.Snapshot> experimentStop(ExperimentStore store, Clock clock) {
		return new Lifecycle<Ref>(STOP, Ref.class, store,
				(ws, e, p) -> requireStatus(e, Set.of(Experiment.RUNNING, Experiment.PAUSED), "stop"), (e, p) -> with(e.snapshot(), Experiment.STOPPED, e.startedAt(), Instant.now(clock)));
	}

	@Bean
	ActionHandler<Split, Experiment.Snapshot> experimentSetSplit(ExperimentStore store) {
		return new Lifecycle<Split>(SET_SPLIT, Split.class, store, (ws, e, p) -> {
			requireStatus(e, Set.of(Experiment.DRAFT, Experiment.RUNNING, Experiment.PAUSED), "change the split of");
			splitByVariant(e, p.split());
		}, (e, p) -> {
			Experiment.Snapshot s = e.snapshot();
			return new Experiment.Snapshot(s.experimentId(), s.status(), s.startedAt(), s.stoppedAt(),
					s.winnerVariantId(), s.decision(), s.winnerDeclaredAt(), s.promotedAt(), splitByVariant(e, p.split()),
					null);
		});
	}

	@Bean
	ActionHandler<Winner, Experiment.Snapshot> experimentDeclareWinner(ExperimentStore store,
			ExperimentResults results, Clock clock) {
		return new Lifecycle<Winner>(DECLARE_WINNER, Winner.class, store, (ws, e, p) -> {
			requireStatus(e, Set.of(Experiment.RUNNING, Experiment.PAUSED, Experiment.STOPPED), "declare a winner of");
			checkReady(e, results.latest(ws, e.experimentId()), variant(e, p.variant()));
		}, (e, p) -> {
			Experiment.Variant winner = variant(e, p.variant());
			Experiment.Snapshot s = e.snapshot();
			Instant now = Instant.now(clock);
			return new Experiment.Snapshot(s.experimentId(), Experiment.COMPLETED, s.startedAt(),
					(s.stoppedAt() != null) ? s.stoppedAt() : now, winner.variantId(),
					winner.control() ? "no_difference" : "winner", now, null, s.split(), null);
		});
	}

	@Bean
	ActionHandler<Ref, Experiment.Snapshot> experimentPromote(ExperimentStore store, AgentConfigWriter agents,
			Clock clock) {
		return new Lifecycle<Ref>(PROMOTE, Ref.class, store, (ws, e, p) -> {
			if (e.winnerVariantId() == null) {
				throw ApiException.conflict("Declare a winner before promoting it");
			}
			if (e.promotedAt() != null) {
				throw ApiException.conflict("The winner was already promoted");
			}
		}, null) {
			@Override
			public ActionOutcome<Experiment.Snapshot> execute(ActionContext context, Ref p) {
				Experiment e = lockChecked(context, p);
				Experiment.Variant winner = e.variant(e.winnerVariantId());
				AgentConfigWriter.Current current = agents.lock(context, e.agentId());
				Map<String, Object> next = withOverrides(current.config(), winner.overrides());
				AgentConfigWriter.Applied applied = agents.apply(context, current, next,
						"Promoted the winner '" + winner.name() + "' of experiment " + e.name(), "superseded");
				Map<String, Double> split = new LinkedHashMap<>();
				e.variants().forEach((v) -> split.put(v.variantId().toString(), v.variantId().equals(winner.variantId())
						? 100.0 : 0.0));
				Experiment.Snapshot before = e.snapshot();
				Experiment.Snapshot after = new Experiment.Snapshot(e.experimentId(), Experiment.COMPLETED,
						e.startedAt(), e.stoppedAt(), e.winnerVariantId(), e.decision(), e.winnerDeclaredAt(),
						Instant.now(clock), split, null);
				store.apply(context.workspaceId(), after);
				Map<String, Object> result = result(store.find(context.workspaceId(), e.experimentId()).orElseThrow());
				result.put("config_version", applied.versionNumber());
				return ActionOutcome.of(result, new Experiment.Snapshot(before.experimentId(), before.status(),
						before.startedAt(), before.stoppedAt(), before.winnerVariantId(), before.decision(),
						before.winnerDeclaredAt(), before.promotedAt(), before.split(), applied.inverse()));
			}

			@Override
			public Object revert(ActionContext context, Experiment.Snapshot inverse) {
				if (inverse.config() != null) {
					agents.revert(context, inverse.config(), "Undo of a winner promotion");
				}
				return super.revert(context, inverse);
			}
		};
	}

	/** 409 EXPERIMENT_UNDERPOWERED before every arm has its minimum sample; 409 SAMPLE_RATIO_MISMATCH under SRM. */
	static void checkReady(Experiment e, List<ExperimentResults.Row> latest, Experiment.Variant winner) {
		List<ExperimentResults.Row> primary = latest.stream().filter((r) -> "primary".equals(r.role())).toList();
		long smallest = primary.isEmpty() ? 0
				: primary.stream().mapToLong((r) -> Math.min(r.controlN(), r.treatmentN())).min().orElse(0);
		if (smallest < e.minSampleSize()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("experiment_id", e.experimentId().toString());
			details.put("min_sample_size", e.minSampleSize());
			details.put("smallest_arm", smallest);
			throw new ApiException(ErrorCode.EXPERIMENT_UNDERPOWERED,
					"No winner yet: every arm needs at least " + e.minSampleSize() + " units (the smallest has "
							+ smallest + ")",
					details);
		}
		Double srm = primary.get(0).srmPValue();
		if (srm != null && srm < Stats.SRM_ALPHA) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("experiment_id", e.experimentId().toString());
			details.put("srm_p_value", srm);
			throw new ApiException(ErrorCode.SAMPLE_RATIO_MISMATCH,
					"No winner while the traffic split does not match the plan (SRM p = " + String.format("%.2g", srm)
							+ " < 0.001): fix the assignment first",
					details);
		}
	}

	static Map<String, Object> withOverrides(Map<String, Object> config, Map<String, Object> overrides) {
		Map<String, Object> next = new LinkedHashMap<>(config);
		@SuppressWarnings("unchecked")
		Map<String, Object> settings = new LinkedHashMap<>(
				(config.get("settings") instanceof Map<?, ?> m) ? (Map<String, Object>) m : Map.of());
		overrides.forEach((k, v) -> {
			switch (k) {
				case "model", "model_provider" -> next.put(k, v);
				case "agent_version" -> next.put("version", v);
				default -> settings.put(k, v);
			}
		});
		next.put("settings", settings);
		return next;
	}

	static Map<String, Object> result(Experiment e) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("experiment_id", e.experimentId().toString());
		out.put("name", e.name());
		out.put("status", e.status());
		out.put("winner_variant_id", (e.winnerVariantId() != null) ? e.winnerVariantId().toString() : null);
		Map<String, Double> split = new LinkedHashMap<>();
		e.variants().forEach((v) -> split.put(v.key(), v.trafficPct()));
		out.put("split", split);
		return out;
	}

	private static void requireStatus(Experiment e, Set<String> allowed, String verb) {
		if (!allowed.contains(e.status())) {
			throw ApiException.conflict("Cannot " + verb + " an experiment that is " + e.status());
		}
	}

	private static Experiment.Variant variant(Experiment e, String ref) {
		if (ref == null || ref.isBlank()) {
			throw ApiException.validation("variant", "is required (variant id or key)");
		}
		return e.variants()
			.stream()
			.filter((v) -> v.key().equals(ref) || v.variantId().toString().equals(ref))
			.findFirst()
			.orElseThrow(() -> ApiException.validation("variant", "no variant " + ref + " in this experiment"));
	}

	/** {variant id: pct} from {key or id: pct}; every variant named once, summing to 100. */
	private static Map<String, Double> splitByVariant(Experiment e, Map<String, Double> split) {
		if (split == null || split.isEmpty()) {
			throw ApiException.validation("split", "is required: {variant key: percent}");
		}
		Map<String, Double> out = new LinkedHashMap<>();
		double total = 0;
		for (Map.Entry<String, Double> entry : split.entrySet()) {
			Experiment.Variant v = e.variants()
				.stream()
				.filter((x) -> x.key().equals(entry.getKey()) || x.variantId().toString().equals(entry.getKey()))
				.findFirst()
				.orElseThrow(() -> ApiException.validation("split", "no variant " + entry.getKey()));
			Double pct = entry.getValue();
			if (pct == null || pct < 0 || pct > 100) {
				throw ApiException.validation("split", "each percent must be 0 to 100");
			}
			out.put(v.variantId().toString(), pct);
			total += pct;
		}
		if (out.size() != e.variants().size()) {
			throw ApiException.validation("split", "name every variant once");
		}
		if (Math.abs(total - 100) > 0.01) {
			throw ApiException.validation("split", "percents must sum to 100 (is " + total + ")");
		}
		return out;
	}

	private static Experiment.Snapshot with(Experiment.Snapshot s, String status, Instant started, Instant stopped) {
		return new Experiment.Snapshot(s.experimentId(), status, started, stopped, s.winnerVariantId(), s.decision(),
				s.winnerDeclaredAt(), s.promotedAt(), s.split(), null);
	}

	/** A lifecycle action: check in prepare, then write the next snapshot; the inverse is the previous one. */
	static class Lifecycle<P> implements ActionHandler<P, Experiment.Snapshot> {

		private final String type;

		private final Class<P> params;

		final ExperimentStore store;

		private final Check<P> check;

		private final BiFunction<Experiment, P, Experiment.Snapshot> next;

		Lifecycle(String type, Class<P> params, ExperimentStore store,
				Check<P> check, BiFunction<Experiment, P, Experiment.Snapshot> next) {
			this.type = type;
			this.params = params;
			this.store = store;
			this.check = check;
			this.next = next;
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
		public Class<Experiment.Snapshot> inverseType() {
			return Experiment.Snapshot.class;
		}

		@Override
		public ActionTarget prepare(ActionContext context, P p) {
			UUID id = experimentId(p);
			Experiment e = this.store.find(context.workspaceId(), id)
				.orElseThrow(() -> ApiException.notFound("experiment", id.toString()));
			this.check.check(context.workspaceId(), e, p);
			return new ActionTarget(ActionScope.AGENT, "experiment", id.toString());
		}

		Experiment lockChecked(ActionContext context, P p) {
			UUID id = experimentId(p);
			Experiment e = this.store.lock(context.workspaceId(), id)
				.orElseThrow(() -> ApiException.notFound("experiment", id.toString()));
			this.check.check(context.workspaceId(), e, p);
			return e;
		}

		@Override
		public ActionOutcome<Experiment.Snapshot> execute(ActionContext context, P p) {
			Experiment e = lockChecked(context, p);
			Experiment.Snapshot before = e.snapshot();
			this.store.apply(context.workspaceId(), this.next.apply(e, p));
			return ActionOutcome.of(result(this.store.find(context.workspaceId(), e.experimentId()).orElseThrow()),
					before);
		}

		@Override
		public Object revert(ActionContext context, Experiment.Snapshot inverse) {
			this.store.lock(context.workspaceId(), inverse.experimentId())
				.orElseThrow(() -> ApiException.notFound("experiment", inverse.experimentId().toString()));
			this.store.apply(context.workspaceId(), inverse);
			return result(this.store.find(context.workspaceId(), inverse.experimentId()).orElseThrow());
		}

		private static UUID experimentId(Object p) {
			UUID id = null;
			if (p instanceof Ref r) {
				id = r.experimentId();
			}
			else if (p instanceof Split s) {
				id = s.experimentId();
			}
			else if (p instanceof Winner w) {
				id = w.experimentId();
			}
			if (id == null) {
				throw ApiException.validation("experiment_id", "is required");
			}
			return id;
		}

	}

	/** A precondition, checked in prepare and again under the lock; throws ApiException. */
	interface Check<P> {

		void check(UUID ws, Experiment e, P p);

	}

}
