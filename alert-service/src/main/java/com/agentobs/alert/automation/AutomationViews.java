package com.agentobs.alert.automation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Wire types of the Automations reads. */
final class AutomationViews {

	private AutomationViews() {
	}

	/** A playbook in the list, with its run statistics over the range. */
	record PlaybookItem(UUID playbookId, String name, String description, String triggerType, boolean enabled,
			int version, int stepCount, long executions, long succeeded, long failed, Double successRatePct,
			Instant lastRunAt, Instant nextRunAt, Instant createdAt, Instant updatedAt) {
	}

	record VersionItem(int version, String createdBy, Instant createdAt) {
	}

	record PlaybookDetail(Playbook playbook, List<VersionItem> versions, List<Execution> recentExecutions) {
	}

	record Kpis(Double successRatePct, long activePlaybooks, long executions, Long avgDurationMs,
			double engineerHoursSaved, Instant nextRunAt, String nextRunPlaybook) {
	}

	/** 11.1: executions per day by outcome. */
	record HistoryPoint(String date, long succeeded, long failed, long cancelled, long other) {
	}

	/** 11.2 */
	record PlaybookOutcome(UUID playbookId, String name, long succeeded, long failed, long other) {
	}

	/** 11.4 */
	record TriggerSource(String triggerSource, long executions) {
	}

	/** 11.5: failed steps by playbook step. */
	record StepFailure(UUID playbookId, String playbookName, int stepIndex, String actionType, long failures,
			long runs) {
	}

	/** 11.6 */
	record Mttr(String resolution, long incidents, Double mttrMinutes) {
	}

	/** 11.7: actions the playbooks ran, by type and outcome. */
	record ActionType(String actionType, String ownerService, long succeeded, long failed, long rolledBack) {
	}

	/** 11.3: a scheduled run, past (with its execution) or upcoming. */
	record ScheduledRun(UUID playbookId, String playbookName, Instant scheduledFor, String status,
			UUID executionId) {
	}

	record Overview(Kpis kpis, List<HistoryPoint> history, List<PlaybookOutcome> byPlaybook,
			List<TriggerSource> triggerSources, List<StepFailure> stepFailures, List<Mttr> mttr,
			List<ActionType> actionsByType) {
	}

}
