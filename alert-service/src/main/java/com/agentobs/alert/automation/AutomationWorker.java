package com.agentobs.alert.automation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import com.agentobs.alert.notify.NotificationOutbox;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The engine's background work on this instance: the execution and schedule pass (every
 * {@code interval}), the metric-threshold check (every {@code metric-interval}) and the
 * {@code alerts:events} consumer (group {@value #GROUP}; a record is acknowledged after its
 * executions are committed, and its key makes a redelivery add nothing). A triggered run is
 * claimed at once ({@link #kick}), not at the next pass.
 */
@Configuration(proxyBeanMethods = false)
class AutomationWorker implements SmartLifecycle {

	static final String GROUP = "automations";

	/** A record read but not acknowledged for this long belongs to a dead consumer. */
	private static final Duration RECLAIM_IDLE = Duration.ofSeconds(30);

	private static final Duration RECLAIM_EVERY = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(AutomationWorker.class);

	private final AutomationProperties settings;

	private final AutomationTriggers triggers;

	private final StringRedisTemplate redis;

	private final String holder;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private volatile AutomationEngine engine;

	private volatile boolean running;

	private volatile List<ScheduledFuture<?>> tasks = List.of();

	AutomationWorker(AutomationProperties settings, AutomationTriggers triggers, StringRedisTemplate redis) {
		this.settings = settings;
		this.triggers = triggers;
		this.redis = redis;
		this.holder = settings.instanceId().isBlank() ? "alert-" + UUID.randomUUID().toString().substring(0, 8)
				: settings.instanceId();
	}

	@Bean
	AutomationEngine automationEngine(WorkspaceTransactions transactions, JdbcClient jdbc, PlaybookStore playbooks,
			ExecutionStore executions, StepCatalog catalog, ActionRunner actions, RemoteActions remote, Clock clock) {
		AutomationEngine created = new AutomationEngine(transactions, jdbc, playbooks, executions, catalog, actions,
				remote, clock, this.settings.lease(), this.holder);
		this.engine = created;
		return created;
	}

	/** One pass: due schedule slots, then runnable executions, of every workspace. */
	void pass() {
		AutomationEngine e = this.engine;
		try {
			for (UUID ws : e.workspaces()) {
				this.triggers.onSchedules(ws, this.holder);
				while (e.runWorkspace(ws, 20) == 20) {
					// drain a backlog
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Automation pass failed", ex);
		}
	}

	void kick(UUID ws) {
		if (!this.running) {
			return;
		}
		this.scheduler.execute(() -> {
			try {
				this.engine.runWorkspace(ws, 20);
			}
			catch (RuntimeException ex) {
				log.warn("Automation run failed [workspace_id={}]", ws, ex);
			}
		});
	}

	private void metrics() {
		try {
			for (UUID ws : this.engine.workspaces()) {
				if (this.triggers.onMetrics(ws) > 0) {
					kick(ws);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Metric-threshold check failed", ex);
		}
	}

	/** Reads {@code alerts:events} as this instance's consumer until stopped. */
	private void consume() {
		String stream = NotificationOutbox.STREAM;
		ensureGroup(stream);
		Consumer consumer = Consumer.from(GROUP, this.holder);
		long lastReclaim = 0;
		while (this.running) {
			try {
				if (System.nanoTime() - lastReclaim > RECLAIM_EVERY.toNanos()) {
					lastReclaim = System.nanoTime();
					reclaim(stream);
				}
				@SuppressWarnings("unchecked")
				List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
					.read(consumer, StreamReadOptions.empty().count(50).block(Duration.ofSeconds(1)),
							StreamOffset.create(stream, ReadOffset.lastConsumed()));
				if (records == null) {
					continue;
				}
				handle(stream, records);
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("alerts:events consumer failed; retrying", ex);
					sleep();
					ensureGroup(stream);
				}
			}
		}
	}

	private void handle(String stream, List<MapRecord<String, Object, Object>> records) {
		for (MapRecord<String, Object, Object> record : records) {
			Map<String, String> fields = new java.util.LinkedHashMap<>();
			record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
			if (this.triggers.onAlertEvent(fields) > 0) {
				kick(UUID.fromString(fields.get("workspace_id")));
			}
			this.redis.opsForStream().acknowledge(stream, GROUP, record.getId());
		}
	}

	/**
	 * Takes over records another consumer read but never acknowledged (it died before committing
	 * their executions); their trigger keys make a record already handled add nothing.
	 */
	private void reclaim(String stream) {
		PendingMessages pending = this.redis.opsForStream()
			.pending(stream, GROUP, org.springframework.data.domain.Range.unbounded(), 100);
		List<RecordId> stale = new java.util.ArrayList<>();
		for (PendingMessage message : pending) {
			if (message.getElapsedTimeSinceLastDelivery().compareTo(RECLAIM_IDLE) > 0) {
				stale.add(message.getId());
			}
		}
		if (!stale.isEmpty()) {
			handle(stream, this.redis.opsForStream()
				.claim(stream, GROUP, this.holder, RECLAIM_IDLE, stale.toArray(new RecordId[0])));
		}
	}

	/** Creates the consumer group (and the stream) when missing; new records only. */
	private void ensureGroup(String stream) {
		try {
			if (!Boolean.TRUE.equals(this.redis.hasKey(stream))) {
				this.redis.opsForStream().add(stream, Map.of("event", "automation.init"));
			}
			this.redis.opsForStream().createGroup(stream, ReadOffset.from("$"), GROUP);
		}
		catch (RuntimeException ex) {
			// BUSYGROUP: it exists already
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		if (!this.settings.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.scheduler.setPoolSize(3);
		this.scheduler.setThreadNamePrefix("automation-");
		this.scheduler.setWaitForTasksToCompleteOnShutdown(false);
		this.scheduler.initialize();
		this.tasks = List.of(this.scheduler.scheduleWithFixedDelay(this::pass, this.settings.interval()),
				this.scheduler.scheduleWithFixedDelay(this::metrics, this.settings.metricInterval()));
		Thread thread = new Thread(this::consume, "automation-alert-events");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.tasks.forEach((t) -> t.cancel(false));
		this.tasks = List.of();
		this.scheduler.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
