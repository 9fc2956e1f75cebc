package com.agentobs.query.business;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code business_goals} and {@code goal_progress}; call inside a workspace transaction. */
@Repository
class Goals {

	private static final String SELECT = """
			SELECT g.id, g.department_id, d.department_code, g.name, g.metric, g.unit, g.baseline_value,
			       g.target_value, g.current_value, g.start_date, g.target_date, g.status, g.linked_agent_ids,
			       g.owner_user_id, g.closed_at, g.created_at
			FROM business_goals g JOIN departments d ON d.id = g.department_id AND d.workspace_id = g.workspace_id
			WHERE g.workspace_id = :ws""";

	private static final RowMapper<Goal> ROW = (rs, i) -> new Goal(rs.getObject("id", UUID.class),
			rs.getObject("department_id", UUID.class), rs.getString("department_code"), rs.getString("name"),
			rs.getString("metric"), rs.getString("unit"), rs.getBigDecimal("baseline_value"),
			rs.getBigDecimal("target_value"), rs.getBigDecimal("current_value"),
			rs.getObject("start_date", LocalDate.class), rs.getObject("target_date", LocalDate.class),
			rs.getString("status"), strings(rs.getArray("linked_agent_ids")),
			rs.getObject("owner_user_id", UUID.class), instant(rs.getObject("closed_at", OffsetDateTime.class)),
			rs.getObject("created_at", OffsetDateTime.class).toInstant());

	private final JdbcClient jdbc;

	Goals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Goal> all(UUID ws, boolean includeClosed) {
		return this.jdbc.sql(SELECT + (includeClosed ? "" : " AND g.closed_at IS NULL")
				+ " ORDER BY d.department_code, g.target_date, g.name")
			.param("ws", ws)
			.query(ROW)
			.list();
	}

	Goal require(UUID ws, UUID goalId) {
		return this.jdbc.sql(SELECT + " AND g.id = :id")
			.param("ws", ws)
			.param("id", goalId)
			.query(ROW)
			.optional()
			.orElseThrow(() -> ApiException.notFound("goal", goalId.toString()));
	}

	/** The goal row-locked, so concurrent actions on one goal serialise. */
	Goal lock(UUID ws, UUID goalId) {
		return this.jdbc.sql(SELECT + " AND g.id = :id FOR UPDATE OF g")
			.param("ws", ws)
			.param("id", goalId)
			.query(ROW)
			.optional()
			.orElseThrow(() -> ApiException.notFound("goal", goalId.toString()));
	}

	UUID insert(UUID ws, UUID goalId, GoalParams.Definition d, UUID departmentId, UUID owner) {
		this.jdbc.sql("""
				INSERT INTO business_goals (id, workspace_id, department_id, name, metric, unit, baseline_value,
				    target_value, start_date, target_date, linked_agent_ids, owner_user_id)
				VALUES (:id, :ws, :dept, :name, :metric, :unit, :baseline, :target, :start, :end,
				    CAST(:agents AS TEXT[]), (SELECT u.id FROM users u WHERE u.id = CAST(:owner AS UUID)))""")
			.param("id", goalId)
			.param("ws", ws)
			.param("dept", departmentId)
			.param("name", d.name())
			.param("metric", d.metric())
			.param("unit", Goal.unitOf(d.metric()))
			.param("baseline", (d.baselineValue() != null) ? d.baselineValue() : BigDecimal.ZERO)
			.param("target", d.targetValue())
			.param("start", Date.valueOf(d.startDate()))
			.param("end", Date.valueOf(d.targetDate()))
			.param("agents", arrayLiteral(d.linkedAgentIds()))
			.param("owner", owner)
			.update();
		return goalId;
	}

	/** Writes the editable fields (and status, current value, closed_at) as they are in {@code g}. */
	void restore(UUID ws, Goal g) {
		this.jdbc.sql("""
				UPDATE business_goals SET department_id = :dept, name = :name, metric = :metric, unit = :unit,
				    baseline_value = :baseline, target_value = :target, start_date = :start, target_date = :end,
				    linked_agent_ids = CAST(:agents AS TEXT[]), status = :status, current_value = :current,
				    closed_at = :closed, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", g.goalId())
			.param("dept", g.departmentId())
			.param("name", g.name())
			.param("metric", g.metric())
			.param("unit", g.unit())
			.param("baseline", g.baselineValue())
			.param("target", g.targetValue())
			.param("start", Date.valueOf(g.startDate()))
			.param("end", Date.valueOf(g.targetDate()))
			.param("agents", arrayLiteral(g.linkedAgentIds()))
			.param("status", g.status())
			.param("current", g.currentValue())
			.param("closed", (g.closedAt() != null) ? java.sql.Timestamp.from(g.closedAt()) : null)
			.update();
	}

	void delete(UUID ws, UUID goalId) {
		this.jdbc.sql("DELETE FROM business_goals WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", goalId)
			.update();
	}

	void setEvaluation(UUID ws, UUID goalId, BigDecimal current, String status) {
		this.jdbc.sql("""
				UPDATE business_goals SET current_value = :current, status = :status, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id AND closed_at IS NULL
				  AND (current_value IS DISTINCT FROM :current OR status <> :status)""")
			.param("ws", ws)
			.param("id", goalId)
			.param("current", current)
			.param("status", status)
			.update();
	}

	/** Replaces the goal's daily progress with {@code days} (day → metric value at the end of that day). */
	void writeProgress(UUID ws, UUID goalId, Map<LocalDate, BigDecimal> days) {
		this.jdbc.sql("DELETE FROM goal_progress WHERE workspace_id = :ws AND goal_id = :id")
			.param("ws", ws)
			.param("id", goalId)
			.update();
		for (Map.Entry<LocalDate, BigDecimal> day : days.entrySet()) {
			this.jdbc.sql("INSERT INTO goal_progress (workspace_id, goal_id, day, value) VALUES (:ws, :id, :day, :v)")
				.param("ws", ws)
				.param("id", goalId)
				.param("day", Date.valueOf(day.getKey()))
				.param("v", day.getValue())
				.update();
		}
	}

	/** Agent keys in {@code ids} that are not in the workspace's registry. */
	List<String> unknownAgents(UUID ws, List<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<String> known = this.jdbc.sql("SELECT agent_id FROM agents WHERE workspace_id = :ws AND agent_id IN (:ids)")
			.param("ws", ws)
			.param("ids", ids)
			.query(String.class)
			.list();
		return ids.stream().filter((id) -> !known.contains(id)).toList();
	}

	/** Agents of a department (the default link of a new goal). */
	List<String> departmentAgents(UUID ws, UUID departmentId) {
		return this.jdbc.sql("SELECT agent_id FROM agents WHERE workspace_id = :ws AND department_id = :dept "
				+ "ORDER BY agent_id")
			.param("ws", ws)
			.param("dept", departmentId)
			.query(String.class)
			.list();
	}

	private static String arrayLiteral(List<String> values) {
		StringBuilder sb = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				sb.append(',');
			}
			sb.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return sb.append('}').toString();
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static java.time.Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
