package com.agentobs.evaluation.experiments;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * The canary controller. Each due canary (leased, so one instance checks it) is analysed over its
 * current step's window: with fewer than {@code min_requests_per_arm} in either arm the verdict is
 * {@code inconclusive} (it waits, and pauses at the progress deadline: no data never passes or
 * fails); otherwise the error-rate difference, the P90 ratio and the quality gate decide pass or
 * fail. A pass runs {@code canary.advance}; the {@code failure_limit}-th failure runs
 * {@code canary.abort} then {@code agent.rollback_version} to the pre-canary version. Every check
 * is recorded with its verdict and the action it ran.
 */
@Component
class CanaryAnalyzer {

	private static final Logger log = LoggerFactory.getLogger(CanaryAnalyzer.class);

	private final CanaryStore canaries;

	private final QualityGate qualityGate;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final ExperimentProperties settings;

	private final String holder;

	CanaryAnalyzer(CanaryStore canaries, QualityGate qualityGate, ActionRunner actions,
			WorkspaceTransactions transactions, ObjectMapper mapper, Clock clock, ExperimentProperties settings) {
		this.canaries = canaries;
		this.qualityGate = qualityGate;
		this.actions = actions;
		this.transactions = transactions;
		this.mapper = mapper;
		this.clock = clock;
		this.settings = settings;
		this.holder = "canary-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/** Checks every canary due now; returns how many were checked. */
	int tick() {
		Instant now = Instant.now(this.clock);
		List<Map.Entry<UUID, UUID>> due = this.canaries.claimDue(this.holder, now, this.settings.canaryLease(), 50);
		for (Map.Entry<UUID, UUID> entry : due) {
			UUID ws = entry.getKey();
			try {
				check(ws, entry.getValue(), now);
			}
			catch (RuntimeException ex) {
				log.warn("Canary {} check failed [workspace_id={}]", entry.getValue(), ws, ex);
			}
			finally {
				this.transactions.runInWorkspace(ws, () -> this.canaries.release(ws, entry.getValue()));
			}
		}
		return due.size();
	}

	private void check(UUID ws, UUID id, Instant now) {
		Canary c = this.transactions.inWorkspace(ws, () -> this.canaries.find(ws, id).orElse(null));
		if (c == null || !Canary.RUNNING.equals(c.status())) {
			return;
		}
		Instant from = c.stepStartedAt();
		Map<Boolean, CanaryStore.Arm> arms = this.transactions.inWorkspace(ws,
				() -> this.canaries.arms(ws, c.agentId(), c.toVersion(), from, now));
		CanaryStore.Arm control = arms.get(false);
		CanaryStore.Arm canary = arms.get(true);
		List<Map<String, Object>> checks = new ArrayList<>();
		String verdict;
		if (control.n() < c.minRequestsPerArm() || canary.n() < c.minRequestsPerArm()) {
			verdict = "inconclusive";
			checks.add(check("volume", false, Math.min(control.n(), canary.n()), c.minRequestsPerArm(),
					"fewer than " + c.minRequestsPerArm() + " requests in an arm"));
		}
		else {
			double controlRate = (double) control.errors() / control.n();
			double canaryRate = (double) canary.errors() / canary.n();
			double diff = canaryRate - controlRate;
			boolean errorsOk = diff <= c.maxErrorRateDiff();
			checks.add(check("error_rate_diff", errorsOk, diff, c.maxErrorRateDiff(),
					String.format("canary %.2f %% vs stable %.2f %%", 100 * canaryRate, 100 * controlRate)));
			boolean latencyOk = true;
			if (control.p90() != null && canary.p90() != null && control.p90() > 0) {
				double ratio = canary.p90() / control.p90();
				latencyOk = ratio <= c.maxP90Ratio();
				checks.add(check("p90_ratio", latencyOk, ratio, c.maxP90Ratio(),
						String.format("P90 %.0f ms vs %.0f ms", canary.p90(), control.p90())));
			}
			boolean qualityOk = true;
			if (c.qualityGate()) {
				QualityGate.Result q = this.transactions.inWorkspace(ws,
						() -> this.qualityGate.check(ws, c.agentId(), c.toVersion(), from, now));
				qualityOk = q.verdict() != QualityGate.Verdict.FAIL;
				checks.add(check("quality_gate", qualityOk, q.canaryScore(), q.controlScore(),
						q.verdict().name().toLowerCase() + ": " + q.note()));
			}
			verdict = (errorsOk && latencyOk && qualityOk) ? "pass" : "fail";
		}
		Caller system = new Caller("system:canary-controller", null, ws, Role.ADMIN, false, Set.of());
		String key = "canary:" + c.canaryId() + ":" + c.stepIndex() + ":" + c.failures() + ":" + now.toEpochMilli();
		String outcome;
		UUID actionId = null;
		switch (verdict) {
			case "pass" -> {
				ActionRecord r = this.actions.run(system, CanaryActions.ADVANCE,
						new CanaryActions.Ref(c.canaryId(), "checks passed"), key + ":advance");
				actionId = r.actionId();
				outcome = c.lastStep() ? "promoted" : "advanced";
			}
			case "fail" -> {
				int failures = c.failures() + 1;
				if (failures >= c.failureLimit()) {
					ActionRecord abort = this.actions.run(system, CanaryActions.ABORT,
							new CanaryActions.Ref(c.canaryId(), failures + " failed checks (limit " + c.failureLimit()
									+ ")"),
							key + ":abort");
					actionId = abort.actionId();
					if (c.preConfigVersion() != null) {
						this.actions.run(system, CanaryActions.ROLLBACK_VERSION,
								new CanaryActions.VersionRollback(c.agentId(), c.preConfigVersion(),
										"canary of " + c.toVersion() + " aborted"),
								key + ":rollback");
					}
					outcome = "aborted";
					this.transactions.runInWorkspace(ws, () -> {
						Canary now2 = this.canaries.find(ws, c.canaryId()).orElseThrow();
						Canary.State s = now2.state();
						this.canaries.apply(ws, new Canary.State(s.canaryId(), s.stepIndex(), failures, s.status(),
								s.stepStartedAt(), s.nextCheckAt(), now, abortReason(ws, c)));
					});
				}
				else {
					outcome = "waiting";
					this.transactions.runInWorkspace(ws, () -> {
						Canary.State s = c.state();
						this.canaries.apply(ws, new Canary.State(s.canaryId(), s.stepIndex(), failures, s.status(),
								s.stepStartedAt(), now.plusSeconds(c.intervalSeconds()), null, null));
					});
				}
			}
			default -> {
				boolean deadline = now.isAfter(c.stepStartedAt().plusSeconds(c.progressDeadlineSeconds()))
						|| now.equals(c.stepStartedAt().plusSeconds(c.progressDeadlineSeconds()));
				outcome = deadline ? "paused" : "waiting";
				this.transactions.runInWorkspace(ws, () -> {
					Canary.State s = c.state();
					this.canaries.apply(ws, new Canary.State(s.canaryId(), s.stepIndex(), s.failures(),
							deadline ? Canary.PAUSED : Canary.RUNNING, s.stepStartedAt(),
							now.plusSeconds(c.intervalSeconds()), null,
							deadline ? "no traffic before the progress deadline: paused" : null));
				});
			}
		}
		String checksJson = this.mapper.writeValueAsString(checks);
		UUID recorded = actionId;
		this.transactions.runInWorkspace(ws,
				() -> this.canaries.insertRun(ws, c, now, verdict, control, canary, checksJson, outcome, recorded));
	}

	private String abortReason(UUID ws, Canary c) {
		return "failure limit reached (" + c.failureLimit() + " failed checks)";
	}

	private static Map<String, Object> check(String name, boolean passed, Object value, Object limit, String note) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("passed", passed);
		m.put("value", value);
		m.put("limit", limit);
		m.put("note", note);
		return m;
	}

}
