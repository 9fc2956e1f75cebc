package com.agentobs.evaluation.experiments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One canary rollout as stored; {@code weight()} is the canary's current share of traffic in percent. */
record Canary(UUID canaryId, String agentId, String fromVersion, String toVersion, List<Integer> steps, int stepIndex,
		int intervalSeconds, int minRequestsPerArm, double maxErrorRateDiff, double maxP90Ratio, boolean qualityGate,
		int failureLimit, int failures, String status, Integer preConfigVersion, String preConfigHash,
		Instant stepStartedAt, int progressDeadlineSeconds, Instant nextCheckAt, Instant startedAt) {

	static final String RUNNING = "running";

	static final String PAUSED = "paused";

	static final String PROMOTED = "promoted";

	static final String ABORTED = "aborted";

	int weight() {
		return ABORTED.equals(this.status) ? 0 : this.steps.get(Math.min(this.stepIndex, this.steps.size() - 1));
	}

	boolean lastStep() {
		return this.stepIndex >= this.steps.size() - 1;
	}

	/** The mutable state the canary actions record as their inverse. */
	record State(UUID canaryId, int stepIndex, int failures, String status, Instant stepStartedAt,
			Instant nextCheckAt, Instant finishedAt, String abortReason) {
	}

	State state() {
		return new State(this.canaryId, this.stepIndex, this.failures, this.status, this.stepStartedAt,
				this.nextCheckAt, null, null);
	}

}
