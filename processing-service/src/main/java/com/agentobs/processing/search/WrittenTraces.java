package com.agentobs.processing.search;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the search indexer is told about the write path, in Redis:
 * <ul>
 * <li>the sorted set {@code traces:unindexed}: one member per batch and workspace, scored with the
 * time the batch began, added before the batch's transaction and removed by the indexer once it has
 * indexed the batch's traces (or by the batch itself when it rolled back). Its lowest score bounds
 * {@code indexed_through}: a trace committed earlier belongs to a batch no longer in the set, so
 * it is indexed;</li>
 * <li>the stream {@code traces:written}: one entry per committed batch and workspace, naming every
 * trace of the batch (new or already stored, so a batch replayed after a crash between its commit and
 * this entry still names its traces), the commit time and the member to remove.</li>
 * </ul>
 */
@Component
public class WrittenTraces {

	static final String STREAM = "traces:written";

	static final String GROUP = "search-indexers";

	static final String UNINDEXED = "traces:unindexed";

	static final String FIELD_WORKSPACE = "workspace_id";

	static final String FIELD_TRACE_IDS = "trace_ids";

	static final String FIELD_COMMITTED_AT = "committed_at";

	static final String FIELD_BATCH = "batch";

	private static final TypeReference<List<String>> IDS = new TypeReference<>() {
	};

	/** One batch's members in {@code traces:unindexed}, by workspace. */
	public record Batch(Map<UUID, String> members) {
	}

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Clock clock;

	private final ProcessingProperties.Search settings;

	WrittenTraces(StringRedisTemplate redis, JsonMapper json, Clock clock, ProcessingProperties properties) {
		this.redis = redis;
		this.json = json;
		this.clock = clock;
		this.settings = properties.search();
	}

	/** Announces a batch about to write traces of these workspaces; call before its transaction begins. */
	public Batch begin(Set<UUID> workspaces) {
		if (!this.settings.enabled() || workspaces.isEmpty()) {
			return new Batch(Map.of());
		}
		String batch = UUID.randomUUID().toString();
		Map<UUID, String> members = workspaces.stream().collect(Collectors.toMap((ws) -> ws, (ws) -> batch + "|" + ws));
		double began = this.clock.millis();
		this.redis.opsForZSet()
			.add(UNINDEXED, members.values()
				.stream()
				.map((m) -> ZSetOperations.TypedTuple.of(m, began))
				.collect(Collectors.toSet()));
		return new Batch(members);
	}

	/** Withdraws a batch that did not commit. */
	public void abandoned(Batch batch) {
		if (!batch.members().isEmpty()) {
			this.redis.opsForZSet().remove(UNINDEXED, batch.members().values().toArray());
		}
	}

	/** Appends the traces a committed batch wrote for a workspace. */
	public void committed(Batch batch, UUID workspaceId, Collection<String> traceIds, Instant committedAt) {
		String member = batch.members().get(workspaceId);
		if (member == null) {
			return;
		}
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(STREAM)
			.ofMap(Map.of(FIELD_WORKSPACE, workspaceId.toString(), FIELD_TRACE_IDS,
					this.json.writeValueAsString(List.copyOf(traceIds)), FIELD_COMMITTED_AT,
					Long.toString(committedAt.toEpochMilli()), FIELD_BATCH, member));
		this.redis.opsForStream()
			.add(record, RedisStreamCommands.XAddOptions.maxlen(this.settings.streamMaxLength()).approximateTrimming(true));
	}

	/** One entry, decoded. */
	record Entry(UUID workspaceId, List<String> traceIds, Instant committedAt, String member) {
	}

	Entry decode(Map<Object, Object> fields) {
		return new Entry(UUID.fromString(String.valueOf(fields.get(FIELD_WORKSPACE))),
				this.json.readValue(String.valueOf(fields.get(FIELD_TRACE_IDS)), IDS),
				Instant.ofEpochMilli(Long.parseLong(String.valueOf(fields.get(FIELD_COMMITTED_AT)))),
				String.valueOf(fields.get(FIELD_BATCH)));
	}

	/** Marks batches' traces as indexed. */
	void indexed(Collection<String> members) {
		if (!members.isEmpty()) {
			this.redis.opsForZSet().remove(UNINDEXED, members.toArray());
		}
	}

	/** When the oldest batch not yet indexed began; null when there is none. */
	Instant oldestUnindexed() {
		Set<ZSetOperations.TypedTuple<String>> first = this.redis.opsForZSet().rangeWithScores(UNINDEXED, 0, 0);
		if (first == null || first.isEmpty()) {
			return null;
		}
		Double score = first.iterator().next().getScore();
		return (score != null) ? Instant.ofEpochMilli(score.longValue()) : null;
	}

	/** Forgets batches announced before {@code before} (their instance died); returns how many. */
	long forgetBefore(Instant before) {
		Long removed = this.redis.opsForZSet().removeRangeByScore(UNINDEXED, Double.NEGATIVE_INFINITY,
				before.toEpochMilli() - 1);
		return (removed != null) ? removed : 0;
	}

}
