package com.agentobs.guardrail.configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.agentobs.guardrail.configuration.approvals.ApprovalSweeper;
import com.agentobs.guardrail.configuration.drift.DriftChecker;
import com.agentobs.guardrail.configuration.policy.ComplianceEvaluator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The scheduled passes, each under its lease in {@code configuration_leases} so one instance runs
 * it at a time: the drift check every drift interval, and compliance plus the approval sweep every
 * compliance interval. A lease lasts two intervals, so a dead holder is replaced within that.
 */
@Component
class GovernanceScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GovernanceScheduler.class);

	private final GovernanceProperties properties;

	private final ConfigurationLease lease;

	private final DriftChecker drift;

	private final ComplianceEvaluator compliance;

	private final ApprovalSweeper approvals;

	private final Clock clock;

	private final String holder = "guardrail-" + UUID.randomUUID();

	private volatile ScheduledExecutorService executor;

	GovernanceScheduler(GovernanceProperties properties, ConfigurationLease lease, DriftChecker drift,
			ComplianceEvaluator compliance, ApprovalSweeper approvals, Clock clock) {
		this.properties = properties;
		this.lease = lease;
		this.drift = drift;
		this.compliance = compliance;
		this.approvals = approvals;
		this.clock = clock;
	}

	@Override
	public void start() {
		if (!this.properties.checksEnabled()) {
			return;
		}
		ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "configuration-governance");
			thread.setDaemon(true);
			return thread;
		});
		long drift = this.properties.driftInterval().toMillis();
		long compliance = this.properties.complianceInterval().toMillis();
		ex.scheduleWithFixedDelay(() -> leased("drift", this.properties.driftInterval(), this.drift::checkAll),
				Math.min(drift, 30_000), drift, TimeUnit.MILLISECONDS);
		ex.scheduleWithFixedDelay(() -> leased("compliance", this.properties.complianceInterval(), () -> {
			this.compliance.evaluateAll();
			return this.approvals.sweepAll();
		}), Math.min(compliance, 10_000), compliance, TimeUnit.MILLISECONDS);
		this.executor = ex;
	}

	private void leased(String name, Duration interval, java.util.concurrent.Callable<Integer> work) {
		try {
			if (this.lease.acquire(name, this.holder, this.clock.instant(), interval.multipliedBy(2))) {
				work.call();
			}
		}
		catch (Exception ex) {
			log.warn("Scheduled configuration pass '{}' failed: {}", name, ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService ex = this.executor;
		if (ex != null) {
			ex.shutdownNow();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
