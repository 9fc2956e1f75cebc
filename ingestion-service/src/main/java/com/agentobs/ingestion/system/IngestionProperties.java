package com.agentobs.ingestion.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Every setting of ingestion-service ({@code agentobs.ingestion.*}, see application.yml for env vars). */
@ConfigurationProperties("agentobs.ingestion")
public record IngestionProperties(Limits limits, Stream stream) {

	/**
	 * @param maxBody largest accepted request body (after gzip decoding)
	 * @param maxTraces most traces per request
	 * @param maxSpansPerTrace most spans inside one trace
	 */
	public record Limits(DataSize maxBody, int maxTraces, int maxSpansPerTrace) {
	}

	/**
	 * @param maxBacklog entries allowed in {@code traces:ingest} before new requests get 429
	 * @param retryAfterSeconds the {@code Retry-After} of that 429
	 */
	public record Stream(long maxBacklog, long retryAfterSeconds) {
	}

}
