package com.agentobs.alert.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
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

	/** The group's batch for this channel that no relay has claimed yet (locked: a claim waits, or skips it). */
	private static final String OPEN_BATCH = """
			SELECT id, payload::text AS payload FROM alert_notifications
			WHERE workspace_id = :ws AND group_key = :group AND channel_id = :channel AND state = 'firing'
			  AND sent_at IS NULL AND attempts = 0
			ORDER BY due_at DESC LIMIT 1
			FOR UPDATE
			""";

	private static final String UPDATE_BATCH = """
			UPDATE alert_notifications SET payload = CAST(:payload AS jsonb)
			WHERE workspace_id = :ws AND id = :id AND sent_at IS NULL AND attempts = 0
			""";

	private static final String LAST_DUE = """
			SELECT max(due_at) FROM alert_notifications
			WHERE workspace_id = :ws AND group_key = :group AND channel_id = :channel AND state = 'firing'
			""";

	private static final String INSERT_BATCH = """
			INSERT INTO alert_notifications (workspace_id, alert_id, channel_id, state, dedup_key, payload, group_key,
			    due_at, next_attempt_at)
			VALUES (:ws, :alert, :channel, 'firing', :key, CAST(:payload AS jsonb), :group, :due, :due)
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

	/**
	 * Queues an alert's first firing notification to a channel as part of its group's batch: it joins
	 * the batch no relay has claimed yet, or starts one due after {@code groupWait} (a new group) or at
	 * the group's previous batch + {@code groupInterval} when that is later. The batch is the first
	 * alert's record (its {@code dedup_key}) with every alert of the batch in {@code alerts}.
	 * @return whether a new batch was started (false: joined one, or this alert was queued before)
	 */
	public boolean enqueueGrouped(UUID ws, UUID alertId, UUID channelId, String groupKey, Map<String, Object> payload,
			Instant now, Duration groupWait, Duration groupInterval) {
		String key = "alert:" + alertId + ":" + channelId + ":firing:1";
		Map<String, Object> entry = withKey(payload, key);
		Optional<Batch> open = this.jdbc.sql(OPEN_BATCH)
			.param("ws", ws)
			.param("group", groupKey)
			.param("channel", channelId)
			.query((rs, n) -> new Batch(rs.getLong("id"), rs.getString("payload")))
			.optional();
		if (open.isPresent()) {
			Map<String, Object> batch = this.mapper.readValue(open.get().payload(),
					new TypeReference<Map<String, Object>>() {
					});
			List<Object> members = new ArrayList<>((List<?>) batch.getOrDefault("alerts", List.of()));
			if (members.stream().anyMatch((m) -> m instanceof Map<?, ?> mm && key.equals(mm.get("dedup_key")))) {
				return false;
			}
			members.add(member(entry));
			batch.put("alerts", members);
			batch.put("alert_count", members.size());
			batch.put("text", batchText(members));
			this.jdbc.sql(UPDATE_BATCH)
				.param("ws", ws)
				.param("id", open.get().id())
				.param("payload", this.mapper.writeValueAsString(batch))
				.update();
			return false;
		}
		Timestamp last = this.jdbc.sql(LAST_DUE)
			.param("ws", ws)
			.param("group", groupKey)
			.param("channel", channelId)
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		Instant due = now.plus(groupWait);
		if (last != null && last.toInstant().plus(groupInterval).isAfter(due)) {
			due = last.toInstant().plus(groupInterval);
		}
		Map<String, Object> batch = new LinkedHashMap<>(entry);
		batch.put("group_key", groupKey);
		batch.put("alert_count", 1);
		batch.put("alerts", List.of(member(entry)));
		return this.jdbc.sql(INSERT_BATCH)
			.param("ws", ws)
			.param("alert", alertId)
			.param("channel", channelId)
			.param("key", key)
			.param("payload", this.mapper.writeValueAsString(batch))
			.param("group", groupKey)
			.param("due", Timestamp.from(due))
			.update() == 1;
	}

	/** One alert of a batch: what a receiver needs to tell the alerts apart. */
	private static Map<String, Object> member(Map<String, Object> record) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (String field : List.of("alert_id", "title", "severity", "labels", "value", "threshold", "summary",
				"incident_id", "occurred_at", "dedup_key")) {
			m.put(field, record.get(field));
		}
		return m;
	}

	/** "[SEV2] 3 alerts firing: HR errors · hr-bot; HR errors · payroll-bot; …" (Slack and e-mail show it). */
	private static String batchText(List<Object> members) {
		List<String> titles = members.stream()
			.map((m) -> String.valueOf(((Map<?, ?>) m).get("title")))
			.toList();
		Object severity = ((Map<?, ?>) members.get(0)).get("severity");
		return "[" + String.valueOf(severity).toUpperCase(Locale.ROOT) + "] " + members.size()
				+ " alerts firing: " + String.join("; ", titles);
	}

	private record Batch(long id, String payload) {
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
		Map<String, Object> copy = new LinkedHashMap<>(payload);
		copy.put("dedup_key", key);
		return copy;
	}

}
