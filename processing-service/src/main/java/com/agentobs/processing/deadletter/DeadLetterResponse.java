package com.agentobs.processing.deadletter;

// GET /api/v1/ingest/dead-letters → one entry of traces:dlq; trace_id, sql_state and field are set when the database
// refused one trace of an entry (the payload then holds that trace only)
public record DeadLetterResponse(String id, String entryId, String reason, long deliveries, String failedAt,
		int payloadBytes, String payloadPreview, String traceId, String sqlState, String field) {
}
