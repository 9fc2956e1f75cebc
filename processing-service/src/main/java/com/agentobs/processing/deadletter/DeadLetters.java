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
 * The dead-letter stream {@code traces:dlq}, kept with the reason: whole entries that could not be
 * decoded or failed {@code max-deliveries} times, and single traces the database refused (with the
 * SQLState and, when found, the column), whose entry's other traces were stored. Re-driving appends
 * the dead letter's payload (the entry, or the one trace) to {@code traces:ingest} again and removes
 * the dead letter.
 */
@Component
public class DeadLetters {

	static final String FIELD_ENTRY_ID = "entry_id";

	static final String FIELD_REASON = "reason";

	static final String FIELD_DELIVERIES = "deliveries";

	static final String FIELD_FAILED_AT = "failed_at";

	static final String FIELD_TRACE_ID = "trace_id";

	static final String FIELD_SQL_STATE = "sql_state";

	static final String FIELD_FIELD = "field";

	private final StringRedisTemplate redis;

	private final Counter deadLettered;

	DeadLetters(StringRedisTemplate redis, MeterRegistry meters) {
		this.redis = redis;
		this.deadLettered = meters.counter("agentobs.processing.dead_lettered");
	}

	/** Dead-letters a whole stream entry (undecodable, or failing {@code max-deliveries} times). */
	public void add(String entryId, String workspaceId, String payload, String reason, long deliveries) {
		add(entryId, workspaceId, payload, reason, deliveries, Map.of());
	}

	/**
	 * Dead-letters one trace (or one trace's loose spans) of an entry that the database refused:
	 * {@code payload} holds that trace only, so a re-drive retries it alone.
	 */
	public void addTrace(String entryId, String workspaceId, String payload, String reason, String traceId,
			String sqlState, String field) {
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put(FIELD_TRACE_ID, traceId);
		extra.put(FIELD_SQL_STATE, sqlState);
		if (field != null) {
			extra.put(FIELD_FIELD, field);
		}
		add(entryId, workspaceId, payload, reason, 1, extra);
	}

	private void add(String entryId, String workspaceId, String payload, String reason, long deliveries,
			Map<String, String> extra) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(FIELD_ENTRY_ID, entryId);
		fields.put(TraceStreams.FIELD_WORKSPACE, (workspaceId != null) ? workspaceId : "");
		fields.put(TraceStreams.FIELD_PAYLOAD, (payload != null) ? payload : "");
		fields.put(FIELD_REASON, (reason != null && reason.length() > 2000) ? reason.substring(0, 2000) : reason);
		fields.put(FIELD_DELIVERIES, Long.toString(deliveries));
		fields.put(FIELD_FAILED_AT, Instant.now().toString());
		fields.putAll(extra);
		this.redis.opsForStream().add(StreamRecords.newRecord().in(TraceStreams.DLQ).ofMap(fields));
		this.deadLettered.increment();
	}

	public List<DeadLetterResponse> list(UUID workspaceId, int limit) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(TraceStreams.DLQ, Range.unbounded(), Limit.limit().count(10_000));
		return records.stream()
			.filter((r) -> workspaceId.toString().equals(r.getValue().get(TraceStreams.FIELD_WORKSPACE)))
			.limit(limit)
			.map(DeadLetters::toResponse)
			.toList();
	}

	/** Puts a dead letter of this workspace back on the ingest stream; 404 when there is none. */
	public String redrive(UUID workspaceId, String deadLetterId) {
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
				payload.length() > 500 ? payload.substring(0, 500) : payload, str(v.get(FIELD_TRACE_ID)),
				str(v.get(FIELD_SQL_STATE)), str(v.get(FIELD_FIELD)));
	}

	private static String str(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
