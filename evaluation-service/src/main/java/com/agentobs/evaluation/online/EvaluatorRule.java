package com.agentobs.evaluation.online;

import java.util.List;
import java.util.UUID;

import com.agentobs.evaluation.scoring.TraceSample;

/** An enabled rule: filters (empty = any), sampling and the rubric and evaluator it runs. */
record EvaluatorRule(UUID id, String name, UUID rubricId, String evaluator, List<String> departments,
		List<String> environments, List<String> agentIds, List<String> versions, List<String> intents,
		double samplingRate, String samplingSeed, Double dailyCostCapUsd) {

	boolean matches(TraceSample trace) {
		return in(this.departments, trace.department()) && in(this.environments, trace.environment())
				&& in(this.agentIds, trace.agentId()) && in(this.versions, trace.version())
				&& in(this.intents, trace.intent());
	}

	boolean samples(TraceSample trace) {
		return Sampling.sampled(this.samplingSeed, trace.traceId(), this.samplingRate);
	}

	private static boolean in(List<String> allowed, String value) {
		return allowed.isEmpty() || (value != null && allowed.contains(value));
	}

}
