package com.agentobs.alert.notify;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/**
 * Queues notifications in {@code alert_notifications}, in the caller's transaction (the evaluator's
 * state change): a committed firing or resolution always has its notifications queued. One row
 * per alert, target, state and repeat ({@code dedup_key}); queuing the same key twice is a no-op.
 */
@Repository
public class NotificationOutbox {

	/** The stream every alert state change is published on (automations consume it). */
	public static final String STREAM = "alerts:events";

	private static final String INSERT = """
			INSERT INTO alert_notifications (workspace_id, alert_id, incident_id, channel_id, state, dedup_key, payload)
			VALUES (:ws, :alert, :incident, :channel, :state, :key, CAST(:payload AS jsonb))
			ON CONFLICT (workspace_id, dedup_key) DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	NotificationOutbox(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/**
	 * Queues one notification; {@code channelId} null = the {@code alerts:events} stream.
	 * @return whether a row was added (false: this key was queued before)
	 */
	public boolean enqueue(UUID ws, UUID alertId, UUID channelId, String state, int seq, Map<String, Object> payload) {
		String key = "alert:" + alertId + ":" + ((channelId != null) ? channelId : "stream") + ":" + state + ":" + seq;
		return insert(ws, alertId, null, channelId, state, key, payload);
	}

	/**
	 * Queues one incident notification (an escalation step) for a channel, or the stream when
	 * {@code channelId} is null; {@code step} names the step (the policy), so each goes out once.
	 */
	public boolean enqueueIncident(UUID ws, UUID incidentId, UUID channelId, String state, String step,
			Map<String, Object> payload) {
		String key = "incident:" + incidentId + ":" + ((channelId != null) ? channelId : "stream") + ":" + state + ":"
				+ step;
		return insert(ws, null, incidentId, channelId, state, key, payload);
	}

	private boolean insert(UUID ws, UUID alertId, UUID incidentId, UUID channelId, String state, String key,
			Map<String, Object> payload) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("alert", alertId)
			.param("incident", incidentId)
			.param("channel", channelId)
			.param("state", state)
			.param("key", key)
			.param("payload", this.mapper.writeValueAsString(withKey(payload, key)))
			.update() == 1;
	}

	private static Map<String, Object> withKey(Map<String, Object> payload, String key) {
		Map<String, Object> copy = new java.util.LinkedHashMap<>(payload);
		copy.put("dedup_key", key);
		return copy;
	}

}
