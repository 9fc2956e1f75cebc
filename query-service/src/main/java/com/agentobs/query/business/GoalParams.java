package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

/** Parameters and inverses of the goal and value-model actions (stored on the audit row). */
final class GoalParams {

	static final int MAX_NAME = 200;

	static final int MAX_AGENTS = 200;

	/** A goal may span at most two years: longer is a strategy, not a goal a tab can track. */
	static final long MAX_PERIOD_DAYS = 731;

	private GoalParams() {
	}

	/** What a person sets on a goal; {@code department} is its code. */
	record Definition(String name, String department, String metric, BigDecimal targetValue,
			BigDecimal baselineValue, LocalDate startDate, LocalDate targetDate, List<String> linkedAgentIds) {

		Definition {
			linkedAgentIds = (linkedAgentIds != null) ? List.copyOf(new LinkedHashSet<>(linkedAgentIds)) : List.of();
		}

		/** 400 naming the first bad field. */
		void validate() {
			if (this.name == null || this.name.isBlank() || this.name.length() > MAX_NAME) {
				throw ApiException.validation("name", "is required, at most " + MAX_NAME + " characters");
			}
			if (this.department == null || this.department.isBlank()) {
				throw ApiException.validation("department", "is required (a department code)");
			}
			if (this.metric == null || !Goal.METRICS.contains(this.metric)) {
				throw ApiException.validation("metric", "must be one of " + Goal.METRICS, Goal.METRICS);
			}
			if (this.targetValue == null || this.targetValue.signum() <= 0) {
				throw ApiException.validation("target_value", "must be a number above 0");
			}
			if (this.baselineValue != null && this.baselineValue.signum() < 0) {
				throw ApiException.validation("baseline_value", "must not be negative");
			}
			if (this.startDate == null) {
				throw ApiException.validation("start_date", "is required (YYYY-MM-DD)");
			}
			if (this.targetDate == null || !this.targetDate.isAfter(this.startDate)) {
				throw ApiException.validation("target_date", "is required and must be after start_date");
			}
			if (ChronoUnit.DAYS.between(this.startDate, this.targetDate) > MAX_PERIOD_DAYS) {
				throw ApiException.validation("target_date", "a goal spans at most " + MAX_PERIOD_DAYS + " days");
			}
			if (this.linkedAgentIds.size() > MAX_AGENTS) {
				throw ApiException.validation("linked_agent_ids", "at most " + MAX_AGENTS + " agents");
			}
		}

	}

	record Create(Definition definition) {
	}

	record Update(UUID goalId, Definition definition) {
	}

	record Ref(UUID goalId) {
	}

	record LinkAgents(UUID goalId, List<String> agentIds) {

		LinkAgents {
			agentIds = (agentIds != null) ? List.copyOf(new LinkedHashSet<>(agentIds)) : null;
		}

	}

	/** A goal's whole row as it was: the inverse of update, close and link. */
	record Snapshot(UUID goalId, UUID departmentId, String department, String name, String metric, String unit,
			BigDecimal baselineValue, BigDecimal targetValue, BigDecimal currentValue, LocalDate startDate,
			LocalDate targetDate, String status, List<String> linkedAgentIds, UUID ownerUserId, Instant closedAt,
			Instant createdAt) {

		static Snapshot of(Goal g) {
			return new Snapshot(g.goalId(), g.departmentId(), g.department(), g.name(), g.metric(), g.unit(),
					g.baselineValue(), g.targetValue(), g.currentValue(), g.startDate(), g.targetDate(), g.status(),
					g.linkedAgentIds(), g.ownerUserId(), g.closedAt(), g.createdAt());
		}

		Goal toGoal() {
			return new Goal(this.goalId, this.departmentId, this.department, this.name, this.metric, this.unit,
					this.baselineValue, this.targetValue, this.currentValue, this.startDate, this.targetDate,
					this.status, this.linkedAgentIds, this.ownerUserId, this.closedAt, this.createdAt);
		}

	}

	/** {@code value_model.update}: the department's new model. */
	record ValueModelUpdate(String department, String modelType, BigDecimal valuePerOutcomeUsd,
			BigDecimal hoursPerOutcome, BigDecimal hourlyRateUsd, String outcomeLabel) {

		static final List<String> TYPES = List.of(ValueModel.PER_OUTCOME, ValueModel.HOURS_SAVED);

		void validate() {
			if (this.department == null || this.department.isBlank()) {
				throw ApiException.validation("department", "is required (a department code)");
			}
			if (this.modelType == null || !TYPES.contains(this.modelType)) {
				throw ApiException.validation("model_type", "must be one of " + TYPES, TYPES);
			}
			if (ValueModel.PER_OUTCOME.equals(this.modelType)) {
				requireNonNegative("value_per_outcome_usd", this.valuePerOutcomeUsd);
			}
			else {
				requireNonNegative("hours_per_outcome", this.hoursPerOutcome);
				requireNonNegative("hourly_rate_usd", this.hourlyRateUsd);
			}
			if (this.outcomeLabel != null && this.outcomeLabel.length() > 100) {
				throw ApiException.validation("outcome_label", "at most 100 characters");
			}
		}

		private static void requireNonNegative(String field, BigDecimal value) {
			if (value == null || value.signum() < 0) {
				throw ApiException.validation(field, "is required and must not be negative");
			}
			if (value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
				throw ApiException.validation(field, "must be at most 1,000,000");
			}
		}

	}

	/** The department's model before the change ({@code previous} null: it had none). */
	record ValueModelRestore(UUID departmentId, String department, ValueModelUpdate previous) {
	}

}
