package com.agentobs.alert.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.incidents.IncidentStore;
import com.agentobs.alert.notify.NotificationOutbox;
import com.agentobs.alert.rules.RuleStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Escalation policies, applied by the evaluation pass (under its lease): an incident of a policy's
 * severity still open (not acknowledged) {@code after_minutes} after detection, and detected after
 * the policy was created, notifies the policy's channels and the stream once, with an
 * {@code escalated_unacknowledged} timeline event. The (incident, policy) row in
 * {@code incident_escalations} is written first: whoever inserts it sends, so a step never repeats.
 */
@Component
class Escalator {

	private static final String DUE = """
			SELECT i.id, i.title, i.severity, i.status, i.detected_at, i.department, i.agent_id, p.id AS policy_id,
			    p.name AS policy_name, p.after_minutes, p.channel_ids
			FROM escalation_policies p
			JOIN incidents i ON i.workspace_id = p.workspace_id AND i.severity = p.severity
			WHERE p.workspace_id = :ws AND p.is_enabled AND p.deleted_at IS NULL
			  AND i.status = 'open' AND i.acknowledged_at IS NULL AND i.detected_at >= p.created_at
			  AND i.detected_at <= CAST(:now AS timestamptz) - make_interval(mins => p.after_minutes)
			  AND NOT EXISTS (SELECT 1 FROM incident_escalations e
			                  WHERE e.workspace_id = i.workspace_id AND e.incident_id = i.id AND e.policy_id = p.id)
			ORDER BY i.detected_at, p.after_minutes
			LIMIT 100
			""";

	private static final String RECORD = """
			INSERT INTO incident_escalations (workspace_id, incident_id, policy_id, escalated_at)
			VALUES (:ws, :incident, :policy, :at)
			ON CONFLICT DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final NotificationOutbox outbox;

	private final IncidentStore incidents;

	Escalator(JdbcClient jdbc, NotificationOutbox outbox, IncidentStore incidents) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.incidents = incidents;
	}

	/** Escalates what is due at {@code now}; the caller holds the workspace transaction. */
	int escalate(UUID ws, Instant now) {
		List<Due> due = this.jdbc.sql(DUE)
			.param("ws", ws)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("severity"),
					rs.getString("status"), rs.getTimestamp("detected_at").toInstant(), rs.getString("department"),
					rs.getString("agent_id"), rs.getObject("policy_id", UUID.class), rs.getString("policy_name"),
					rs.getInt("after_minutes"), RuleStore.uuids(rs.getArray("channel_ids"))))
			.list();
		int escalated = 0;
		for (Due d : due) {
			int recorded = this.jdbc.sql(RECORD)
				.param("ws", ws)
				.param("incident", d.incidentId())
				.param("policy", d.policyId())
				.param("at", Timestamp.from(now))
				.update();
			if (recorded == 0) {
				continue;
			}
			Map<String, Object> payload = payload(ws, d, now);
			String step = d.policyId().toString();
			this.outbox.enqueueIncident(ws, d.incidentId(), null, "escalated", step, payload);
			for (UUID channel : d.channelIds()) {
				this.outbox.enqueueIncident(ws, d.incidentId(), channel, "escalated", step, payload);
			}
			this.incidents.event(ws, d.incidentId(), "escalated_unacknowledged",
					"Not acknowledged within " + d.afterMinutes() + " min: " + d.channelIds().size()
							+ " further channel(s) notified (" + d.policyName() + ")",
					"alert-service", Map.of("policy_id", step, "channel_ids", d.channelIds().stream().map(UUID::toString).toList()),
					now);
			escalated++;
		}
		return escalated;
	}

	/** The notification and {@code alerts:events} record of an escalation (fields in docs/ALERTS.md). */
	private static Map<String, Object> payload(UUID ws, Due d, Instant now) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("event", "incident.escalated");
		p.put("workspace_id", ws.toString());
		p.put("incident_id", d.incidentId().toString());
		p.put("title", d.title());
		p.put("severity", d.severity());
		p.put("status", d.status());
		p.put("department", d.department());
		p.put("agent_id", d.agentId());
		p.put("detected_at", d.detectedAt().toString());
		p.put("policy_id", d.policyId().toString());
		p.put("policy_name", d.policyName());
		p.put("after_minutes", d.afterMinutes());
		p.put("occurred_at", now.toString());
		p.put("text", "[" + d.severity().toUpperCase() + "] ESCALATED " + d.title() + " — not acknowledged within "
				+ d.afterMinutes() + " min");
		return p;
	}

	private record Due(UUID incidentId, String title, String severity, String status, Instant detectedAt,
			String department, String agentId, UUID policyId, String policyName, int afterMinutes,
			List<UUID> channelIds) {
	}

}
