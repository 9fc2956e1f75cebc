package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only SQL over the hourly agent rollup and the department budgets, always filtered by
 * the workspace and the standard filters (department by code within the workspace). Runs
 * inside a workspace transaction, so row-level security backs the filters up.
 */
@Component
class RollupFacts {

	private static final String FILTERS = """
			  AND (CAST(:department AS text) IS NULL OR d.department_code = CAST(:department AS text))
			  AND (CAST(:environment AS text) IS NULL OR h.environment = CAST(:environment AS text))
			  AND (CAST(:version AS text) IS NULL OR h.version = CAST(:version AS text))
			  AND (CAST(:agent_id AS text) IS NULL OR h.agent_id = CAST(:agent_id AS text))
			""";

	/** Per agent over the previous and the current window (one pass; {@code current} tells them apart). */
	private static final String AGENT_TOTALS = """
			SELECT h.agent_id,
			       h.hour >= :from AS current,
			       SUM(h.trace_count)        AS requests,
			       SUM(h.success_count)      AS successes,
			       SUM(h.error_count)        AS errors,
			       SUM(h.timeout_count)      AS timeouts,
			       SUM(h.rate_limit_count)   AS rate_limits,
			       SUM(h.latency_sum_ms)     AS latency_sum_ms,
			       SUM(h.total_cost)         AS cost_usd,
			       SUM(h.total_tokens)       AS tokens
			FROM traces_agent_hourly h
			LEFT JOIN departments d ON d.id = h.department_id AND d.workspace_id = h.workspace_id
			WHERE h.workspace_id = :workspace_id
			  AND h.hour >= :previous_from AND h.hour < :to
			""" + FILTERS + """
			GROUP BY 1, 2
			ORDER BY h.agent_id
			""";

	/** Month-to-date cost of each department with a budget. */
	private static final String DEPARTMENT_BUDGETS = """
			SELECT d.department_code, d.department_name, d.budget_monthly_usd, d.budget_warning_pct,
			       COALESCE(SUM(h.total_cost), 0) AS month_cost_usd
			FROM departments d
			LEFT JOIN traces_agent_hourly h ON h.workspace_id = d.workspace_id AND h.department_id = d.id
			      AND h.hour >= :month_start AND h.hour < :to
			WHERE d.workspace_id = :workspace_id AND d.is_active AND d.budget_monthly_usd > 0
			  AND (CAST(:department AS text) IS NULL OR d.department_code = CAST(:department AS text))
			GROUP BY d.department_code, d.department_name, d.budget_monthly_usd, d.budget_warning_pct
			ORDER BY d.department_code
			""";

	/**
	 * Per department in the window: successful requests, cost and the department's value per
	 * successful outcome (its value model; 0 without one), as query-service's business reads value them.
	 */
	private static final String DEPARTMENT_VALUE = """
			SELECT d.department_code, d.department_name,
			       COALESCE(SUM(h.success_count), 0) AS successes, COALESCE(SUM(h.total_cost), 0) AS cost_usd,
			       COALESCE(MAX(CASE WHEN v.model_type = 'hours_saved' THEN v.hours_per_outcome * v.hourly_rate_usd
			                         ELSE v.value_per_outcome_usd END), 0) AS unit_value_usd
			FROM departments d
			LEFT JOIN value_models v ON v.workspace_id = d.workspace_id AND v.department_id = d.id
			LEFT JOIN traces_agent_hourly h ON h.workspace_id = d.workspace_id AND h.department_id = d.id
			      AND h.hour >= :from AND h.hour < :to
			      AND (CAST(:environment AS text) IS NULL OR h.environment = CAST(:environment AS text))
			      AND (CAST(:version AS text) IS NULL OR h.version = CAST(:version AS text))
			      AND (CAST(:agent_id AS text) IS NULL OR h.agent_id = CAST(:agent_id AS text))
			WHERE d.workspace_id = :workspace_id
			  AND (CAST(:department AS text) IS NULL OR d.department_code = CAST(:department AS text))
			GROUP BY d.department_code, d.department_name
			ORDER BY d.department_code
			""";

	/** Open goals by the status the business job last stored. */
	private static final String GOAL_STATUS = """
			SELECT g.status, COUNT(*) AS goals
			FROM business_goals g JOIN departments d ON d.id = g.department_id AND d.workspace_id = g.workspace_id
			WHERE g.workspace_id = :workspace_id AND g.closed_at IS NULL
			  AND (CAST(:department AS text) IS NULL OR d.department_code = CAST(:department AS text))
			GROUP BY g.status
			""";

