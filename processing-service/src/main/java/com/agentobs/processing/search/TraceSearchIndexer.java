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
 * <p>Watermark rule: {@code indexed_through} = the earlier of the time just before a read and the
 * start of the oldest batch then still in {@code traces:unindexed} ({@link WrittenTraces}). A trace
 * committed before that belongs to a batch that had left the set: indexed, or never committed.
 * A batch of an instance that died between its commit and its announcement stays in the set until
 * {@code abandon-after}; its entry is replayed and indexed meanwhile.
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
		boolean forgetAbandoned = false;
		while (this.running) {
			try {
				long now = this.clock.millis();
				if (now >= nextClaim) {
					reclaim();
					this.streamGroup.trimAcknowledged();
					nextClaim = now + this.claimInterval.toMillis();
					forgetAbandoned = true;
				}
				// the bound is taken before the read: a batch that left the set by then was indexed
				Instant checked = this.clock.instant();
				Instant oldest = this.written.oldestUnindexed();
				List<MapRecord<String, Object, Object>> records = read();
				indexAndAck(records);
				if (forgetAbandoned && records.size() < this.settings.batchEntries()) {
					forgetAbandoned();
					forgetAbandoned = false;
				}
				advance((oldest != null && oldest.isBefore(checked)) ? oldest : checked);
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

	/**
	 * Forgets batches listed longer ago than {@code abandon-after}, once the indexer has read to the
	 * stream's end and nothing is pending in the group: every announced batch is then indexed, so
	 * these never announced their traces (their instance died after committing; the replay announces
	 * them again).
	 */
	private void forgetAbandoned() {
		PendingMessagesSummary pending = this.redis.opsForStream().pending(WrittenTraces.STREAM, WrittenTraces.GROUP);
		if (pending != null && pending.getTotalPendingMessages() > 0) {
			return;
		}
		long forgotten = this.written.forgetBefore(this.clock.instant().minus(this.settings.abandonAfter()));
		if (forgotten > 0) {
			log.warn("{} batches announced over {} ago were never indexed (their instance stopped); no longer waited for",
					forgotten, this.settings.abandonAfter());
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
	 * Indexes the entries' traces in one transaction, records each trace's lag, marks the entries'
	 * batches indexed, then acknowledges the entries (an indexer that dies in between leaves them
	 * pending; indexing them again changes nothing).
	 */
	void indexAndAck(List<MapRecord<String, Object, Object>> records) {
		if (records.isEmpty()) {
			return;
		}
		Map<UUID, LinkedHashSet<String>> byWorkspace = new TreeMap<>();
		List<WrittenTraces.Entry> entries = new ArrayList<>(records.size());
		for (MapRecord<String, Object, Object> record : records) {
			try {
				WrittenTraces.Entry entry = this.written.decode(record.getValue());
				entries.add(entry);
				byWorkspace.computeIfAbsent(entry.workspaceId(), (k) -> new LinkedHashSet<>()).addAll(entry.traceIds());
			}
			catch (RuntimeException ex) {
				// names no trace that could be indexed: nothing to retry
				log.warn("Undecodable {} entry {} dropped: {}", WrittenTraces.STREAM, record.getId(), ex.getMessage());
			}
		}
		if (!byWorkspace.isEmpty()) {
			this.indexed.increment(this.index.index(byWorkspace));
		}
		Instant searchable = this.clock.instant();
		for (WrittenTraces.Entry entry : entries) {
			Duration lagOfEntry = Duration.between(entry.committedAt(), searchable);
			for (int i = 0; i < entry.traceIds().size(); i++) {
				this.lag.record(lagOfEntry.isNegative() ? Duration.ZERO : lagOfEntry);
			}
		}
		this.written.indexed(entries.stream().map(WrittenTraces.Entry::member).toList());
		this.redis.opsForStream()
			.acknowledge(WrittenTraces.STREAM, WrittenTraces.GROUP,
					records.stream().map(MapRecord::getId).toArray(RecordId[]::new));
	}

	/** Moves every workspace's {@code indexed_through} to {@code through}; at most once per {@code progress-interval}. */
	private void advance(Instant through) {
		if (this.clock.millis() < this.nextAdvance) {
			return;
		}
		if (through.isAfter(this.advancedThrough)) {
			this.index.advance(through);
			this.advancedThrough = through;
		}
		this.nextAdvance = this.clock.millis() + this.settings.progressInterval().toMillis();
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
