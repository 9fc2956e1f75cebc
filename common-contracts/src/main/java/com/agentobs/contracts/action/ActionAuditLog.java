package com.agentobs.contracts.action;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code action_audit_log}: every statement the framework runs on it. Callers run inside
 * {@code WorkspaceTransactions.inWorkspace}; every statement filters on the workspace too.
 */
class ActionAuditLog {

	private static final String COLUMNS = """
			action_id, action_type, action_scope, status, actor_type, actor_user_id, actor_subject, target_type,
			target_id, action_params, result, rollback_action_id, (inverse IS NOT NULL) AS has_inverse,
			created_at, updated_at, completed_at""";

	private static final String INSERT_PENDING = """
			INSERT INTO action_audit_log (workspace_id, action_type, action_scope, actor_user_id, actor_type,
			                              actor_subject, target_type, target_id, action_params, status, idempotency_key)
			VALUES (:ws, :type, :scope, (SELECT u.id FROM users u WHERE u.id = CAST(:user_id AS uuid)),
			        CASE WHEN :subject LIKE 'playbook:%' THEN 'playbook' ELSE 'user' END,
			        :subject, :target_type, :target_id, CAST(:params AS jsonb), 'pending', :key)
			ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
			RETURNING action_id""";

	private static final String FIND_BY_KEY = "SELECT " + COLUMNS
			+ " FROM action_audit_log WHERE workspace_id = :ws AND idempotency_key = :key";

	private static final String FIND = "SELECT " + COLUMNS
			+ " FROM action_audit_log WHERE workspace_id = :ws AND action_id = :id";

	private static final String LOCK_INVERSE = """
			SELECT action_type, status, inverse::text AS inverse
			FROM action_audit_log WHERE workspace_id = :ws AND action_id = :id FOR UPDATE""";

	private static final String MARK_IN_PROGRESS = """
			UPDATE action_audit_log SET status = 'in_progress', updated_at = NOW()
			WHERE workspace_id = :ws AND action_id = :id AND status = 'pending'""";

	// clock_timestamp(), not NOW() (the transaction's start): completed_at must order actions as they
	// really finished, after waiting for the target's lock
	private static final String COMPLETE = """
			UPDATE action_audit_log
			SET status = 'completed', result = CAST(:result AS jsonb), inverse = CAST(:inverse AS jsonb),
			    completed_at = clock_timestamp(), updated_at = clock_timestamp()
			WHERE workspace_id = :ws AND action_id = :id AND status = 'in_progress'""";

	private static final String FAIL = """
			UPDATE action_audit_log
			SET status = 'failed', result = CAST(:result AS jsonb), completed_at = clock_timestamp(),
			    updated_at = clock_timestamp()
			WHERE workspace_id = :ws AND action_id = :id AND status IN ('pending', 'in_progress')""";

	private static final String FAIL_IF_STUCK = """
			UPDATE action_audit_log
			SET status = 'failed', result = CAST(:result AS jsonb), completed_at = clock_timestamp(),
			    updated_at = clock_timestamp()
			WHERE workspace_id = :ws AND action_id = :id AND status IN ('pending', 'in_progress')
			  AND updated_at < NOW() - make_interval(secs => :timeout)""";

	private static final String FIND_STUCK = """
			SELECT workspace_id, action_id FROM agentobs_find_stuck_actions(make_interval(secs => :timeout), :limit)""";

	private static final String MARK_ROLLED_BACK = """
			UPDATE action_audit_log SET status = 'rolled_back', rollback_action_id = :rollback_id, updated_at = NOW()
			WHERE workspace_id = :ws AND action_id = :id AND status = 'completed'""";

	private static final String FILTERS = """
			 FROM action_audit_log
			WHERE workspace_id = :ws
			  AND created_at >= :from AND created_at < :to
			  AND (CAST(:agent AS text) IS NULL OR (target_type = 'agent' AND target_id = CAST(:agent AS text)))
			  AND (CAST(:type AS text) IS NULL OR action_type = CAST(:type AS text))
			  AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
			  AND (CAST(:actor AS text) IS NULL OR actor_subject = CAST(:actor AS text)
			       OR CAST(actor_user_id AS text) = CAST(:actor AS text))""";

	private static final String LIST = "SELECT " + COLUMNS + FILTERS + """

			  AND (CAST(:cursor_at AS timestamptz) IS NULL
			       OR (created_at, action_id) < (CAST(:cursor_at AS timestamptz), CAST(:cursor_id AS uuid)))
			ORDER BY created_at DESC, action_id DESC
			LIMIT :limit""";

