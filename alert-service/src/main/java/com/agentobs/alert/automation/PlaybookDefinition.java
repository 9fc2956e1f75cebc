package com.agentobs.alert.automation;

import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;

import org.springframework.scheduling.support.CronExpression;

/**
 * What a playbook is (the body of {@code playbook.create/.update}, and what every version stores):
 * a trigger with its settings, an optional CEL condition over the trigger's {@code event}, the
 * ordered steps, a cooldown between two runs and the number of runs allowed at once.
 * <ul>
 * <li>{@code alert} / {@code slo_breach}: {@code trigger_config} may name {@code rule_id},
 * {@code severity} (at least that severe), {@code agent_id}; an {@code alerts:events} firing
 * record that matches starts a run</li>
 * <li>{@code metric_threshold}: {@code metric} (error_rate, avg_latency_ms, cost_usd,
 * request_count), {@code op} ({@code >} or {@code <}), {@code threshold},
 * {@code window_minutes}, optional {@code agent_id}</li>
 * <li>{@code schedule}: {@code cron} (six fields, Spring {@code CronExpression}, UTC)</li>
 * <li>{@code manual}: only {@code playbook.run}</li>
 * </ul>
 */
public record PlaybookDefinition(String name, String description, String triggerType,
		Map<String, Object> triggerConfig, String condition, List<PlaybookStep> steps, Integer cooldownSeconds,
		Integer maxConcurrent, Integer approvalTimeoutSeconds) {

	public static final List<String> TRIGGERS = List.of("alert", "slo_breach", "metric_threshold", "schedule",
			"manual");

	public static final List<String> METRICS = List.of("error_rate", "avg_latency_ms", "cost_usd", "request_count");

	public static final List<String> ON_FAILURE = List.of(PlaybookStep.STOP, PlaybookStep.CONTINUE,
			PlaybookStep.ROLLBACK);

	public PlaybookDefinition {
		triggerConfig = (triggerConfig != null) ? triggerConfig : Map.of();
		steps = (steps != null) ? steps : List.of();
		cooldownSeconds = (cooldownSeconds != null) ? cooldownSeconds : 0;
		maxConcurrent = (maxConcurrent != null) ? maxConcurrent : 1;
		approvalTimeoutSeconds = (approvalTimeoutSeconds != null) ? approvalTimeoutSeconds : 1800;
		condition = (condition != null && condition.isBlank()) ? null : condition;
	}

	/** 400 naming the field for anything the engine could not run. */
	void validate(StepCatalog catalog, Conditions conditions) {
		if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
			throw ApiException.validation("name", "must be 1 to 200 characters");
		}
		if (this.description != null && this.description.length() > 2000) {
			throw ApiException.validation("description", "must be at most 2000 characters");
		}
		if (this.triggerType == null || !TRIGGERS.contains(this.triggerType)) {
			throw ApiException.validation("trigger_type", "must be one of the trigger types", TRIGGERS);
		}
		if ("schedule".equals(this.triggerType)) {
			cron();
		}
		if ("metric_threshold".equals(this.triggerType)) {
			Object metric = this.triggerConfig.get("metric");
			if (!(metric instanceof String m) || !METRICS.contains(m)) {
				throw ApiException.validation("trigger_config.metric", "must be one of the metrics", METRICS);
			}
			Object op = this.triggerConfig.getOrDefault("op", ">");
			if (!">".equals(op) && !"<".equals(op)) {
				throw ApiException.validation("trigger_config.op", "must be > or <");
			}
			if (!(this.triggerConfig.get("threshold") instanceof Number)) {
				throw ApiException.validation("trigger_config.threshold", "must be a number");
			}
			Object window = this.triggerConfig.getOrDefault("window_minutes", 5);
			if (!(window instanceof Number w) || w.intValue() < 1 || w.intValue() > 1440) {
				throw ApiException.validation("trigger_config.window_minutes", "must be 1 to 1440");
			}
		}
		if (this.condition != null) {
			conditions.validate("condition", this.condition);
		}
		if (this.steps.isEmpty() || this.steps.size() > 20) {
			throw ApiException.validation("steps", "must have 1 to 20 steps");
		}
		for (int i = 0; i < this.steps.size(); i++) {
			PlaybookStep step = this.steps.get(i);
			String field = "steps[" + i + "]";
			if (step == null) {
				throw ApiException.validation(field, "must be a step");
			}
			if (step.actionType() == null || !catalog.known(step.actionType())) {
				throw ApiException.validation(field + ".action_type", "must be a registered action type",
						catalog.types());
			}
			if (step.timeoutS() < 1 || step.timeoutS() > 3600) {
				throw ApiException.validation(field + ".timeout_s", "must be 1 to 3600 seconds");
			}
			if (!ON_FAILURE.contains(step.onFailure())) {
				throw ApiException.validation(field + ".on_failure", "must be stop, continue or rollback", ON_FAILURE);
			}
			catalog.checkParams(field + ".params", step.actionType(), step.params());
		}
		if (this.cooldownSeconds < 0 || this.cooldownSeconds > 7 * 86400) {
			throw ApiException.validation("cooldown_seconds", "must be 0 to 604800");
		}
		if (this.maxConcurrent < 1 || this.maxConcurrent > 100) {
			throw ApiException.validation("max_concurrent", "must be 1 to 100");
		}
		if (this.approvalTimeoutSeconds < 1 || this.approvalTimeoutSeconds > 7 * 86400) {
			throw ApiException.validation("approval_timeout_seconds", "must be 1 to 604800");
		}
	}

	/** The schedule's cron expression (400 naming trigger_config.cron when it does not parse). */
	CronExpression cron() {
		Object cron = this.triggerConfig.get("cron");
		if (!(cron instanceof String c) || c.isBlank()) {
			throw ApiException.validation("trigger_config.cron", "must be a cron expression (6 fields, UTC)");
		}
		try {
			return CronExpression.parse(c);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("trigger_config.cron", "not a valid cron expression: " + ex.getMessage());
		}
	}

}
