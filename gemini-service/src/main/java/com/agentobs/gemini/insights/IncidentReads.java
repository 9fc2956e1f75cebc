package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only SQL over alert-service's incident tables and the hourly agent rollup, for a postmortem
 * draft: the incident, its events and attached alerts, and the traffic of its scope (agent,
 * department or fleet) over a window. Always filtered by the workspace, inside a workspace
 * transaction, so row-level security backs the filter up.
 */
@Component
class IncidentReads {

	private static final String INCIDENT = """
			SELECT id, title, severity, status, department, agent_id, cause, detected_at, acknowledged_at,
			       mitigated_at, resolved_at
			FROM incidents WHERE workspace_id = :ws AND id = :id
			""";

	/** Every event in time order, as the incident detail lists them. */
	private static final String EVENTS = """
			SELECT event_type, message, occurred_at FROM incident_events
			WHERE workspace_id = :ws AND incident_id = :id ORDER BY occurred_at, created_at, id
			""";

	private static final String ALERTS = """
			SELECT a.title, a.severity, a.status, r.kind, r.measure, r.comparator, a.value, a.threshold, a.fired_at
			FROM alerts a LEFT JOIN alert_rules r ON r.id = a.rule_id AND r.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws AND a.incident_id = :id ORDER BY a.started_at, a.id
			""";

	/** The scope's traffic in [from, to): the agent, else the department (by code), else the fleet. */
	private static final String TRAFFIC = """
			SELECT COALESCE(SUM(h.trace_count), 0) AS requests, COALESCE(SUM(h.error_count), 0) AS errors,
			       COALESCE(SUM(h.latency_sum_ms), 0) AS latency_sum_ms, COALESCE(SUM(h.total_cost), 0) AS cost_usd
			FROM traces_agent_hourly h
			LEFT JOIN departments d ON d.id = h.department_id AND d.workspace_id = h.workspace_id
			WHERE h.workspace_id = :ws AND h.hour >= :from AND h.hour < :to
			  AND (CAST(:agent_id AS text) IS NULL OR h.agent_id = CAST(:agent_id AS text))
			  AND (CAST(:department AS text) IS NULL OR d.department_code = CAST(:department AS text))
			""";

	record Incident(UUID id, String title, String severity, String status, String department, String agentId,
			String cause, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt) {
	}

	record Event(String type, String message, Instant occurredAt) {
	}

	record Alert(String title, String severity, String status, String kind, String measure, String comparator,
			BigDecimal value, BigDecimal threshold, Instant firedAt) {
	}

	record Traffic(long requests, long errors, BigDecimal latencySumMs, BigDecimal costUsd) {
	}

	private final JdbcClient jdbc;

	IncidentReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Incident> incident(UUID workspaceId, UUID incidentId) {
		return this.jdbc.sql(INCIDENT)
			.param("ws", workspaceId)
			.param("id", incidentId)
			.query((rs, n) -> new Incident(rs.getObject("id", UUID.class), rs.getString("title"),
					rs.getString("severity"), rs.getString("status"), rs.getString("department"),
					rs.getString("agent_id"), rs.getString("cause"), instant(rs, "detected_at"),
					instant(rs, "acknowledged_at"), instant(rs, "mitigated_at"), instant(rs, "resolved_at")))
			.optional();
	}

	List<Event> events(UUID workspaceId, UUID incidentId) {
		return this.jdbc.sql(EVENTS)
			.param("ws", workspaceId)
			.param("id", incidentId)
			.query((rs, n) -> new Event(rs.getString("event_type"), rs.getString("message"), instant(rs, "occurred_at")))
			.list();
	}

	List<Alert> alerts(UUID workspaceId, UUID incidentId) {
		return this.jdbc.sql(ALERTS)
			.param("ws", workspaceId)
			.param("id", incidentId)
			.query((rs, n) -> new Alert(rs.getString("title"), rs.getString("severity"), rs.getString("status"),
					rs.getString("kind"), rs.getString("measure"), rs.getString("comparator"),
					rs.getBigDecimal("value"), rs.getBigDecimal("threshold"), instant(rs, "fired_at")))
			.list();
	}

	Traffic traffic(UUID workspaceId, String agentId, String department, Instant from, Instant to) {
		return this.jdbc.sql(TRAFFIC)
			.param("ws", workspaceId)
			.param("agent_id", agentId)
			.param("department", (agentId == null) ? department : null)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new Traffic(rs.getLong("requests"), rs.getLong("errors"),
					rs.getBigDecimal("latency_sum_ms"), rs.getBigDecimal("cost_usd")))
			.single();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
