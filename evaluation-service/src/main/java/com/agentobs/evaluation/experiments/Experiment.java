package com.agentobs.evaluation.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One experiment with its arms, as stored. */
record Experiment(UUID experimentId, String name, String hypothesis, String agentId, String primaryMetric,
		List<String> guardrailMetrics, String status, String salt, double alpha, double power, Double mde,
		int minSampleSize, boolean sequential, UUID winnerVariantId, String decision, Instant startedAt,
		Instant stoppedAt, Instant winnerDeclaredAt, Instant promotedAt, String createdBy, Instant createdAt,
		List<Variant> variants) {

	static final String DRAFT = "draft";

	static final String RUNNING = "running";

	static final String PAUSED = "paused";

	static final String STOPPED = "stopped";

	static final String COMPLETED = "completed";

	/** Rates (two-proportion z) versus means (Welch). */
	static final Set<String> PROPORTIONS = Set.of("success_rate", "error_rate", "latency_p90");

	static final Set<String> METRICS = Set.of("success_rate", "error_rate", "latency_ms", "cost_usd",
			"quality_score");

	static final Set<String> GUARDRAILS = Set.of("error_rate", "latency_p90", "latency_ms", "cost_usd");

	/** Metrics where a higher value is worse (their harm test is one-sided upwards). */
	static final Set<String> LOWER_IS_BETTER = Set.of("error_rate", "latency_ms", "latency_p90", "cost_usd");

	/** One arm: a configuration override with its traffic weight. */
	record Variant(UUID variantId, String key, String name, boolean control, double trafficPct,
			Map<String, Object> overrides, int position) {
	}

	Variant control() {
		return this.variants.stream().filter(Variant::control).findFirst().orElse(this.variants.get(0));
	}

	Variant variant(UUID id) {
		return this.variants.stream().filter((v) -> v.variantId().equals(id)).findFirst().orElse(null);
	}

	/** The mutable state every lifecycle action records as its inverse and a rollback restores. */
	record Snapshot(UUID experimentId, String status, Instant startedAt, Instant stoppedAt, UUID winnerVariantId,
			String decision, Instant winnerDeclaredAt, Instant promotedAt, Map<String, Double> split,
			AgentConfigWriter.Restore config) {
	}

	Snapshot snapshot() {
		Map<String, Double> split = new java.util.LinkedHashMap<>();
		this.variants.forEach((v) -> split.put(v.variantId().toString(), v.trafficPct()));
		return new Snapshot(this.experimentId, this.status, this.startedAt, this.stoppedAt, this.winnerVariantId,
				this.decision, this.winnerDeclaredAt, this.promotedAt, split, null);
	}

}
