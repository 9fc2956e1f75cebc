package com.agentobs.evaluation.scoring;

import java.time.Instant;
import java.util.UUID;

/**
 * What an evaluator sees of a trace: its workspace, its dimensions (for rule filters and the rollup)
 * and content. {@code reference} is {@code metadata.reference} (an expected answer) when the
 * caller sent one; {@code sampleRate} how many requests the stored trace stands for.
 */
public record TraceSample(UUID workspaceId, String traceId, Instant timestamp, String agentId, String department, String environment,
		String version, String intent, String input, String output, String error, String status, Integer latencyMs,
		String reference, int sampleRate) {

	public TraceSample {
		sampleRate = Math.max(1, sampleRate);
	}

	public boolean failed() {
		return !"success".equals(this.status) || (this.error != null && !this.error.isBlank());
	}

}
