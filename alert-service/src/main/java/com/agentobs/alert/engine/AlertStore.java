package com.agentobs.alert.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/** {@code alerts} as the evaluator sees them: the unresolved alerts of a rule, locked for one pass. */
@Repository
class AlertStore {

	private static final String LOCK_ACTIVE = """
			SELECT id, fingerprint, status, severity, started_at, fired_at, clear_count, last_notified_at, notify_seq,
			    silence_id, inhibited_by, incident_id, agent_id, department, environment, title
			FROM alerts WHERE workspace_id = :ws AND rule_id = :rule AND status <> 'resolved'
			ORDER BY id FOR UPDATE
			""";

	private static final String INSERT = """
			INSERT INTO alerts (workspace_id, rule_id, fingerprint, group_key, title, severity, status, labels, agent_id,
			    department, environment, value, threshold, started_at, fired_at, last_evaluated_at)
			VALUES (:ws, :rule, :fingerprint, :groupKey, :title, :severity, :status, CAST(:labels AS jsonb), :agentId,
			    :department, :environment, :value, :threshold, :at, :firedAt, :at)
			ON CONFLICT (workspace_id, fingerprint) WHERE status <> 'resolved' DO NOTHING
			RETURNING id
			""";

	private static final String UPDATE = """
			UPDATE alerts SET status = :status, severity = :severity, title = :title, value = :value,
			    threshold = :threshold, fired_at = :firedAt, resolved_at = :resolvedAt, last_evaluated_at = :at,
			    clear_count = :clearCount, silence_id = :silenceId, inhibited_by = :inhibitedBy,
			    incident_id = :incidentId, last_notified_at = :notifiedAt, notify_seq = :seq, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String FIND_SILENCE = """
			SELECT id FROM alert_silences
			WHERE workspace_id = :ws AND starts_at <= :at AND ends_at > :at AND CAST(:labels AS jsonb) @> matchers
			ORDER BY ends_at DESC LIMIT 1
			""";

	private static final String FIND_INHIBITOR = """
			SELECT id FROM alerts
			WHERE workspace_id = :ws AND status = 'firing' AND id <> :self AND agent_id IS NULL AND environment IS NULL
			  AND (department IS NULL OR department = :department)
			ORDER BY fired_at LIMIT 1
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	AlertStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	List<ActiveAlert> lockActive(UUID ws, UUID ruleId) {
		return this.jdbc.sql(LOCK_ACTIVE).param("ws", ws).param("rule", ruleId).query(AlertStore::map).list();
	}

