package com.agentobs.contracts.stream;


/** Names of the Redis streams, groups, entry fields and keys of the write path. */
public final class TraceStreams {

	/** Accepted traces, one entry per ingest request: fields {@link #FIELD_WORKSPACE}, {@link #FIELD_PAYLOAD}. */
	public static final String INGEST = "traces:ingest";

	/** The consumer group of processing-service on {@link #INGEST}. */
	public static final String PROCESSORS_GROUP = "processors";

	/** One {@link TracesProcessedEvent} per committed batch and workspace (evaluation, guardrail). */
	public static final String PROCESSED = "traces:processed";

	/** Entries that failed too often or cannot be decoded, with the reason; re-drivable. */
	public static final String DLQ = "traces:dlq";

	public static final String FIELD_WORKSPACE = "workspace_id";

	/** JSON of the event record (snake_case). */
	public static final String FIELD_PAYLOAD = "payload";

	private TraceStreams() {
	}

}
