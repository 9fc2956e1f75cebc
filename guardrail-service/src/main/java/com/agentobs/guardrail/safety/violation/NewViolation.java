package com.agentobs.guardrail.safety.violation;

import java.time.Instant;
import java.util.UUID;

/**
 * One violation to write. {@code excerpt} is already redacted; {@code dedupKey} (trace scanner
 * only) makes a replayed trace add nothing.
 */
public record NewViolation(UUID workspaceId, Instant detectedAt, String traceId, String agentId, String department,
		String environment, UUID policyId, String violationType, String category, String severity, String actionTaken,
		double confidence, String source, String direction, String entity, String excerpt, String dedupKey) {
}
