package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code forecast_runs} and {@code impact_forecasts}: the latest run per series and scope. */
@Repository
class ForecastStore {

	static final List<String> SERIES = List.of("requests", "cost_usd", "value_usd");

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ForecastStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	record Run(UUID runId, String series, UUID departmentId, String model, Map<String, Object> params,
			LocalDate historyFrom, LocalDate historyTo, int horizonDays, BigDecimal backtestMapePct,
			BigDecimal backtestCoverage80, BigDecimal backtestCoverage95, Instant generatedAt) {
	}

	record StoredPoint(LocalDate date, BigDecimal predicted, BigDecimal lower80, BigDecimal upper80,
			BigDecimal lower95, BigDecimal upper95) {
	}

	/** Replaces the scope's run with this one (points dated from the day after {@code historyTo}). */
	void replace(UUID ws, String series, UUID departmentId, Forecaster.Forecast forecast,
			Forecaster.Backtest backtest, LocalDate historyFrom, LocalDate historyTo, Instant now) {
		this.jdbc.sql("DELETE FROM forecast_runs WHERE workspace_id = :ws AND series = :series "
				+ "AND department_id IS NOT DISTINCT FROM :dept")
			.param("ws", ws)
			.param("series", series)
			.param("dept", departmentId)
			.update();
		UUID runId = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO forecast_runs (id, workspace_id, series, department_id, model_name, params, history_from,
				    history_to, horizon_days, backtest_mape_pct, backtest_coverage_80, backtest_coverage_95,
				    generated_at)
				VALUES (:id, :ws, :series, :dept, :model, CAST(:params AS JSONB), :from, :to, :horizon, :mape, :c80,
				    :c95, :now)""")
			.param("id", runId)
			.param("ws", ws)
			.param("series", series)
			.param("dept", departmentId)
			.param("model", forecast.model())
			.param("params", this.mapper.writeValueAsString(forecast.params()))
			.param("from", Date.valueOf(historyFrom))
			.param("to", Date.valueOf(historyTo))
			.param("horizon", forecast.points().size())
			.param("mape", (backtest != null) ? backtest.mapePct() : null)
			.param("c80", (backtest != null) ? backtest.coverage80Pct() : null)
			.param("c95", (backtest != null) ? backtest.coverage95Pct() : null)
			.param("now", java.sql.Timestamp.from(now))
			.update();
		StringBuilder sql = new StringBuilder("INSERT INTO impact_forecasts (workspace_id, run_id, forecast_date, "
				+ "predicted_value, lower_80, upper_80, lower_95, upper_95) VALUES ");
		List<Forecaster.Point> points = forecast.points();
		for (int i = 0; i < points.size(); i++) {
			sql.append((i > 0) ? "," : "")
				.append("(:ws, :run, :d").append(i)
				.append(", :p").append(i)
				.append(", :l8").append(i)
				.append(", :u8").append(i)
				.append(", :l9").append(i)
				.append(", :u9").append(i)
				.append(')');
		}
		JdbcClient.StatementSpec insert = this.jdbc.sql(sql.toString()).param("ws", ws).param("run", runId);
		for (int i = 0; i < points.size(); i++) {
			Forecaster.Point p = points.get(i);
			// rounding each bound separately could break the nesting; round the point, then widen outwards
			BigDecimal predicted = round(p.predicted());
			BigDecimal lower80 = round(p.lower80()).min(predicted);
			BigDecimal upper80 = round(p.upper80()).max(predicted);
			insert = insert.param("d" + i, Date.valueOf(historyTo.plusDays(i + 1L)))
				.param("p" + i, predicted)
				.param("l8" + i, lower80)
				.param("u8" + i, upper80)
				.param("l9" + i, round(p.lower95()).min(lower80))
				.param("u9" + i, round(p.upper95()).max(upper80));
		}
		if (!points.isEmpty()) {
			insert.update();
		}
	}

	Optional<Run> latest(UUID ws, String series, UUID departmentId) {
		return this.jdbc.sql("""
				SELECT id, series, department_id, model_name, params::text AS params, history_from, history_to,
				       horizon_days, backtest_mape_pct, backtest_coverage_80, backtest_coverage_95, generated_at
				FROM forecast_runs
				WHERE workspace_id = :ws AND series = :series AND department_id IS NOT DISTINCT FROM :dept""")
			.param("ws", ws)
			.param("series", series)
			.param("dept", departmentId)
			.query((rs, i) -> new Run(rs.getObject("id", UUID.class), rs.getString("series"),
					rs.getObject("department_id", UUID.class), rs.getString("model_name"),
					this.mapper.readValue(rs.getString("params"), new TypeReference<Map<String, Object>>() {
					}), rs.getObject("history_from", LocalDate.class), rs.getObject("history_to", LocalDate.class),
					rs.getInt("horizon_days"), rs.getBigDecimal("backtest_mape_pct"),
					rs.getBigDecimal("backtest_coverage_80"), rs.getBigDecimal("backtest_coverage_95"),
					rs.getObject("generated_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	List<StoredPoint> points(UUID ws, UUID runId) {
		return this.jdbc.sql("""
				SELECT forecast_date, predicted_value, lower_80, upper_80, lower_95, upper_95
				FROM impact_forecasts WHERE workspace_id = :ws AND run_id = :run ORDER BY forecast_date""")
			.param("ws", ws)
			.param("run", runId)
			.query((rs, i) -> new StoredPoint(rs.getObject("forecast_date", LocalDate.class),
					rs.getBigDecimal("predicted_value"), rs.getBigDecimal("lower_80"), rs.getBigDecimal("upper_80"),
					rs.getBigDecimal("lower_95"), rs.getBigDecimal("upper_95")))
			.list();
	}

	/** The points of a scope's latest run, if it has one. */
	Optional<List<StoredPoint>> latestPoints(UUID ws, String series, UUID departmentId) {
		return latest(ws, series, departmentId).map((run) -> points(ws, run.runId()));
	}

	/** The sum of the predicted values of a scope's run (the next-horizon total). */
	Optional<BigDecimal> predictedTotal(UUID ws, String series, UUID departmentId) {
		return latestPoints(ws, series, departmentId).map((points) -> total(points, points.size()).predicted());
	}

	/**
	 * The first {@code days} points summed: predicted, lower 80 % and upper 80 % bounds, to the cent.
	 * Summed daily bounds read the band of the total as if the days' errors moved together: the
	 * cautious, widest reading.
	 */
	static Total total(List<StoredPoint> points, int days) {
		List<StoredPoint> first = points.subList(0, Math.min(days, points.size()));
		return new Total(sum(first, StoredPoint::predicted), sum(first, StoredPoint::lower80),
				sum(first, StoredPoint::upper80));
	}

	record Total(BigDecimal predicted, BigDecimal lower80, BigDecimal upper80) {
	}

	private static BigDecimal sum(List<StoredPoint> points, java.util.function.Function<StoredPoint, BigDecimal> f) {
		return points.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
	}

	private static BigDecimal round(double v) {
		return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
	}

}
