package com.agentobs.processing.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.processing.system.ProcessingProperties;
import com.agentobs.processing.system.StreamGroup;
import com.agentobs.processing.write.DirtyHours;
import com.agentobs.processing.write.PlannerStatistics;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The consumer loop on {@code traces:ingest} (group {@code processors}): reads batches
 * with XREADGROUP, reclaims entries that another consumer left pending longer than
 * {@code claim-min-idle} (XPENDING + XCLAIM, which also yields each entry's delivery
 * count), dead-letters entries delivered {@code max-deliveries} times, and trims entries
 * every consumer has acknowledged so the stream's length is the backlog ingestion bounds.
 *
 * <p>{@code threads} consumer threads read and commit batches side by side, each under its
 * own name in the group; the first also reclaims and trims. Another thread rebuilds the
 * dirty rollup hours ({@link DirtyHours}), off the commit path: a pass starts
 * {@code rollup-interval} after the previous one ended, or twice that pass's duration if
 * longer, so under heavy ingest passes space out by themselves and take at most a third of
 * that thread's time instead of stalling the consumers. Before each pass it refreshes the
 * planner statistics of tables the batches changed a lot ({@link PlannerStatistics}).
 */
@Component
class TraceStreamConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TraceStreamConsumer.class);

	private final StringRedisTemplate redis;

	private final BatchProcessor processor;

	private final DirtyHours dirtyHours;

	/** Workspaces the last rollup pass found written (rollup thread only): the statistics refresh checks them. */
	private Set<UUID> rebuiltLastPass = Set.of();

	private final ProcessingProperties.Consumer settings;

	private final PlannerStatistics statistics;

	private final String name;

	private final StreamGroup streamGroup;

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

	private Thread rollupThread;

	TraceStreamConsumer(StringRedisTemplate redis, BatchProcessor processor, DirtyHours dirtyHours,
			PlannerStatistics statistics, ProcessingProperties properties) {
		this.redis = redis;
		this.processor = processor;
		this.dirtyHours = dirtyHours;
		this.statistics = statistics;
		this.settings = properties.consumer();
		this.name = this.settings.nameOrDefault();
		this.streamGroup = new StreamGroup(redis, TraceStreams.INGEST, TraceStreams.PROCESSORS_GROUP);
	}

	@Override
	public void start() {
		if (!this.settings.enabled() || this.running) {
			return;
		}
		this.streamGroup.ensureExists();
		this.running = true;
		int count = this.settings.threads();
		for (int i = 1; i <= count; i++) {
			String consumer = (count == 1) ? this.name : this.name + "-" + i;
			boolean housekeeping = i == 1;
			Thread thread = new Thread(() -> loop(consumer, housekeeping), "trace-stream-consumer-" + i);
			this.threads.add(thread);
			thread.start();
		}
		this.rollupThread = new Thread(this::rollupLoop, "rollup-rebuilder");
		this.rollupThread.start();
		log.info("Consuming {} as {} ({} consumers) in group {}", TraceStreams.INGEST, this.name, count,
				TraceStreams.PROCESSORS_GROUP);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.rollupThread != null) {
			this.rollupThread.interrupt();
		}
		List<Thread> all = new ArrayList<>(this.threads);
		all.add(this.rollupThread);
		for (Thread t : all) {
			if (t != null) {
				try {
					t.join(this.settings.block().toMillis() + 30_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	String name() {
		return this.name;
	}

	/** One consumer's loop; the {@code housekeeping} one also reclaims stale entries and trims the stream. */
	private void loop(String consumer, boolean housekeeping) {
		long nextClaim = housekeeping ? 0 : Long.MAX_VALUE;
		long nextTrim = housekeeping ? 0 : Long.MAX_VALUE;
		while (this.running) {
			try {
				long now = System.currentTimeMillis();
				if (now >= nextClaim) {
					reclaim();
					nextClaim = now + this.settings.claimInterval().toMillis();
				}
				List<MapRecord<String, Object, Object>> records = read(consumer);
				if (records != null && !records.isEmpty()) {
					this.processor.process(records);
				}
				if (now >= nextTrim) {
					this.streamGroup.trimAcknowledged();
					nextTrim = now + this.settings.trimInterval().toMillis();
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				log.warn("Consumer loop error ({}); retrying in 1 s", ex.toString());
				StreamGroup.pause(Duration.ofSeconds(1));
				if (ex instanceof RedisSystemException && StreamGroup.isMissingGroup(ex)) {
					this.streamGroup.ensureExists();
				}
			}
		}
	}

	private void rollupLoop() {
		long interval = this.settings.rollupInterval().toMillis();
		while (this.running) {
			long started = System.currentTimeMillis();
			boolean completed = housekeep(() -> this.statistics.refreshStale(this.rebuiltLastPass),
					"Refreshing planner statistics failed ({}); retried before the next pass")
					&& housekeep(() -> this.rebuiltLastPass = this.dirtyHours.rebuildDirty(),
							"Rollup pass failed ({}); marks kept for the next pass");
			if (!completed && !this.running) {
				break;
			}
			long took = System.currentTimeMillis() - started;
			try {
				Thread.sleep(Math.max(interval, 2 * took));
			}
			catch (InterruptedException ex) {
				// stop() interrupts the wait; the loop condition ends the thread
			}
		}
	}

	/** Runs one step of the rollup thread; a failure is logged (unless stopping) and the next step still runs. */
	private boolean housekeep(Runnable step, String failure) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			if (!this.running) {
				return false;
			}
			log.warn(failure, ex.toString());
		}
		return true;
	}

	private List<MapRecord<String, Object, Object>> read(String consumer) {
		return this.redis.opsForStream()
			.read(Consumer.from(TraceStreams.PROCESSORS_GROUP, consumer),
					StreamReadOptions.empty().count(this.settings.batchEntries()).block(this.settings.block()),
					StreamOffset.create(TraceStreams.INGEST, ReadOffset.lastConsumed()));
	}

	/** Takes over entries idle longer than claim-min-idle; dead-letters those delivered too often. */
	void reclaim() {
		PendingMessages pending = this.redis.opsForStream()
			.pending(TraceStreams.INGEST, TraceStreams.PROCESSORS_GROUP, Range.unbounded(),
					this.settings.batchEntries() * 10L);
		Duration minIdle = this.settings.claimMinIdle();
		List<PendingMessage> stale = pending.stream()
			.filter((p) -> p.getElapsedTimeSinceLastDelivery().compareTo(minIdle) >= 0)
			.toList();
		if (stale.isEmpty()) {
			return;
		}
		List<RecordId> retry = stale.stream()
			.filter((p) -> p.getTotalDeliveryCount() < this.settings.maxDeliveries())
			.map(PendingMessage::getId)
			.toList();
		List<PendingMessage> exhausted = stale.stream()
			.filter((p) -> p.getTotalDeliveryCount() >= this.settings.maxDeliveries())
			.toList();
		for (PendingMessage p : exhausted) {
			List<MapRecord<String, Object, Object>> claimed = claim(List.of(p.getId()));
			claimed.forEach((r) -> this.processor.deadLetter(r, p.getTotalDeliveryCount()));
		}
		for (int i = 0; i < retry.size(); i += this.settings.batchEntries()) {
			List<MapRecord<String, Object, Object>> claimed = claim(
					retry.subList(i, Math.min(retry.size(), i + this.settings.batchEntries())));
			if (!claimed.isEmpty()) {
				log.info("Reclaimed {} stale entries", claimed.size());
				this.processor.process(claimed);
			}
		}
	}

	private List<MapRecord<String, Object, Object>> claim(List<RecordId> ids) {
		return this.redis.opsForStream()
			.claim(TraceStreams.INGEST, TraceStreams.PROCESSORS_GROUP, this.name, this.settings.claimMinIdle(),
					ids.toArray(RecordId[]::new));
	}

}
