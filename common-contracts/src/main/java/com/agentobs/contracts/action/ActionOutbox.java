package com.agentobs.contracts.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code action_outbox} (V052): the notification of a finished action, written in the
 * transaction that finishes it. {@link #add} runs inside that workspace transaction; the
 * relay's claim is the one cross-workspace statement (a SECURITY DEFINER function).
 */
class ActionOutbox {

	/** One unsent row. */
	record Message(long id, UUID workspaceId, UUID actionId, Map<String, String> fields, boolean bumpDataVersion,
			int attempts) {
	}

	private static final String INSERT = """
			INSERT INTO action_outbox (workspace_id, action_id, event, bump_data_version)
			VALUES (:ws, :action_id, CAST(:event AS jsonb), :bump)
			RETURNING id""";

	private static final String MARK_SENT = """
			UPDATE action_outbox SET sent_at = NOW(), last_error = NULL
			WHERE workspace_id = :ws AND id = :id AND sent_at IS NULL""";

	private static final String NOTE_ERROR = """
			UPDATE action_outbox SET last_error = :error, next_attempt_at = NOW() + make_interval(secs => :retry)
			WHERE workspace_id = :ws AND id = :id AND sent_at IS NULL""";

	private static final String CLAIM = """
			SELECT id, workspace_id, action_id, event::text AS event, bump_data_version, attempts
			FROM agentobs_claim_action_outbox(:limit, make_interval(secs => :lease), make_interval(secs => :min_age))""";

	private static final String PURGE = "SELECT agentobs_purge_action_outbox(make_interval(secs => :older))";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ActionOutbox(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Queues the event of a finished action (in the transaction that finished it). */
	Message add(UUID ws, ActionRecord record) {
		Map<String, String> fields = ActionEvent.of(ws, record).toFields();
		boolean bump = ActionStatus.COMPLETED.code().equals(record.status());
		long id = this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("action_id", record.actionId())
			.param("event", this.mapper.writeValueAsString(fields))
			.param("bump", bump)
			.query(Long.class)
			.single();
		return new Message(id, ws, record.actionId(), fields, bump, 0);
	}

	void markSent(UUID ws, long id) {
		this.jdbc.sql(MARK_SENT).param("ws", ws).param("id", id).update();
	}

	void noteError(UUID ws, long id, String error, Duration retryAfter) {
		this.jdbc.sql(NOTE_ERROR)
			.param("ws", ws)
			.param("id", id)
			.param("error", (error.length() > 500) ? error.substring(0, 500) : error)
			.param("retry", retryAfter.toMillis() / 1000.0)
			.update();
	}

	/** Due rows of every workspace, leased to this caller (outside any workspace transaction). */
	List<Message> claim(int limit, Duration lease, Duration minAge) {
		return this.jdbc.sql(CLAIM)
			.param("limit", limit)
			.param("lease", lease.toMillis() / 1000.0)
			.param("min_age", minAge.toMillis() / 1000.0)
			.query((rs, n) -> new Message(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
					rs.getObject("action_id", UUID.class),
					this.mapper.readValue(rs.getString("event"), new TypeReference<Map<String, String>>() {
					}), rs.getBoolean("bump_data_version"), rs.getInt("attempts")))
			.list();
	}

	int purgeSent(Duration olderThan) {
		return this.jdbc.sql(PURGE).param("older", olderThan.toMillis() / 1000.0).query(Integer.class).single();
	}

}