	/** Inserts a new alert unless its fingerprint already has an unresolved one (then empty). */
	Optional<UUID> insert(UUID ws, UUID ruleId, String fingerprint, String groupKey, String title, String severity,
			String status, Scope scope, Double value, Double threshold, Instant at) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("rule", ruleId)
			.param("fingerprint", fingerprint)
			.param("groupKey", groupKey)
			.param("title", title)
			.param("severity", severity)
			.param("status", status)
			.param("labels", this.mapper.writeValueAsString(scope.labels()))
			.param("agentId", scope.agentId())
			.param("department", scope.department())
			.param("environment", scope.environment())
			.param("value", value)
			.param("threshold", threshold)
			.param("at", Timestamp.from(at))
			.param("firedAt", "firing".equals(status) ? Timestamp.from(at) : null)
			.query(UUID.class)
			.optional();
	}

	void update(UUID ws, ActiveAlert a, Double value, Double threshold, Instant at) {
		this.jdbc.sql(UPDATE)
			.param("ws", ws)
			.param("id", a.id())
			.param("status", a.status())
			.param("severity", a.severity())
			.param("title", a.title())
			.param("value", value)
			.param("threshold", threshold)
			.param("firedAt", ts(a.firedAt()))
			.param("resolvedAt", "resolved".equals(a.status()) ? Timestamp.from(at) : null)
			.param("at", Timestamp.from(at))
			.param("clearCount", a.clearCount())
			.param("silenceId", a.silenceId())
			.param("inhibitedBy", a.inhibitedBy())
			.param("incidentId", a.incidentId())
			.param("notifiedAt", ts(a.lastNotifiedAt()))
			.param("seq", a.notifySeq())
			.update();
	}

	UUID activeSilence(UUID ws, Map<String, String> labels, Instant at) {
		return this.jdbc.sql(FIND_SILENCE)
			.param("ws", ws)
			.param("at", Timestamp.from(at))
			.param("labels", this.mapper.writeValueAsString(labels))
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	/** A firing fleet alert, or one of the agent's department, inhibits an agent-level alert. */
	UUID inhibitor(UUID ws, UUID self, String department) {
		return this.jdbc.sql(FIND_INHIBITOR)
			.param("ws", ws)
			.param("self", self)
			.param("department", department)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	private static Timestamp ts(Instant at) {
		return (at != null) ? Timestamp.from(at) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	private static ActiveAlert map(ResultSet rs, int row) throws SQLException {
		return new ActiveAlert(rs.getObject("id", UUID.class), rs.getString("fingerprint"), rs.getString("status"),
				rs.getString("severity"), rs.getString("title"), instant(rs, "started_at"), instant(rs, "fired_at"),
				rs.getInt("clear_count"), instant(rs, "last_notified_at"), rs.getInt("notify_seq"),
				rs.getObject("silence_id", UUID.class), rs.getObject("inhibited_by", UUID.class),
				rs.getObject("incident_id", UUID.class),
				new Scope(rs.getString("agent_id"), rs.getString("department"), rs.getString("environment")));
	}

	/** An unresolved alert; the pipeline derives the next state with the {@code with…} copies. */
	record ActiveAlert(UUID id, String fingerprint, String status, String severity, String title, Instant startedAt,
			Instant firedAt, int clearCount, Instant lastNotifiedAt, int notifySeq, UUID silenceId, UUID inhibitedBy,
			UUID incidentId, Scope scope) {

		ActiveAlert withStatus(String newStatus, Instant newFiredAt, int newClearCount) {
			return new ActiveAlert(this.id, this.fingerprint, newStatus, this.severity, this.title, this.startedAt,
					newFiredAt, newClearCount, this.lastNotifiedAt, this.notifySeq, this.silenceId, this.inhibitedBy,
					this.incidentId, this.scope);
		}

		ActiveAlert withSeverity(String newSeverity, String newTitle) {
			return new ActiveAlert(this.id, this.fingerprint, this.status, newSeverity, newTitle, this.startedAt,
					this.firedAt, this.clearCount, this.lastNotifiedAt, this.notifySeq, this.silenceId,
					this.inhibitedBy, this.incidentId, this.scope);
		}

		ActiveAlert withSuppression(UUID newSilence, UUID newInhibitor) {
			return new ActiveAlert(this.id, this.fingerprint, this.status, this.severity, this.title, this.startedAt,
					this.firedAt, this.clearCount, this.lastNotifiedAt, this.notifySeq, newSilence, newInhibitor,
					this.incidentId, this.scope);
		}

		ActiveAlert withIncident(UUID newIncident) {
			return new ActiveAlert(this.id, this.fingerprint, this.status, this.severity, this.title, this.startedAt,
					this.firedAt, this.clearCount, this.lastNotifiedAt, this.notifySeq, this.silenceId,
					this.inhibitedBy, newIncident, this.scope);
		}

		ActiveAlert notified(Instant at, int seq) {
			return new ActiveAlert(this.id, this.fingerprint, this.status, this.severity, this.title, this.startedAt,
					this.firedAt, this.clearCount, at, seq, this.silenceId, this.inhibitedBy, this.incidentId,
					this.scope);
		}

		boolean suppressed() {
			return this.silenceId != null || this.inhibitedBy != null;
		}

	}

}
