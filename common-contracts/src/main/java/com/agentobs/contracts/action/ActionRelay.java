package com.agentobs.contracts.action;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Delivers the action outbox (V052) to Redis and keeps the audit trail from hanging:
 * <ul>
 * <li>fast path: right after an action's commit its row is published and marked sent;</li>
 * <li>relay: every {@code relay-interval}, rows still unsent after {@code relay-grace} (Redis
 * was down, the process died after the commit) are claimed with a lease, published and
 * marked sent; a failure records {@code last_error} and retries with backoff. Delivery is at
 * least once (a crash between XADD and the mark re-sends): consumers dedupe on
 * {@code action_id};</li>
 * <li>sweeper: every {@code sweep-interval}, {@code pending}/{@code in_progress} rows not updated
 * for {@code stuck-timeout} (their process died mid-action) become {@code failed} with the
 * reason, and their event is queued like any other.</li>
 * </ul>
 * Every instance of a service that has action handlers runs the background passes (a service
 * without handlers writes no outbox rows and runs none); claims skip locked rows and the sweep
 * only moves rows still stuck, so instances never double-handle a row at the same time.
 */
class ActionRelay implements SmartLifecycle {

	/** {@code result.error.code} of an action the sweeper failed. */
	static final String TIMED_OUT = "ACTION_TIMED_OUT";

	private static final Logger log = LoggerFactory.getLogger(ActionRelay.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	private final WorkspaceTransactions transactions;

	private final ActionAuditLog audit;

	private final ActionOutbox outbox;

	private final RedisActionEvents events;

	private final ActionProperties properties;

	private final boolean background;

	private volatile ScheduledExecutorService scheduler;

	ActionRelay(WorkspaceTransactions transactions, ActionAuditLog audit, ActionOutbox outbox,
			RedisActionEvents events, ActionProperties properties, boolean background) {
		this.background = background;
		this.transactions = transactions;
		this.audit = audit;
		this.outbox = outbox;
		this.events = events;
		this.properties = properties;
	}

	/** The fast path, after the commit: a Redis failure leaves the row to the relay. */
	void publishNow(ActionOutbox.Message message) {
		try {
			this.events.publish(message.workspaceId(), message.fields(), message.bumpDataVersion());
		}
		catch (RuntimeException ex) {
			log.warn("Action {} committed; its event waits in the outbox until Redis is back: {} [workspace_id={}]",
					message.actionId(), ex.toString(), message.workspaceId());
			return;
		}
		markSent(message);
	}

	/** One relay pass: publishes due rows; returns how many were sent. */
	int relay() {
		List<ActionOutbox.Message> due = this.outbox.claim(this.properties.relayBatch(), this.properties.relayLease(),
				this.properties.relayGrace());
		int sent = 0;
		for (ActionOutbox.Message message : due) {
			try {
				this.events.publish(message.workspaceId(), message.fields(), message.bumpDataVersion());
			}
			catch (RuntimeException ex) {
				Duration retry = backoff(message.attempts());
				log.warn("Outbox row {} of action {} not published (attempt {}), retry in {}: {}", message.id(),
						message.actionId(), message.attempts(), retry, ex.toString());
				this.transactions.runInWorkspace(message.workspaceId(),
						() -> this.outbox.noteError(message.workspaceId(), message.id(), ex.toString(), retry));
				continue;
			}
			markSent(message);
			sent++;
		}
		return sent;
	}

	/** One sweep: fails the actions stuck past the timeout; returns how many. */
	int sweep() {
		Duration timeout = this.properties.stuckTimeout();
		String reason = "No progress for " + timeout.toSeconds()
				+ " s: the process running the action stopped; nothing was changed by it";
		int failed = 0;
		for (ActionAuditLog.Stuck stuck : this.audit.findStuck(timeout, this.properties.relayBatch())) {
			UUID ws = stuck.workspaceId();
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("code", TIMED_OUT);
			error.put("message", reason);
			ActionOutbox.Message message = this.transactions.inWorkspace(ws, () -> {
				// only if still stuck: a row that progressed meanwhile is left alone
				if (this.audit.failIfStuck(ws, stuck.actionId(), timeout, Map.of("error", error)) != 1) {
					return null;
				}
				return this.outbox.add(ws, this.audit.find(ws, stuck.actionId()).orElseThrow());
			});
			if (message != null) {
				log.warn("Action {} was stuck and is now failed [workspace_id={}]", stuck.actionId(), ws);
				publishNow(message);
				failed++;
			}
		}
		return failed;
	}

	private void markSent(ActionOutbox.Message message) {
		try {
			this.transactions.runInWorkspace(message.workspaceId(),
					() -> this.outbox.markSent(message.workspaceId(), message.id()));
		}
		catch (RuntimeException ex) {
			// sent but not marked: the relay sends it again (at least once)
			log.warn("Outbox row {} sent but not marked: {}", message.id(), ex.toString());
		}
	}

	private Duration backoff(int attempts) {
		long seconds = this.properties.relayLease().toSeconds() << Math.min(Math.max(attempts - 1, 0), 10);
		return (seconds > MAX_BACKOFF.toSeconds()) ? MAX_BACKOFF : Duration.ofSeconds(Math.max(1, seconds));
	}

	@Override
	public void start() {
		if (!this.background) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "action-outbox-relay");
			thread.setDaemon(true);
			return thread;
		});
		long relayMillis = this.properties.relayInterval().toMillis();
		long sweepMillis = this.properties.sweepInterval().toMillis();
		executor.scheduleWithFixedDelay(() -> guarded("relay", this::relay), relayMillis, relayMillis,
				TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(() -> guarded("sweep", () -> {
			sweep();
			this.outbox.purgeSent(this.properties.sentRetention());
			return 0;
		}), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public boolean isAutoStartup() {
		return this.background;
	}

	private static void guarded(String what, java.util.concurrent.Callable<Integer> work) {
		try {
			work.call();
		}
		catch (Exception ex) {
			log.warn("Action outbox {} failed, next pass retries: {}", what, ex.toString());
		}
	}

}