	private static final String COUNT = "SELECT COUNT(*)" + FILTERS;

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ActionAuditLog(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** The new row's id, or empty when a row with this idempotency key already exists. */
	Optional<UUID> insertPending(UUID ws, String type, ActionTarget target, ActionContext context, Object params,
			String idempotencyKey) {
		return this.jdbc.sql(INSERT_PENDING)
			.param("ws", ws)
			.param("type", type)
			.param("scope", target.scope().code())
			.param("user_id", (context.actorUserId() != null) ? context.actorUserId().toString() : null)
			.param("subject", context.actorSubject())
			.param("target_type", target.type())
			.param("target_id", target.id())
			.param("params", json(params))
			.param("key", idempotencyKey)
			.query(UUID.class)
			.optional();
	}

	Optional<ActionRecord> findByKey(UUID ws, String idempotencyKey) {
		return this.jdbc.sql(FIND_BY_KEY).param("ws", ws).param("key", idempotencyKey).query(this::map).optional();
	}

	Optional<ActionRecord> find(UUID ws, UUID actionId) {
		return this.jdbc.sql(FIND).param("ws", ws).param("id", actionId).query(this::map).optional();
	}

	/** Locks a row for its rollback: {@code [action_type, status, inverse JSON or null]}. */
	Optional<String[]> lockForRollback(UUID ws, UUID actionId) {
		return this.jdbc.sql(LOCK_INVERSE)
			.param("ws", ws)
			.param("id", actionId)
			.query((rs, n) -> new String[] { rs.getString("action_type"), rs.getString("status"),
					rs.getString("inverse") })
			.optional();
	}

	void markInProgress(UUID ws, UUID actionId) {
		expectOne(this.jdbc.sql(MARK_IN_PROGRESS).param("ws", ws).param("id", actionId).update(), actionId);
	}

	void complete(UUID ws, UUID actionId, Object result, Object inverse) {
		expectOne(this.jdbc.sql(COMPLETE)
			.param("ws", ws)
			.param("id", actionId)
			.param("result", json(result))
			.param("inverse", (inverse != null) ? json(inverse) : null)
			.update(), actionId);
	}

	/** Rows changed: 0 when the action is no longer pending or in progress (e.g. the sweeper failed it). */
	int fail(UUID ws, UUID actionId, Object result) {
		return this.jdbc.sql(FAIL).param("ws", ws).param("id", actionId).param("result", json(result)).update();
	}

	/** Fails the action only if it is still unfinished and untouched for {@code timeout}; rows changed. */
	int failIfStuck(UUID ws, UUID actionId, java.time.Duration timeout, Object result) {
		return this.jdbc.sql(FAIL_IF_STUCK)
			.param("ws", ws)
			.param("id", actionId)
			.param("timeout", timeout.toMillis() / 1000.0)
			.param("result", json(result))
			.update();
	}

	/** Unfinished actions of every workspace untouched for {@code timeout} (a SECURITY DEFINER lookup). */
	List<Stuck> findStuck(java.time.Duration timeout, int limit) {
		return this.jdbc.sql(FIND_STUCK)
			.param("timeout", timeout.toMillis() / 1000.0)
			.param("limit", limit)
			.query((rs, n) -> new Stuck(rs.getObject("workspace_id", UUID.class), rs.getObject("action_id", UUID.class)))
			.list();
	}

	record Stuck(UUID workspaceId, UUID actionId) {
	}

	void markRolledBack(UUID ws, UUID actionId, UUID rollbackActionId) {
		expectOne(this.jdbc.sql(MARK_ROLLED_BACK)
			.param("ws", ws)
			.param("id", actionId)
			.param("rollback_id", rollbackActionId)
			.update(), actionId);
	}

	ActionPage list(UUID ws, ActionQuery query) {
		Instant cursorAt = null;
		UUID cursorId = null;
		if (query.cursor() != null) {
			String[] parts = decodeCursor(query.cursor());
			cursorAt = Instant.parse(parts[0]);
			cursorId = UUID.fromString(parts[1]);
		}
		List<ActionRecord> rows = filters(this.jdbc.sql(LIST), ws, query)
			.param("cursor_at", (cursorAt != null) ? OffsetDateTime.ofInstant(cursorAt, ZoneOffset.UTC) : null)
			.param("cursor_id", (cursorId != null) ? cursorId.toString() : null)
			.param("limit", query.limit() + 1)
			.query(this::map)
			.list();
		long total = filters(this.jdbc.sql(COUNT), ws, query).query(Long.class).single();
		String next = null;
		if (rows.size() > query.limit()) {
			rows = rows.subList(0, query.limit());
			ActionRecord last = rows.get(rows.size() - 1);
			next = encodeCursor(last.createdAt(), last.actionId());
		}
		return new ActionPage(rows, total, next);
	}

	private JdbcClient.StatementSpec filters(JdbcClient.StatementSpec spec, UUID ws, ActionQuery query) {
		return spec.param("ws", ws)
			.param("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC))
			.param("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC))
			.param("agent", query.agentId())
			.param("type", query.actionType())
			.param("status", query.status())
			.param("actor", query.actor());
	}

	static String encodeCursor(Instant createdAt, UUID actionId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((createdAt + "|" + actionId).getBytes(StandardCharsets.UTF_8));
	}

	static String[] decodeCursor(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			Instant.parse(parts[0]);
			UUID.fromString(parts[1]);
			return parts;
		}
		catch (RuntimeException ex) {
			throw ApiException.validation("cursor", "is not a cursor this endpoint issued");
		}
	}

	/** The JSON object a value is stored as (to compare a retry's parameters with the first call's). */
	Map<String, Object> toMap(Object value) {
		return readMap(json(value));
	}

	String json(Object value) {
		return this.mapper.writeValueAsString(value);
	}

	private ActionRecord map(ResultSet rs, int rowNum) throws SQLException {
		String status = rs.getString("status");
		return new ActionRecord(rs.getObject("action_id", UUID.class), rs.getString("action_type"),
				rs.getString("action_scope"), status, rs.getString("actor_type"),
				rs.getObject("actor_user_id", UUID.class), rs.getString("actor_subject"), rs.getString("target_type"),
				rs.getString("target_id"), readMap(rs.getString("action_params")), read(rs.getString("result")),
				rs.getObject("rollback_action_id", UUID.class),
				ActionStatus.COMPLETED.code().equals(status) && rs.getBoolean("has_inverse"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "completed_at"));
	}

	private Map<String, Object> readMap(String json) {
		return (json != null) ? this.mapper.readValue(json, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

	private Object read(String json) {
		return (json != null) ? this.mapper.readValue(json, Object.class) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static void expectOne(int updated, UUID actionId) {
		if (updated != 1) {
			throw new IllegalStateException("Action " + actionId + " is not in the expected state");
		}
	}

}
