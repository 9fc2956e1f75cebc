package com.agentobs.alert.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.agentobs.alert.rules.AlertRule;
import com.agentobs.alert.rules.RuleStore;
import com.agentobs.alert.rules.RulesChanged;
import com.agentobs.alert.slo.Slo;
import com.agentobs.alert.slo.SloStore;
import com.agentobs.alert.system.AlertProperties;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The scheduled evaluation pass: every {@code interval}, on the one instance holding the database
 * lease, every enabled rule of every workspace is evaluated from the rollups and applied to its
 * alerts (one workspace transaction per rule, which locks the rule's unresolved alerts: even a
 * pass that outlived its lease cannot fire an alert twice).
 */
@Component
public class Evaluator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

	private static final String WORKSPACES = "SELECT agentobs_alert_workspaces()";

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	private final RuleStore rules;

	private final SloStore slos;

	private final RuleEvaluator evaluator;

	private final AlertPipeline pipeline;

	private final EvaluationLease lease;

	private final Escalator escalator;

	private final AlertProperties.Evaluation settings;

	private final Clock clock;

	private final ThreadPoolTaskScheduler scheduler;

	private final String holder;

	private final Timer passes;

	private final Timer ruleTimer;

	private final AtomicBoolean passing = new AtomicBoolean();

	private final AtomicBoolean again = new AtomicBoolean();

	private volatile ScheduledFuture<?> task;

	Evaluator(JdbcClient jdbc, WorkspaceTransactions transactions, RuleStore rules, SloStore slos,
			RuleEvaluator evaluator, AlertPipeline pipeline, EvaluationLease lease, Escalator escalator,
			AlertProperties properties, Clock clock, ThreadPoolTaskScheduler alertScheduler, MeterRegistry meters) {
		this.escalator = escalator;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rules = rules;
		this.slos = slos;
		this.evaluator = evaluator;
		this.pipeline = pipeline;
		this.lease = lease;
		this.settings = properties.evaluation();
		this.clock = clock;
		this.scheduler = alertScheduler;
		this.passes = Timer.builder("agentobs.alert.evaluation.pass")
			.description("One evaluation pass over every workspace's rules (lease holder only)")
			.register(meters);
		this.ruleTimer = Timer.builder("agentobs.alert.evaluation.rule")
			.description("Evaluating one rule and applying it to its alerts")
			.register(meters);
		this.holder = this.settings.instanceId().isBlank() ? "alert-" + UUID.randomUUID()
				: this.settings.instanceId();
	}

	/**
	 * One pass at {@code now} if this instance holds (or takes) the lease.
	 * @return the number of rules evaluated, or -1 when another instance holds the lease
	 */
	public int runOnce(Instant now) {
		return runOnce(now, this.holder);
	}

	/** As {@link #runOnce(Instant)}, as the named lease holder (tests stand in for two instances). */
	public int runOnce(Instant now, String asHolder) {
		if (!this.lease.acquire(asHolder, now, this.settings.lease())) {
			return -1;
		}
		Timer.Sample sample = Timer.start();
		int evaluated = 0;
		for (UUID ws : this.jdbc.sql(WORKSPACES).query(UUID.class).list()) {
			evaluated += evaluateWorkspace(ws, now);
		}
		sample.stop(this.passes);
		return evaluated;
	}

	/**
	 * Evaluates one workspace's rules at {@code now}, resolves the alerts of deleted or disabled rules
	 * and applies the escalation policies (no lease: tests replaying time call it directly).
	 */
	public int evaluateWorkspace(UUID ws, Instant now) {
		List<AlertRule> list = this.transactions.inWorkspace(ws, () -> this.rules.active(ws));
		for (AlertRule retired : this.transactions.inWorkspace(ws, () -> this.rules.retired(ws))) {
			try {
				this.transactions.runInWorkspace(ws, () -> this.pipeline.retire(ws, retired, now));
			}
			catch (RuntimeException ex) {
				log.warn("Alerts of retired rule {} could not be resolved [workspace_id={}]", retired.ruleId(), ws, ex);
			}
		}
		int evaluated = 0;
		for (AlertRule rule : list) {
			if (!rule.enabled()) {
				continue;
			}
			Timer.Sample sample = Timer.start();
			try {
				this.transactions.runInWorkspace(ws, () -> {
					Slo slo = (rule.sloId() != null) ? this.slos.find(ws, rule.sloId()).orElse(null) : null;
					List<Observation> observations = this.evaluator.observe(ws, rule, slo, now);
					this.pipeline.apply(ws, rule, observations, now);
				});
				evaluated++;
			}
			catch (RuntimeException ex) {
				log.warn("Rule {} could not be evaluated [workspace_id={}]", rule.ruleId(), ws, ex);
			}
			finally {
				sample.stop(this.ruleTimer);
			}
		}
		try {
			this.transactions.runInWorkspace(ws, () -> this.escalator.escalate(ws, now));
		}
		catch (RuntimeException ex) {
			log.warn("Escalation policies could not be applied [workspace_id={}]", ws, ex);
		}
		return evaluated;
	}

	private void tick() {
		// one pass at a time per instance: a pass asked for meanwhile runs right after the current one
		if (!this.passing.compareAndSet(false, true)) {
			return;
		}
		try {
			do {
				this.again.set(false);
				runOnce(this.clock.instant());
			}
			while (this.again.get());
		}
		catch (RuntimeException ex) {
			log.warn("Alert evaluation pass failed", ex);
		}
		finally {
			this.passing.set(false);
		}
	}

	/**
	 * A rule was created, deleted or restored: once that commits, the next pass runs now rather than
	 * up to one interval later (still under the lease: on an instance that does not hold it, it does
	 * nothing).
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void onRulesChanged(RulesChanged event) {
		if (this.task != null) {
			this.again.set(true);
			this.scheduler.execute(this::tick);
		}
	}

	@Override
	public void start() {
		if (this.settings.enabled() && this.task == null) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::tick, this.settings.interval());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
			this.task = null;
			this.lease.release(this.holder, this.clock.instant());
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
