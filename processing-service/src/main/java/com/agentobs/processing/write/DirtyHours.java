package com.agentobs.processing.write;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.stream.TraceStreams;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Hours whose rollups are stale, kept in the Redis hash {@code rollups:dirty}
 * ({@code workspace|epoch-hour} → mark time). A batch marks its hours after commit and
 * before XACK, so a crash cannot lose a mark; {@link #rebuildDirty()} rebuilds each
 * marked hour once per pass however many batches touched it (a derivation rewrites the
 * hours' and days' rollup rows, too much to do per batch at ingest rates) and clears a mark
 * only if no batch re-marked it meanwhile (compare-and-delete).
 */
@Component
public class DirtyHours {

	private static final Logger log = LoggerFactory.getLogger(DirtyHours.class);

	static final String KEY = "rollups:dirty";

	private static final RedisScript<Long> DELETE_IF_UNCHANGED = RedisScript.of("""
			if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RollupRebuilder rollups;

	private final Timer rebuildTimer;

	DirtyHours(StringRedisTemplate redis, RollupRebuilder rollups, MeterRegistry meters) {
		this.redis = redis;
		this.rollups = rollups;
		this.rebuildTimer = Timer.builder("agentobs.processing.rollups.rebuild")
			.description("one workspace's derivation of its dirty hours' rollups from their cells")
			.register(meters);
	}

	public void mark(UUID workspaceId, Set<Instant> hours) {
		if (hours.isEmpty()) {
			return;
		}
		String now = Long.toString(System.nanoTime()) + "-" + Thread.currentThread().getId();
		Map<String, String> fields = new HashMap<>();
		hours.forEach((h) -> fields.put(workspaceId + "|" + h.getEpochSecond(), now));
		this.redis.opsForHash().putAll(KEY, fields);
	}

	/**
	 * Rebuilds every marked hour (per workspace, contiguous hours in one call); returns the workspaces
	 * whose marks it took: those batches wrote since the last pass.
	 */
	public Set<UUID> rebuildDirty() {
		Map<Object, Object> marks = this.redis.opsForHash().entries(KEY);
		if (marks.isEmpty()) {
			return Set.of();
		}
		Map<UUID, Set<Instant>> byWorkspace = new HashMap<>();
		marks.keySet().forEach((k) -> {
			String[] parts = k.toString().split("\\|");
			byWorkspace.computeIfAbsent(UUID.fromString(parts[0]), (w) -> new TreeSet<>())
				.add(Instant.ofEpochSecond(Long.parseLong(parts[1])));
		});
		for (Map.Entry<UUID, Set<Instant>> entry : byWorkspace.entrySet()) {
			UUID ws = entry.getKey();
			try {
				this.rebuildTimer.record(() -> this.rollups.rebuild(ws, entry.getValue()));
			}
			catch (RuntimeException ex) {
				log.warn("Rollup rebuild failed for workspace {} (marks kept, retried next pass): {}", ws, ex.toString());
				continue;
			}
			for (Instant hour : entry.getValue()) {
				String field = ws + "|" + hour.getEpochSecond();
				this.redis.execute(DELETE_IF_UNCHANGED, List.of(KEY), field, String.valueOf(marks.get(field)));
			}
			this.redis.opsForValue().increment(DataVersion.key(ws));
		}
		return byWorkspace.keySet();
	}

}
