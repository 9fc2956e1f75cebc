package com.agentobs.processing.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.processing.system.ProcessingProperties;
import com.agentobs.processing.system.StreamGroup;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills the search index behind the write path: consumer group {@code search-indexers} on
 * {@code traces:written}, one thread per instance. Each read's entries are indexed in one
 * transaction ({@link TraceSearchIndex#index}, idempotent), then acknowledged, so an indexer that
 * dies leaves its entries pending and another reclaims them after {@code claim-min-idle}.
 *
 * <p>Watermark rule: after each read, every entry appended before the read began is indexed or
 * pending, because a read that returns less than it asked for has reached the stream's end. The
 * indexer then records {@code indexed_through} = (start of that read, or the commit time of the last
 * entry read when it did not reach the end), held below the commit time of the oldest entry still
 * pending in the group, minus {@code publish-grace}: a batch appends its entry within that grace of
 * its commit, so no trace committed before the watermark can still be unread.
 *
 * <p>Lag (commit → searchable, per trace) is the timer {@code agentobs.processing.search.lag}.
 */
@Component
class TraceSearchIndexer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TraceSearchIndexer.class);

	private final StringRedisTemplate redis;

	private final WrittenTraces written;

	private final TraceSearchIndex index;

	private final Clock clock;

	private final ProcessingProperties.Search settings;

	private final Duration claimMinIdle;

	private final Duration claimInterval;

	private final String name;

	private final StreamGroup streamGroup;

	private final Timer lag;

	private final Counter indexed;

	private volatile boolean running;

	private Thread thread;

	private Instant advancedThrough = Instant.EPOCH;

	private long nextAdvance;

	TraceSearchIndexer(StringRedisTemplate redis, WrittenTraces written, TraceSearchIndex index, Clock clock,
			ProcessingProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.written = written;
		this.index = index;
		this.clock = clock;
		this.settings = properties.search();
		this.claimMinIdle = properties.consumer().claimMinIdle();
		this.claimInterval = properties.consumer().claimInterval();
		this.name = properties.consumer().nameOrDefault();
		this.streamGroup = new StreamGroup(redis, WrittenTraces.STREAM, WrittenTraces.GROUP);
		this.lag = Timer.builder("agentobs.processing.search.lag")
			.description("time from a batch's commit until its traces are searchable")
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofMinutes(5))
			.register(meters);
		this.indexed = Counter.builder("agentobs.processing.search.indexed")
			.description("trace documents added to the search index")
			.register(meters);
	}

	@Override
	public void start() {
		if (!this.settings.enabled() || this.running) {
			return;
		}
		this.streamGroup.ensureExists();
		this.running = true;
		this.thread = new Thread(this::loop, "trace-search-indexer");
		this.thread.start();
		log.info("Indexing {} for search as {} in group {}", WrittenTraces.STREAM, this.name, WrittenTraces.GROUP);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			try {
				this.thread.join(this.settings.block().toMillis() + 30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		long nextClaim = 0;
		while (this.running) {
			try {
				long now = this.clock.millis();
				if (now >= nextClaim) {
					reclaim();
					this.streamGroup.trimAcknowledged();
					nextClaim = now + this.claimInterval.toMillis();
				}
				Instant readStart = this.clock.instant();
				List<MapRecord<String, Object, Object>> records = read();
				Instant lastCommit = indexAndAck(records);
				boolean reachedEnd = records.size() < this.settings.batchEntries();
				advance(reachedEnd ? readStart : lastCommit);
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				log.warn("Search indexer error ({}); retrying in 1 s", ex.toString());
				StreamGroup.pause(Duration.ofSeconds(1));
				if (StreamGroup.isMissingGroup(ex)) {
					this.streamGroup.ensureExists();
				}
			}
		}
	}

	private List<MapRecord<String, Object, Object>> read() {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.read(Consumer.from(WrittenTraces.GROUP, this.name),
					StreamReadOptions.empty().count(this.settings.batchEntries()).block(this.settings.block()),
					StreamOffset.create(WrittenTraces.STREAM, ReadOffset.lastConsumed()));
		return (records != null) ? records : List.of();
	}

	/**
	 * Indexes the entries' traces in one transaction, records each trace's lag, acknowledges the
	 * entries; returns the commit time of the last entry (null when there were none).
	 */
	Instant indexAndAck(List<MapRecord<String, Object, Object>> records) {
		if (records.isEmpty()) {
			return null;
		}
		Map<UUID, LinkedHashSet<String>> byWorkspace = new TreeMap<>();
		List<WrittenTraces.Entry> entries = new ArrayList<>(records.size());
		List<RecordId> undecodable = new ArrayList<>();
		for (MapRecord<String, Object, Object> record : records) {
			try {
				WrittenTraces.Entry entry = this.written.decode(record.getValue());
				entries.add(entry);
				byWorkspace.computeIfAbsent(entry.workspaceId(), (k) -> new LinkedHashSet<>()).addAll(entry.traceIds());
			}
			catch (RuntimeException ex) {
				// names no trace that could be indexed: nothing to retry
				log.warn("Undecodable {} entry {} dropped: {}", WrittenTraces.STREAM, record.getId(), ex.getMessage());
				undecodable.add(record.getId());
			}
		}
		if (!byWorkspace.isEmpty()) {
			this.indexed.increment(this.index.index(byWorkspace));
		}
		Instant searchable = this.clock.instant();
		Instant last = null;
		for (WrittenTraces.Entry entry : entries) {
			Duration lagOfEntry = Duration.between(entry.committedAt(), searchable);
			for (int i = 0; i < entry.traceIds().size(); i++) {
				this.lag.record(lagOfEntry.isNegative() ? Duration.ZERO : lagOfEntry);
			}
			last = entry.committedAt();
		}
		this.redis.opsForStream()
			.acknowledge(WrittenTraces.STREAM, WrittenTraces.GROUP,
					records.stream().map(MapRecord::getId).toArray(RecordId[]::new));
		return (last != null) ? last : searchable;
	}

	/**
	 * Moves every workspace's {@code indexed_through} to {@code candidate} minus the grace, held
	 * below the oldest entry still pending in the group; at most once per {@code progress-interval}.
	 */
	private void advance(Instant candidate) {
		if (candidate == null || this.clock.millis() < this.nextAdvance) {
			return;
		}
		Instant through = candidate;
		PendingMessagesSummary pending = this.redis.opsForStream().pending(WrittenTraces.STREAM, WrittenTraces.GROUP);
		if (pending != null && pending.getTotalPendingMessages() > 0) {
			Instant oldest = committedAt(pending.minMessageId());
			if (oldest != null && oldest.isBefore(through)) {
				through = oldest;
			}
		}
		through = through.minus(this.settings.publishGrace());
		if (through.isAfter(this.advancedThrough)) {
			this.index.advance(through);
			this.advancedThrough = through;
		}
		this.nextAdvance = this.clock.millis() + this.settings.progressInterval().toMillis();
	}

	/** The commit time of a stream entry; null when it is gone or unreadable. */
	private Instant committedAt(String entryId) {
		List<MapRecord<String, Object, Object>> found = this.redis.opsForStream()
			.range(WrittenTraces.STREAM, Range.closed(entryId, entryId));
		if (found == null || found.isEmpty()) {
			return null;
		}
		try {
			return this.written.decode(found.get(0).getValue()).committedAt();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Takes over entries another indexer left pending longer than {@code claim-min-idle} and indexes them. */
	private void reclaim() {
		List<RecordId> stale = this.redis.opsForStream()
			.pending(WrittenTraces.STREAM, WrittenTraces.GROUP, Range.unbounded(), this.settings.batchEntries() * 10L)
			.stream()
			.filter((p) -> p.getElapsedTimeSinceLastDelivery().compareTo(this.claimMinIdle) >= 0)
			.map(PendingMessage::getId)
			.toList();
		for (int i = 0; i < stale.size(); i += this.settings.batchEntries()) {
			List<RecordId> chunk = stale.subList(i, Math.min(stale.size(), i + this.settings.batchEntries()));
			List<MapRecord<String, Object, Object>> claimed = this.redis.opsForStream()
				.claim(WrittenTraces.STREAM, WrittenTraces.GROUP, this.name, this.claimMinIdle,
						chunk.toArray(RecordId[]::new));
			if (!claimed.isEmpty()) {
				log.info("Reclaimed {} stale {} entries", claimed.size(), WrittenTraces.STREAM);
				indexAndAck(claimed);
			}
		}
	}

}
