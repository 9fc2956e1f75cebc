package com.agentobs.evaluation.online;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.stream.ConsumerGroups;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.stream.TracesProcessedEvent;
import com.agentobs.evaluation.system.EvaluationProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
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

import tools.jackson.databind.ObjectMapper;

/**
 * The consumer group on {@code traces:processed}: each entry (one committed batch of one
 * workspace) is evaluated and acknowledged only after its scores committed. An entry whose
 * evaluation failed stays pending and is claimed again after {@code reclaim-idle} (also the
 * entries of a consumer that died); the writes are idempotent, so a redelivery adds nothing.
 * An entry that cannot be decoded is acknowledged and logged (it would fail forever).
 */
@Component
class ProcessedTracesConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProcessedTracesConsumer.class);

	private final StringRedisTemplate redis;

	private final OnlineEvaluation evaluation;

	private final ObjectMapper mapper;

	private final EvaluationProperties.Consumer settings;

	private final String name;

	private volatile boolean running;

	private Thread thread;

	ProcessedTracesConsumer(StringRedisTemplate redis, OnlineEvaluation evaluation, ObjectMapper mapper,
			EvaluationProperties properties) {
		this.redis = redis;
		this.evaluation = evaluation;
		this.mapper = mapper;
		this.settings = properties.consumer();
		this.name = (this.settings.name() != null && !this.settings.name().isBlank()) ? this.settings.name()
				: defaultName();
	}

	@Override
	public void start() {
		if (!this.settings.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::loop, "processed-traces-consumer");
		this.thread.start();
		log.info("Consuming {} as {} in group {}", TraceStreams.PROCESSED, this.name, this.settings.group());
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
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		long nextClaim = 0;
		boolean groupReady = false;
		while (this.running) {
			try {
				if (!groupReady) {
					ensureGroup();
					groupReady = true;
				}
				long now = System.currentTimeMillis();
				if (now >= nextClaim) {
					reclaim();
					nextClaim = now + this.settings.reclaimIdle().toMillis() / 2;
				}
				List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
					.read(Consumer.from(this.settings.group(), this.name),
							StreamReadOptions.empty().count(this.settings.batchSize()).block(this.settings.block()),
							StreamOffset.create(TraceStreams.PROCESSED, ReadOffset.lastConsumed()));
				if (records != null) {
					records.forEach(this::handle);
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				log.warn("Evaluation consumer error ({}); retrying in 1 s", ex.toString());
				groupReady = !String.valueOf(ex.getMessage()).contains("NOGROUP");
				sleep(Duration.ofSeconds(1));
			}
		}
	}

	/** Evaluates one entry and acknowledges it after the commit; a failure leaves it pending. */
	void handle(MapRecord<String, Object, Object> record) {
		TracesProcessedEvent event;
		try {
			Object payload = record.getValue().get(TraceStreams.FIELD_PAYLOAD);
			event = this.mapper.readValue(String.valueOf(payload), TracesProcessedEvent.class);
		}
		catch (RuntimeException ex) {
			log.warn("Entry {} of {} cannot be decoded ({}): acknowledged without evaluation", record.getId(),
					TraceStreams.PROCESSED, ex.getClass().getSimpleName());
			ack(record.getId());
			return;
		}
		try {
			UUID ws = event.workspaceId();
			if (ws != null && !event.traceIds().isEmpty()) {
				this.evaluation.evaluate(ws, event.traceIds(), event.from(), event.to());
			}
			ack(record.getId());
		}
		catch (RuntimeException ex) {
			log.warn("Evaluating entry {} failed; it stays pending [workspace_id={}]: {}", record.getId(),
					event.workspaceId(), ex.toString());
		}
	}

	/** Claims entries idle longer than {@code reclaim-idle} (this or a dead consumer's) and retries them. */
	private void reclaim() {
		PendingMessages pending = this.redis.opsForStream()
			.pending(TraceStreams.PROCESSED, this.settings.group(), Range.unbounded(), this.settings.batchSize());
		List<RecordId> stale = pending.stream()
			.filter((p) -> p.getElapsedTimeSinceLastDelivery().compareTo(this.settings.reclaimIdle()) >= 0)
			.map(PendingMessage::getId)
			.toList();
		if (stale.isEmpty()) {
			return;
		}
		List<MapRecord<String, Object, Object>> claimed = this.redis.opsForStream()
			.claim(TraceStreams.PROCESSED, this.settings.group(), this.name, this.settings.reclaimIdle(),
					stale.toArray(RecordId[]::new));
		log.info("Reclaimed {} pending entries of {}", claimed.size(), TraceStreams.PROCESSED);
		claimed.forEach(this::handle);
	}

	private void ack(RecordId id) {
		this.redis.opsForStream().acknowledge(TraceStreams.PROCESSED, this.settings.group(), id);
	}

	/** The group starts at the stream's first entry: batches processed before the first start are scored too. */
	private void ensureGroup() {
		ConsumerGroups.ensure(this.redis, TraceStreams.PROCESSED, this.settings.group(), ConsumerGroups.FROM_START);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String defaultName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "host";
		}
		return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}
