package com.agentobs.processing.deadletter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.stream.TraceStreams;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead-letter stream {@code traces:dlq}: entries that could not be decoded or failed
 * {@code max-deliveries} times, kept with the reason. Re-driving appends the original
 * payload to {@code traces:ingest} again and removes the dead letter.
 */
@Component
public class DeadLetters {

	static final String FIELD_ENTRY_ID = "entry_id";

	static final String FIELD_REASON = "reason";

	static final String FIELD_DELIVERIES = "deliveries";

	static final String FIELD_FAILED_AT = "failed_at";

	private final StringRedisTemplate redis;

	private final Counter deadLettered;

	DeadLetters(StringRedisTemplate redis, MeterRegistry meters) {
		this.redis = redis;
		this.deadLettered = meters.counter("agentobs.processing.dead_lettered");
	}

	public void add(String entryId, String workspaceId, String payload, String reason, long deliveries) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(FIELD_ENTRY_ID, entryId);
		fields.put(TraceStreams.FIELD_WORKSPACE, (workspaceId != null) ? workspaceId : "");
		fields.put(TraceStreams.FIELD_PAYLOAD, (payload != null) ? payload : "");
		fields.put(FIELD_REASON, (reason != null && reason.length() > 2000) ? reason.substring(0, 2000) : reason);
		fields.put(FIELD_DELIVERIES, Long.toString(deliveries));
		fields.put(FIELD_FAILED_AT, Instant.now().toString());
		this.redis.opsForStream().add(StreamRecords.newRecord().in(TraceStreams.DLQ).ofMap(fields));
		this.deadLettered.increment();
	}

	List<DeadLetterResponse> list(UUID workspaceId, int limit) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(TraceStreams.DLQ, Range.unbounded(), Limit.limit().count(10_000));
		return records.stream()
			.filter((r) -> workspaceId.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE)))
			.limit(limit)
			.map(DeadLetters::toResponse)
			.toList();
	}

	/** Puts a dead letter of this workspace back on the ingest stream; 404 when there is none. */
	String redrive(UUID workspaceId, String deadLetterId) {
		List<MapRecord<String, Object, Object>> found = this.redis.opsForStream()
			.range(TraceStreams.DLQ, Range.closed(deadLetterId, deadLetterId));
		MapRecord<String, Object, Object> record = (found == null) ? null
				: found.stream()
					.filter((r) -> workspaceId.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE)))
					.findFirst()
					.orElse(null);
		if (record == null) {
			throw ApiException.notFound("dead_letter", deadLetterId);
		}
		RecordId id = this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, workspaceId.toString(), TraceStreams.FIELD_PAYLOAD,
						String.valueOf(record.getValue().get(TraceStreams.FIELD_PAYLOAD)))));
		this.redis.opsForStream().delete(TraceStreams.DLQ, record.getId());
		return id.getValue();
	}

	private static DeadLetterResponse toResponse(MapRecord<String, Object, Object> r) {
		Map<Object, Object> v = r.getValue();
		String payload = String.valueOf(v.getOrDefault(TraceStreams.FIELD_PAYLOAD, ""));
		return new DeadLetterResponse(r.getId().getValue(), String.valueOf(v.get(FIELD_ENTRY_ID)),
				String.valueOf(v.get(FIELD_REASON)), Long.parseLong(String.valueOf(v.getOrDefault(FIELD_DELIVERIES, "0"))),
				String.valueOf(v.get(FIELD_FAILED_AT)), payload.length(),
				payload.length() > 500 ? payload.substring(0, 500) : payload);
	}

}
