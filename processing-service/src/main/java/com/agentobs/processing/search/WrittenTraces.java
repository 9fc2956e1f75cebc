package com.agentobs.processing.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream {@code traces:written}: one entry per committed batch and workspace, naming every
 * trace of the batch (new or already stored, so a batch replayed after a crash between its commit
 * and this entry still names its traces) and the commit time. The search indexer consumes it.
 * A batch appends its entry right after its commit, before anything else, so the time between a
 * commit and its entry stays far below the indexer's {@code publish-grace}.
 */
@Component
public class WrittenTraces {

	static final String STREAM = "traces:written";

	static final String GROUP = "search-indexers";

	static final String FIELD_WORKSPACE = "workspace_id";

	static final String FIELD_TRACE_IDS = "trace_ids";

	static final String FIELD_COMMITTED_AT = "committed_at";

	private static final TypeReference<List<String>> IDS = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final ProcessingProperties.Search settings;

	WrittenTraces(StringRedisTemplate redis, JsonMapper json, ProcessingProperties properties) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.search();
	}

	/** Appends the traces one batch committed for a workspace; nothing when search indexing is off. */
	public void committed(UUID workspaceId, Collection<String> traceIds, Instant committedAt) {
		if (!this.settings.enabled() || traceIds.isEmpty()) {
			return;
		}
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(STREAM)
			.ofMap(Map.of(FIELD_WORKSPACE, workspaceId.toString(), FIELD_TRACE_IDS,
					this.json.writeValueAsString(List.copyOf(traceIds)), FIELD_COMMITTED_AT,
					Long.toString(committedAt.toEpochMilli())));
		this.redis.opsForStream()
			.add(record, RedisStreamCommands.XAddOptions.maxlen(this.settings.streamMaxLength()).approximateTrimming(true));
	}

	/** One entry, decoded. */
	record Entry(UUID workspaceId, List<String> traceIds, Instant committedAt) {
	}

	Entry decode(Map<Object, Object> fields) {
		return new Entry(UUID.fromString(String.valueOf(fields.get(FIELD_WORKSPACE))),
				this.json.readValue(String.valueOf(fields.get(FIELD_TRACE_IDS)), IDS),
				Instant.ofEpochMilli(Long.parseLong(String.valueOf(fields.get(FIELD_COMMITTED_AT)))));
	}

}
