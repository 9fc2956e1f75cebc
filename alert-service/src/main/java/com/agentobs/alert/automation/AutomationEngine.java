package com.agentobs.alert.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs executions: claims runnable ones of a workspace (SKIP LOCKED, a lease renewed before every
 * step, {@code max_concurrent} checked under the playbook's row lock), then runs their steps in
 * order. Every step is one action with the key {@code playbook:<execution_id>:<index>}: in-process
 * through the action runner, or over the owning service's API, which runs its own action runner.
 * An instance that dies mid-step leaves its lease to expire; the next claimer re-invokes the same
 * key and gets the first attempt's answer, so no step runs twice. A failure stops, continues, or
 * rolls the completed steps back in reverse (one {@code action.rollback} each). An approval step
 * parks the execution until {@code execution.approve_step} or its deadline (then it fails closed,
 * without running the step).
 */
public class AutomationEngine {

	private static final Logger log = LoggerFactory.getLogger(AutomationEngine.class);

	/** Thrown by the test hook: the process "dies" between an action and its step record. */
	static final class SimulatedCrash extends RuntimeException {

		SimulatedCrash() {
			super("simulated crash");
		}

	}

	/** Test hook: decides, after a step's action ran, whether this instance crashes before recording it. */
	interface CrashPoint {

		boolean crashAfter(UUID executionId, int stepIndex);

	}

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final PlaybookStore playbooks;

	private final ExecutionStore executions;

	private final StepCatalog catalog;

	private final ActionRunner actions;

	private final RemoteActions remote;

	private final Clock clock;

	private final Duration lease;

	private final String holder;

	private volatile CrashPoint crashPoint = (e, i) -> false;

	AutomationEngine(WorkspaceTransactions transactions, JdbcClient jdbc, PlaybookStore playbooks,
			ExecutionStore executions, StepCatalog catalog, ActionRunner actions, RemoteActions remote, Clock clock,
			Duration lease, String holder) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.playbooks = playbooks;
		this.executions = executions;
		this.catalog = catalog;
		this.actions = actions;
		this.remote = remote;
		this.clock = clock;
		this.lease = lease;
		this.holder = holder;
	}

	String holder() {
		return this.holder;
	}

	void crashPoint(CrashPoint point) {
		this.crashPoint = point;
	}

	/** The workspaces with enabled playbooks or unfinished executions. */
	List<UUID> workspaces() {
		return this.jdbc.sql("SELECT agentobs_automation_workspaces()").query(UUID.class).list();
	}

	/** One pass over every workspace: claims and runs what is runnable; the number of executions run. */
	public int runOnce() {
		int ran = 0;
		for (UUID ws : workspaces()) {
			ran += runWorkspace(ws, 20);
		}
		return ran;
	}

	int runWorkspace(UUID ws, int limit) {
		List<UUID> claimed = claim(ws, limit);
		for (UUID id : claimed) {
			try {
				run(ws, id);
			}
			catch (SimulatedCrash ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// left claimed: the lease expires and the next claimer resumes it with the same step keys
				log.warn("Execution {} stopped unexpectedly; it resumes after its lease [workspace_id={}]", id, ws, ex);
			}
		}
		return claimed.size();
	}

	/** Claims runnable executions; fails the ones whose approval deadline passed (no step runs). */
	List<UUID> claim(UUID ws, int limit) {
		Instant now = this.clock.instant();
		return this.transactions.inWorkspace(ws, () -> {
			List<UUID> claimed = new ArrayList<>();
			for (UUID[] candidate : this.executions.claimable(ws, now, limit)) {
				UUID id = candidate[0];
				Execution e = this.executions.find(ws, id).orElseThrow();
				if ("awaiting_approval".equals(e.status())) {
					failApprovalTimeout(ws, e, now);
					continue;
				}
				Playbook playbook = this.playbooks.lock(ws, candidate[1]).orElse(null);
				int max = (playbook != null) ? playbook.definition().maxConcurrent() : 1;
				if ("queued".equals(e.status()) && this.executions.running(ws, candidate[1], id) >= max) {
					continue;
				}
				this.executions.claim(ws, id, this.holder, now, this.lease);
				claimed.add(id);
			}
			return claimed;
		});
	}

	private void failApprovalTimeout(UUID ws, Execution e, Instant now) {
		for (Execution.Step step : this.executions.steps(ws, e.executionId())) {
			if ("awaiting_approval".equals(step.status())) {
				this.executions.step(ws, e.executionId(), step.stepIndex(), "failed", null, null,
						"approval timed out", now, "no approver before " + e.approvalDeadline() + ": failed closed");
			}
		}
		this.executions.finish(ws, e.executionId(), null, "failed", "approval_timeout",
				"the approval step timed out; no further action ran", now);
	}

	/** Runs a claimed execution's remaining steps. */
	void run(UUID ws, UUID id) {
		Execution e = this.transactions.inWorkspace(ws, () -> this.executions.find(ws, id)).orElseThrow();
		PlaybookDefinition definition = this.transactions
			.inWorkspace(ws, () -> this.playbooks.version(ws, e.playbookId(), e.playbookVersion()))
			.orElseThrow();
		Caller caller = playbookCaller(ws, e.playbookId());
		List<Execution.Step> steps = this.transactions.inWorkspace(ws, () -> this.executions.steps(ws, id));
		for (Execution.Step step : steps) {
			int index = step.stepIndex();
			PlaybookStep spec = definition.steps().get(index);
			if ("failed".equals(step.status()) && !PlaybookStep.CONTINUE.equals(spec.onFailure())) {
				// resumed after the failure was recorded but before the execution ended
				if (PlaybookStep.ROLLBACK.equals(spec.onFailure())) {
					rollBack(ws, e.playbookId(), caller, id, index);
				}
				else {
					this.transactions.runInWorkspace(ws, () -> this.executions.finish(ws, id, this.holder, "failed",
							"step_failed", "step " + index + " (" + spec.actionType() + ") failed: " + step.error(),
							this.clock.instant()));
				}
				return;
			}
			if (!List.of("pending", "running", "awaiting_approval").contains(step.status())) {
				continue;
			}
			Instant now = this.clock.instant();
			if (spec.requiresApproval() && e.approvedThrough() < index) {
				Instant deadline = now.plusSeconds(definition.approvalTimeoutSeconds());
				this.transactions.runInWorkspace(ws, () -> this.executions.awaitApproval(ws, id, index, deadline, now));
				return;
			}
			Duration stepLease = this.lease.compareTo(Duration.ofSeconds(spec.timeoutS() + 10L)) > 0 ? this.lease
					: Duration.ofSeconds(spec.timeoutS() + 10L);
			boolean mine = this.transactions.inWorkspace(ws, () -> {
				if (!this.executions.renew(ws, id, this.holder, now, stepLease)) {
					return false;
				}
				this.executions.step(ws, id, index, "running", null, null, null, now,
						(step.attempts() == 0) ? "started by " + this.holder
								: "resumed by " + this.holder + " (attempt " + (step.attempts() + 1) + ", same key)");
				this.executions.firstStepStarted(ws, id, now);
				return true;
			});
			if (!mine) {
				return;
			}
			Outcome outcome = invoke(ws, e.playbookId(), caller, spec, step);
			if (this.crashPoint.crashAfter(id, index)) {
				throw new SimulatedCrash();
			}
			Instant done = this.clock.instant();
			if (outcome.stillRunning()) {
				// the owner still runs the first attempt: look again after a short lease
				this.transactions.runInWorkspace(ws,
						() -> this.executions.renew(ws, id, this.holder, done.minus(this.lease).plusSeconds(5),
								this.lease));
				return;
			}
			if (outcome.actionId() != null) {
				linkAudit(ws, outcome.actionId(), id);
			}
			if (outcome.ok()) {
				this.transactions.runInWorkspace(ws, () -> this.executions.step(ws, id, index, "succeeded",
						outcome.actionId(), null, null, done, "completed (action " + outcome.actionId() + ")"));
				continue;
			}
			this.transactions.runInWorkspace(ws, () -> this.executions.step(ws, id, index, "failed",
					outcome.actionId(), null, outcome.error(), done, "failed: " + outcome.error()));
			switch (spec.onFailure()) {
				case PlaybookStep.CONTINUE -> {
				}
				case PlaybookStep.ROLLBACK -> {
					rollBack(ws, e.playbookId(), caller, id, index);
					return;
				}
				default -> {
					this.transactions.runInWorkspace(ws, () -> this.executions.finish(ws, id, this.holder, "failed",
							"step_failed", "step " + index + " (" + spec.actionType() + ") failed: " + outcome.error(),
							this.clock.instant()));
					return;
				}
			}
		}
		this.transactions.runInWorkspace(ws,
				() -> this.executions.finish(ws, id, this.holder, "succeeded", null, null, this.clock.instant()));
	}

	/** Rolls back the steps before {@code failedIndex} that completed, last first. */
	private void rollBack(UUID ws, UUID playbookId, Caller caller, UUID id, int failedIndex) {
		List<Execution.Step> steps = this.transactions.inWorkspace(ws, () -> this.executions.steps(ws, id));
		List<String> errors = new ArrayList<>();
		for (int i = failedIndex - 1; i >= 0; i--) {
			Execution.Step step = steps.get(i);
			if (!"succeeded".equals(step.status()) || step.actionId() == null) {
				continue;
			}
			String key = step.idempotencyKey() + ":rollback";
			Outcome outcome;
			StepCatalog.Remote owner = this.catalog.remote(step.actionType());
			if (owner == null) {
				outcome = local(() -> this.actions.rollback(caller, step.actionId(), key));
			}
			else {
				outcome = fromRemote(this.remote.rollback(ws, playbookId, owner, step.actionId(), key,
						Duration.ofSeconds(30)));
			}
			Instant now = this.clock.instant();
			int index = i;
			if (outcome.ok()) {
				this.transactions.runInWorkspace(ws, () -> this.executions.step(ws, id, index, "rolled_back", null,
						outcome.actionId(), null, now, "rolled back (action " + outcome.actionId() + ")"));
			}
			else {
				errors.add("step " + i + ": " + outcome.error());
				this.transactions.runInWorkspace(ws, () -> this.executions.step(ws, id, index, "succeeded", null, null,
						outcome.error(), now, "rollback failed: " + outcome.error()));
			}
		}
		Instant now = this.clock.instant();
		if (errors.isEmpty()) {
			this.transactions.runInWorkspace(ws, () -> this.executions.finish(ws, id, this.holder, "rolled_back",
					"step_failed", "step " + failedIndex + " failed; the completed steps were rolled back", now));
		}
		else {
			this.transactions.runInWorkspace(ws, () -> this.executions.finish(ws, id, this.holder, "failed",
					"rollback_failed", String.join("; ", errors), now));
		}
	}

	private Outcome invoke(UUID ws, UUID playbookId, Caller caller, PlaybookStep spec, Execution.Step step) {
		StepCatalog.Remote owner = this.catalog.remote(spec.actionType());
		if (owner == null) {
			return local(() -> this.actions.run(caller, spec.actionType(), spec.params(), step.idempotencyKey()));
		}
		return fromRemote(this.remote.invoke(ws, playbookId, owner, spec.params(), step.idempotencyKey(),
				Duration.ofSeconds(spec.timeoutS())));
	}

	private static Outcome local(java.util.function.Supplier<ActionRecord> action) {
		try {
			ActionRecord record = action.get();
			return new Outcome(true, false, record.actionId(), null);
		}
		catch (ApiException ex) {
			Object actionId = ex.details().get("action_id");
			UUID id = (actionId != null) ? UUID.fromString(actionId.toString()) : null;
			Object status = ex.details().get("status");
			if (ex.code() == ErrorCode.CONFLICT && ("pending".equals(status) || "in_progress".equals(status))) {
				return new Outcome(false, true, id, null);
			}
			Object reason = ex.details().get("reason");
			return new Outcome(false, false, id, ex.code().name() + ": " + ((reason != null) ? reason : ex.getMessage()));
		}
		catch (IllegalArgumentException ex) {
			return new Outcome(false, false, null, "INVALID_STEP: " + ex.getMessage());
		}
	}

	private static Outcome fromRemote(RemoteActions.Answer answer) {
		if (answer.completed()) {
			return new Outcome(true, false, answer.actionId(), null);
		}
		if (answer.stillRunning()) {
			return new Outcome(false, true, answer.actionId(), null);
		}
		return new Outcome(false, false, answer.actionId(),
				answer.errorCode() + " (HTTP " + answer.httpStatus() + "): " + answer.message());
	}

	private void linkAudit(UUID ws, UUID actionId, UUID executionId) {
		this.transactions.runInWorkspace(ws, () -> this.jdbc.sql("""
				UPDATE action_audit_log SET playbook_execution_id = :execution
				WHERE workspace_id = :ws AND action_id = :action AND playbook_execution_id IS NULL
				""").param("ws", ws).param("action", actionId).param("execution", executionId).update());
	}

	/** The identity a playbook acts with in-process: operator in its workspace, subject {@code playbook:<id>}. */
	static Caller playbookCaller(UUID ws, UUID playbookId) {
		return new Caller("playbook:" + playbookId, null, ws, Role.OPERATOR, false, Set.of());
	}

	private record Outcome(boolean ok, boolean stillRunning, UUID actionId, String error) {
	}

	static Map<String, Object> none() {
		return Map.of();
	}

}
