package com.agentobs.processing.deadletter;

// GET /api/v1/ingest/dead-letters → one entry of traces:dlq
record DeadLetterResponse(String id, String entryId, String reason, long deliveries, String failedAt, int payloadBytes,
		String payloadPreview) {
}
