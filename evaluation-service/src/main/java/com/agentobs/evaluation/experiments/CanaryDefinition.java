package com.agentobs.evaluation.experiments;

import java.util.List;

import com.agentobs.contracts.error.ApiException;

/**
 * What {@code canary.start} takes. Steps are traffic percents, strictly increasing and ending at
 * 100 (a plan that stops short would "succeed" without ever promoting). A check needs at least
 * {@code min_requests_per_arm} in both arms; below that it is inconclusive, never pass or fail.
 */
record CanaryDefinition(String agentId, String toVersion, List<Integer> steps, Integer intervalSeconds,
		Integer minRequestsPerArm, Double maxErrorRateDiff, Double maxP90Ratio, Boolean qualityGate,
		Integer failureLimit, Integer progressDeadlineSeconds) {

	CanaryDefinition normalised() {
		if (this.agentId == null || this.agentId.isBlank()) {
			throw ApiException.validation("agent_id", "is required");
		}
		if (this.toVersion == null || this.toVersion.isBlank() || this.toVersion.length() > 50) {
			throw ApiException.validation("to_version", "is required, 1 to 50 characters");
		}
		List<Integer> s = (this.steps != null) ? this.steps : List.of(5, 25, 50, 100);
		if (s.isEmpty() || s.size() > 20) {
			throw ApiException.validation("steps", "1 to 20 steps");
		}
		int previous = 0;
		for (Integer step : s) {
			if (step == null || step <= previous || step > 100) {
				throw ApiException.validation("steps", "percents must increase strictly within 1..100");
			}
			previous = step;
		}
		if (previous != 100) {
			throw ApiException.validation("steps", "the last step must be 100");
		}
		int interval = (this.intervalSeconds != null) ? this.intervalSeconds : 600;
		if (interval < 1 || interval > 86_400) {
			throw ApiException.validation("interval_seconds", "1 to 86400");
		}
		int min = (this.minRequestsPerArm != null) ? this.minRequestsPerArm : 200;
		if (min < 20) {
			// one error at very low traffic would abort a healthy canary
			throw ApiException.validation("min_requests_per_arm", "at least 20");
		}
		double err = (this.maxErrorRateDiff != null) ? this.maxErrorRateDiff : 0.02;
		if (!(err >= 0 && err < 1)) {
			throw ApiException.validation("max_error_rate_diff", "0 to 1 (a difference of rates)");
		}
		double p90 = (this.maxP90Ratio != null) ? this.maxP90Ratio : 1.2;
		if (!(p90 >= 1 && p90 <= 10)) {
			throw ApiException.validation("max_p90_ratio", "1 to 10");
		}
		int limit = (this.failureLimit != null) ? this.failureLimit : 3;
		if (limit < 1 || limit > 100) {
			throw ApiException.validation("failure_limit", "1 to 100");
		}
		int deadline = (this.progressDeadlineSeconds != null) ? this.progressDeadlineSeconds : interval * 6;
		if (deadline < interval) {
			throw ApiException.validation("progress_deadline_seconds", "at least one interval");
		}
		return new CanaryDefinition(this.agentId, this.toVersion, List.copyOf(s), interval, min, err, p90,
				Boolean.TRUE.equals(this.qualityGate), limit, deadline);
	}

}
