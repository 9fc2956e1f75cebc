package com.agentobs.evaluation.experiments;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.agentobs.contracts.error.ApiException;

/**
 * What {@code experiment.create} takes. Variants are configuration overrides (model, prompt_version,
 * parameters, agent_version) with traffic weights summing to 100; exactly one is the control
 * (the first one when none is marked).
 */
record ExperimentDefinition(String name, String hypothesis, String agentId, String primaryMetric,
		List<String> guardrailMetrics, Double alpha, Double power, Double mde, Integer minSampleSize,
		Boolean sequential, List<VariantDefinition> variants) {

	/** Override keys an agent applies for its arm. */
	static final Set<String> OVERRIDE_KEYS = Set.of("model", "model_provider", "prompt_version", "parameters",
			"agent_version");

	record VariantDefinition(String key, String name, Boolean isControl, Double trafficPct,
			Map<String, Object> overrides) {

		boolean control() {
			return Boolean.TRUE.equals(this.isControl);
		}

	}

	/** Validates and fills defaults; 400 naming the field. */
	ExperimentDefinition normalised() {
		if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
			throw ApiException.validation("name", "is required, 1 to 200 characters");
		}
		if (this.agentId == null || this.agentId.isBlank()) {
			throw ApiException.validation("agent_id", "is required");
		}
		String metric = (this.primaryMetric != null) ? this.primaryMetric : "success_rate";
		if (!Experiment.METRICS.contains(metric)) {
			throw ApiException.validation("primary_metric", "unknown metric", Experiment.METRICS.stream().sorted().toList());
		}
		List<String> guardrails = (this.guardrailMetrics != null) ? this.guardrailMetrics
				: List.of("error_rate", "latency_p90", "cost_usd");
		for (String g : guardrails) {
			if (!Experiment.GUARDRAILS.contains(g)) {
				throw ApiException.validation("guardrail_metrics", "unknown guardrail metric " + g,
						Experiment.GUARDRAILS.stream().sorted().toList());
			}
		}
		double a = (this.alpha != null) ? this.alpha : 0.05;
		if (!(a > 0 && a < 0.5)) {
			throw ApiException.validation("alpha", "must be between 0 and 0.5 (exclusive)");
		}
		double p = (this.power != null) ? this.power : 0.8;
		if (!(p > 0 && p < 1)) {
			throw ApiException.validation("power", "must be between 0 and 1 (exclusive)");
		}
		int min = (this.minSampleSize != null) ? this.minSampleSize : 1000;
		if (min < 1 || min > 100_000_000) {
			throw ApiException.validation("min_sample_size", "must be 1 or more");
		}
		if (this.variants == null || this.variants.size() < 2 || this.variants.size() > 10) {
			throw ApiException.validation("variants", "2 to 10 variants are required");
		}
		Set<String> keys = new HashSet<>();
		double total = 0;
		long controls = this.variants.stream().filter((v) -> v != null && v.control()).count();
		if (controls > 1) {
			throw ApiException.validation("variants", "only one variant can be the control");
		}
		List<VariantDefinition> out = new java.util.ArrayList<>();
		for (int i = 0; i < this.variants.size(); i++) {
			VariantDefinition v = this.variants.get(i);
			String field = "variants[" + i + "]";
			if (v == null || v.key() == null || !v.key().matches("[a-z0-9_-]{1,50}")) {
				throw ApiException.validation(field + ".key", "1 to 50 of a-z, 0-9, _ and -");
			}
			if (!keys.add(v.key())) {
				throw ApiException.validation(field + ".key", "keys must be unique");
			}
			if (v.trafficPct() == null || v.trafficPct() < 0 || v.trafficPct() > 100) {
				throw ApiException.validation(field + ".traffic_pct", "0 to 100");
			}
			Map<String, Object> overrides = (v.overrides() != null) ? v.overrides() : Map.of();
			for (String k : overrides.keySet()) {
				if (!OVERRIDE_KEYS.contains(k)) {
					throw ApiException.validation(field + ".overrides", "unknown override " + k,
							OVERRIDE_KEYS.stream().sorted().toList());
				}
			}
			total += v.trafficPct();
			boolean control = (controls == 0) ? i == 0 : v.control();
			out.add(new VariantDefinition(v.key(), (v.name() != null && !v.name().isBlank()) ? v.name() : v.key(),
					control, v.trafficPct(), overrides));
		}
		if (Math.abs(total - 100) > 0.01) {
			throw ApiException.validation("variants", "traffic_pct must sum to 100 (is " + total + ")");
		}
		return new ExperimentDefinition(this.name.trim(), this.hypothesis, this.agentId, metric, guardrails, a, p,
				this.mde, min, (this.sequential == null) || this.sequential, out);
	}

}
