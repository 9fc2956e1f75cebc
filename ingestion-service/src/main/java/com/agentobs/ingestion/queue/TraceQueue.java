package com.agentobs.ingestion.queue;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.ingestion.system.IngestionProperties;

import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends accepted traces to {@code traces:ingest}, one entry per request. The stream is
 * bounded: processing trims entries it has acknowledged, so its length is the backlog;
 * past {@code max-backlog} a request is refused with 429 and {@code Retry-After} before
 * anything is appended — an answer of 202 always means the entry is in Redis. Nothing is
 * ever trimmed here (MAXLEN could drop unprocessed entries).
 */
@Component
public class TraceQueue {

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final IngestionProperties.Stream settings;

	private final Counter refused;

	private final Counter enqueuedTraces;

	TraceQueue(StringRedisTemplate redis, JsonMapper json, IngestionProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.stream();
		this.refused = meters.counter("agentobs.ingest.refused", "reason", "backlog");
		this.enqueuedTraces = meters.counter("agentobs.ingest.enqueued.traces");
	}

	/** 429 when the backlog is over the bound; call before doing work for a request. */
	public void requireCapacity() {
		Long backlog = this.redis.opsForStream().size(TraceStreams.INGEST);
		if (backlog != null && backlog >= this.settings.maxBacklog()) {
			this.refused.increment();
			throw ApiException.rateLimited("The ingest queue is full; retry after " + this.settings.retryAfterSeconds()
					+ " s", this.settings.retryAfterSeconds());
		}
	}

	public RecordId enqueue(TraceIngestedEvent event) {
		requireCapacity();
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(TraceStreams.INGEST)
			.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, event.workspaceId().toString(), TraceStreams.FIELD_PAYLOAD,
					this.json.writeValueAsString(event)));
		RecordId id = this.redis.opsForStream().add(record);
		this.enqueuedTraces.increment(event.traces().size());
		return id;
	}

}
