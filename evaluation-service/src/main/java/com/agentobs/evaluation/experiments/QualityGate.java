package com.agentobs.evaluation.experiments;

import java.time.Instant;
import java.util.UUID;

/**
 * The canary's quality check: does the canary version score as well as the stable one over the
 * window? {@code NO_DATA} never fails a canary.
 */
interface QualityGate {

	enum Verdict {
		PASS, FAIL, NO_DATA
	}

	record Result(Verdict verdict, Double controlScore, Double canaryScore, String note) {
	}

	Result check(UUID ws, String agentId, String canaryVersion, Instant from, Instant to);

}