	/** The fleet (or the department's) stored value forecast: its model, backtest and predicted total. */
	private static final String VALUE_FORECAST = """
			SELECT r.model_name, r.backtest_mape_pct, SUM(f.predicted_value) AS predicted_usd, COUNT(*) AS days
			FROM forecast_runs r
			JOIN impact_forecasts f ON f.run_id = r.id AND f.workspace_id = r.workspace_id
			LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			WHERE r.workspace_id = :workspace_id AND r.series = 'value_usd'
			  AND ((CAST(:department AS text) IS NULL AND r.department_id IS NULL)
			       OR d.department_code = CAST(:department AS text))
			GROUP BY r.model_name, r.backtest_mape_pct
			""";

	record DepartmentValue(String code, String name, long successes, BigDecimal costUsd, BigDecimal unitValueUsd) {

		BigDecimal valueUsd() {
			return this.unitValueUsd.multiply(BigDecimal.valueOf(this.successes));
		}

	}

	record ValueForecast(String model, BigDecimal backtestMapePct, BigDecimal predictedUsd, long days) {
	}

	record AgentTotals(String agentId, boolean current, long requests, long successes, long errors, long timeouts,
			long rateLimits, BigDecimal latencySumMs, BigDecimal costUsd, long tokens) {
	}

	record DepartmentBudget(String code, String name, BigDecimal budgetUsd, BigDecimal warningPct,
			BigDecimal monthCostUsd) {
	}

	private final JdbcClient jdbc;

	RollupFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The filters' window starts at its hour (the rollup's grain); the previous window is as long. */
	List<AgentTotals> agentTotals(StandardFilters filters) {
		Instant from = filters.from().truncatedTo(ChronoUnit.HOURS);
		Instant previousFrom = from.minus(java.time.Duration.between(from, filters.to()));
		return this.jdbc.sql(AGENT_TOTALS)
			.param("workspace_id", filters.workspaceId())
			.param("from", Timestamp.from(from))
			.param("previous_from", Timestamp.from(previousFrom))
			.param("to", Timestamp.from(filters.to()))
			.param("department", filters.department())
			.param("environment", filters.environment())
			.param("version", filters.version())
			.param("agent_id", filters.agentId())
			.query((rs, n) -> new AgentTotals(rs.getString("agent_id"), rs.getBoolean("current"),
					rs.getLong("requests"), rs.getLong("successes"), rs.getLong("errors"), rs.getLong("timeouts"),
					rs.getLong("rate_limits"), rs.getBigDecimal("latency_sum_ms"), rs.getBigDecimal("cost_usd"),
					rs.getLong("tokens")))
			.list();
	}

	List<DepartmentValue> departmentValues(StandardFilters filters) {
		return this.jdbc.sql(DEPARTMENT_VALUE)
			.param("workspace_id", filters.workspaceId())
			.param("from", Timestamp.from(filters.from().truncatedTo(ChronoUnit.HOURS)))
			.param("to", Timestamp.from(filters.to()))
			.param("department", filters.department())
			.param("environment", filters.environment())
			.param("version", filters.version())
			.param("agent_id", filters.agentId())
			.query((rs, n) -> new DepartmentValue(rs.getString("department_code"), rs.getString("department_name"),
					rs.getLong("successes"), rs.getBigDecimal("cost_usd"), rs.getBigDecimal("unit_value_usd")))
			.list();
	}

	java.util.Map<String, Long> goalStatuses(StandardFilters filters) {
		java.util.Map<String, Long> out = new java.util.TreeMap<>();
		this.jdbc.sql(GOAL_STATUS)
			.param("workspace_id", filters.workspaceId())
			.param("department", filters.department())
			.query((rs, n) -> out.put(rs.getString("status"), rs.getLong("goals")))
			.list();
		return out;
	}

	java.util.Optional<ValueForecast> valueForecast(StandardFilters filters) {
		return this.jdbc.sql(VALUE_FORECAST)
			.param("workspace_id", filters.workspaceId())
			.param("department", filters.department())
			.query((rs, n) -> new ValueForecast(rs.getString("model_name"), rs.getBigDecimal("backtest_mape_pct"),
					rs.getBigDecimal("predicted_usd"), rs.getLong("days")))
			.optional();
	}

	List<DepartmentBudget> departmentBudgets(StandardFilters filters) {
		LocalDate today = filters.to().atZone(ZoneOffset.UTC).toLocalDate();
		Instant monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return this.jdbc.sql(DEPARTMENT_BUDGETS)
			.param("workspace_id", filters.workspaceId())
			.param("month_start", Timestamp.from(monthStart))
			.param("to", Timestamp.from(filters.to()))
			.param("department", filters.department())
			.query((rs, n) -> new DepartmentBudget(rs.getString("department_code"), rs.getString("department_name"),
					rs.getBigDecimal("budget_monthly_usd"), rs.getBigDecimal("budget_warning_pct"),
					rs.getBigDecimal("month_cost_usd")))
			.list();
	}

}
