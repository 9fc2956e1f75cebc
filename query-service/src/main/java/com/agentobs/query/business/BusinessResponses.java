package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wire types of the Business Impact reads (snake_case on the wire). */
final class BusinessResponses {

	private BusinessResponses() {
	}

	/** KPIs of the window. */
	record Overview(BigDecimal valueUsd, BigDecimal costUsd, Double roiPct, String roiNote, BigDecimal hoursSaved,
			long successfulOutcomes, BigDecimal costPerSuccessfulOutcomeUsd, int goalsOnTrack, int goalsTotal,
			int departmentsWithoutValueModel) {
	}

	/** 7.2: one department. */
	record DepartmentRoi(String department, String departmentName, BigDecimal valueUsd, BigDecimal costUsd,
			Double roiPct, String roiNote, BigDecimal hoursSaved, long successfulOutcomes, String valueModelType,
			BigDecimal unitValueUsd) {
	}

	/** 7.1 / 7.6: one goal with its progress. */
	record GoalView(UUID goalId, String department, String name, String metric, String unit,
			BigDecimal baselineValue, BigDecimal targetValue, BigDecimal currentValue, BigDecimal projectedValue,
			BigDecimal projectedPctOfTarget, BigDecimal progressPct, String status, BigDecimal dailyPace,
			LocalDate startDate, LocalDate targetDate, List<String> linkedAgentIds, boolean closed, Instant closedAt,
			List<ProgressPoint> progress) {
	}

	record ProgressPoint(LocalDate day, BigDecimal value) {
	}

	/** 7.3. */
	record Forecast(String series, String department, String status, String model, Map<String, Object> params,
			Backtest backtest, LocalDate historyFrom, LocalDate historyTo, Instant generatedAt,
			List<HistoryPoint> history, List<ForecastPoint> points) {
	}

	record Backtest(BigDecimal mapePct, BigDecimal coverage80Pct,
			BigDecimal coverage95Pct) {
	}

	record HistoryPoint(LocalDate date, BigDecimal actual) {
	}

	record ForecastPoint(LocalDate date, BigDecimal predicted, BigDecimal lower80,
			BigDecimal upper80, BigDecimal lower95,
			BigDecimal upper95) {
	}

	/** 7.4: value split by agent and by intent; each list adds up to {@code totalValueUsd} exactly. */
	record Attribution(BigDecimal totalValueUsd, List<Share> byAgent, List<Share> byIntent) {
	}

	record Share(String key, String department, BigDecimal valueUsd, Double sharePct, long successfulOutcomes) {
	}

	/** 7.5: one day. */
	record ValuePoint(Instant timestamp, BigDecimal valueUsd, BigDecimal costUsd, BigDecimal netUsd) {
	}

	/**
	 * The executive report, the one source of its JSON, CSV ({@code departments}) and PDF renditions:
	 * the KPI totals add up the department rows, and the goal and forecast sections come from the same
	 * evaluation and runs as the rows' goal counts and forecasts.
	 */
	record ExecutiveReport(UUID workspaceId, String workspaceName, Instant periodFrom, Instant periodTo,
			Instant generatedAt, ReportSummary summary, List<ReportRow> departments, List<ReportGoal> goals,
			List<ReportForecast> forecast) {
	}

	/** The report's KPIs: sums of the department rows; ROI from the summed value and cost. */
	record ReportSummary(BigDecimal valueUsd, BigDecimal costUsd, Double roiPct, String roiNote,
			BigDecimal hoursSaved, long successfulOutcomes, int goalsOnTrack, int goalsAtRisk, int goalsOffTrack,
			int goalsAchieved) {
	}

	/** One open goal of the report's goal board. */
	record ReportGoal(String department, String name, String metric, String unit, BigDecimal currentValue,
			BigDecimal targetValue, BigDecimal projectedPctOfTarget, String status, LocalDate targetDate) {
	}

	/**
	 * One series' forecast over the next {@code days} days of the scope's latest run: the predicted
	 * total and the sums of the daily 80 % bounds ({@code status} {@code pending} and nulls before the
	 * first run).
	 */
	record ReportForecast(String series, int days, String status, BigDecimal predicted, BigDecimal lower80,
			BigDecimal upper80) {
	}

	/** The executive report: one department per row (CSV with {@code format=csv}). */
	record ReportRow(String department, BigDecimal valueUsd, BigDecimal costUsd, Double roiPct, BigDecimal hoursSaved,
			long successfulOutcomes, int goalsOnTrack, int goalsAtRisk, int goalsOffTrack, int goalsAchieved,
			BigDecimal forecastValueNext90dUsd,
			BigDecimal forecastCostNext90dUsd) {
	}

}
