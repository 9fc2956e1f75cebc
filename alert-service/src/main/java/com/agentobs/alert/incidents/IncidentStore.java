package com.agentobs.alert.incidents;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/**
 * {@code incidents} and their timeline ({@code incident_events}). A paging alert opens the
 * incident of its group or attaches to the one still unresolved (a partial unique index keeps one
 * unresolved incident per group, whichever evaluator gets there first).
 */
@Repository
public class IncidentStore {

	private static final String OPEN = """
			INSERT INTO incidents (workspace_id, title, severity, group_key, department, agent_id, cause, detected_at,
			    declared_by)
			VALUES (:ws, :title, :severity, :groupKey, :department, :agentId, :cause, :at, :declaredBy)
			ON CONFLICT (workspace_id, group_key) WHERE status IN ('open', 'acknowledged', 'mitigated')
			    AND group_key IS NOT NULL DO NOTHING
			RETURNING id
			""";

	private static final String FIND_OPEN_GROUP = """
			SELECT id FROM incidents
			WHERE workspace_id = :ws AND group_key = :groupKey AND status IN ('open', 'acknowledged', 'mitigated')
			""";

	private static final String EVENT = """
			INSERT INTO incident_events (workspace_id, incident_id, event_type, message, actor, data, occurred_at)
			VALUES (:ws, :incident, :type, :message, :actor, CAST(:data AS jsonb), :at)
			""";

	private static final String LOCK = """
			SELECT id, status, severity, assignee, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at
			FROM incidents WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String FIND = """
			SELECT id, status, severity, assignee, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at
			FROM incidents WHERE workspace_id = :ws AND id = :id
			""";

	private static final String SET_STATE = """
			UPDATE incidents SET status = :status, acknowledged_at = :ack, mitigated_at = :mitigated,
			    resolved_at = :resolved, closed_at = :closed, assignee = :assignee, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String DELETE = "DELETE FROM incidents WHERE workspace_id = :ws AND id = :id";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	IncidentStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Opens the group's incident, or returns the unresolved one it already has; {@code opened} says which. */
	public Attached openOrAttach(UUID ws, String groupKey, String title, String severity, String department,
			String agentId, String cause, Instant at, String declaredBy) {
		Optional<UUID> created = this.jdbc.sql(OPEN)
			.param("ws", ws)
			.param("title", title)
			.param("severity", severity)
			.param("groupKey", groupKey)
			.param("department", department)
			.param("agentId", agentId)
			.param("cause", cause)
			.param("at", Timestamp.from(at))
			.param("declaredBy", declaredBy)
			.query(UUID.class)
			.optional();
		if (created.isPresent()) {
			event(ws, created.get(), "opened", title, declaredBy, Map.of("severity", severity), at);
			return new Attached(created.get(), true);
		}
		UUID existing = this.jdbc.sql(FIND_OPEN_GROUP)
			.param("ws", ws)
			.param("groupKey", groupKey)
			.query(UUID.class)
			.single();
		return new Attached(existing, false);
	}

	public void event(UUID ws, UUID incidentId, String type, String message, String actor, Map<String, ?> data,
			Instant at) {
		this.jdbc.sql(EVENT)
			.param("ws", ws)
			.param("incident", incidentId)
			.param("type", type)
			.param("message", message)
			.param("actor", actor)
			.param("data", this.mapper.writeValueAsString(data))
			.param("at", Timestamp.from(at))
			.update();
	}

	IncidentState lock(UUID ws, UUID id) {
		return this.jdbc.sql(LOCK).param("ws", ws).param("id", id).query(IncidentStore::state).optional()
			.orElseThrow(() -> ApiException.notFound("incident", id.toString()));
	}

	IncidentState require(UUID ws, UUID id) {
		return this.jdbc.sql(FIND).param("ws", ws).param("id", id).query(IncidentStore::state).optional()
			.orElseThrow(() -> ApiException.notFound("incident", id.toString()));
	}

	void setSeverity(UUID ws, UUID id, String severity) {
		this.jdbc.sql("UPDATE incidents SET severity = :severity, updated_at = NOW() WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.param("severity", severity)
			.update();
	}

	void setState(UUID ws, IncidentState s) {
		this.jdbc.sql(SET_STATE)
			.param("ws", ws)
			.param("id", s.incidentId())
			.param("status", s.status())
			.param("ack", ts(s.acknowledgedAt()))
			.param("mitigated", ts(s.mitigatedAt()))
			.param("resolved", ts(s.resolvedAt()))
			.param("closed", ts(s.closedAt()))
			.param("assignee", s.assignee())
			.update();
	}

	UUID declare(UUID ws, String title, String severity, String department, String agentId, String cause,
			Instant at, String actor) {
		UUID id = this.jdbc.sql(OPEN)
			.param("ws", ws)
			.param("title", title)
			.param("severity", severity)
			.param("groupKey", null)
			.param("department", department)
			.param("agentId", agentId)
			.param("cause", cause)
			.param("at", Timestamp.from(at))
			.param("declaredBy", actor)
			.query(UUID.class)
			.single();
		event(ws, id, "declared", title, actor, Map.of("severity", severity), at);
		return id;
	}

	void delete(UUID ws, UUID id) {
		this.jdbc.sql(DELETE).param("ws", ws).param("id", id).update();
	}

	private static Timestamp ts(Instant at) {
		return (at != null) ? Timestamp.from(at) : null;
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	private static IncidentState state(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new IncidentState(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("severity"),
				rs.getString("assignee"), instant(rs, "detected_at"), instant(rs, "acknowledged_at"),
				instant(rs, "mitigated_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"));
	}

	/** The incident a paging alert belongs to. */
	public record Attached(UUID incidentId, boolean opened) {
	}

}
