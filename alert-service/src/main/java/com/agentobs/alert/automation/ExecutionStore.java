package com.agentobs.alert.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import static com.agentobs.alert.automation.PlaybookStore.instant;
import static com.agentobs.alert.automation.PlaybookStore.ts;

/** {@code playbook_executions} and {@code playbook_execution_steps}; every call runs inside a workspace transaction. */
@Repository
class ExecutionStore {

	private static final String COLUMNS = """
			e.id, e.playbook_id, p.name AS playbook_name, e.playbook_version, e.mode, e.status, e.reason, e.error,
			e.trigger_source, e.trigger_key, e.trigger_payload::text AS trigger_payload, e.triggered_by, e.incident_id,
			e.approved_through, e.approved_by, e.approval_deadline, e.claimed_by, e.scheduled_for, e.queued_at,
			e.started_at, e.first_step_started_at, e.finished_at""";

	private static final String FROM = " FROM playbook_executions e JOIN playbooks p ON p.id = e.playbook_id ";

	/** What starts an execution. */
	record NewExecution(UUID playbookId, int version, String mode, String source, String triggerKey,
			Map<String, Object> payload, String triggeredBy, Instant scheduledFor, String status, String reason,
			UUID incidentId) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ExecutionStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/**
	 * Inserts the execution and one row per step ({@code idempotency_key = <execution_id>:<index>});
	 * empty when this trigger occurrence already has its execution.
	 */
	Optional<UUID> create(UUID ws, NewExecution n, List<PlaybookStep> steps, String stepStatus, Instant now,
			StepCatalog catalog) {
		boolean finished = List.of("succeeded", "failed", "cancelled", "skipped").contains(n.status());
		Optional<UUID> id = this.jdbc.sql("""
				INSERT INTO playbook_executions (workspace_id, playbook_id, playbook_version, mode, status, reason,
				    trigger_source, trigger_key, trigger_payload, triggered_by, scheduled_for, incident_id, queued_at,
				    started_at, finished_at)
				VALUES (:ws, :playbook, :version, :mode, :status, :reason, :source, :key, CAST(:payload AS jsonb), :by,
				    :scheduledFor, :incident, :now, :started, :finished)
				ON CONFLICT (playbook_id, trigger_key) WHERE trigger_key IS NOT NULL DO NOTHING
				RETURNING id
				""")
			.param("ws", ws)
			.param("playbook", n.playbookId())
			.param("version", n.version())
			.param("mode", n.mode())
			.param("status", n.status())
			.param("reason", n.reason())
			.param("source", n.source())
			.param("key", n.triggerKey())
			.param("payload", this.mapper.writeValueAsString(n.payload() != null ? n.payload() : Map.of()))
			.param("by", n.triggeredBy())
			.param("scheduledFor", ts(n.scheduledFor()))
			.param("incident", n.incidentId())
			.param("now", ts(now))
			.param("started", finished ? ts(now) : null)
			.param("finished", finished ? ts(now) : null)
			.query(UUID.class)
			.optional();
		id.ifPresent((executionId) -> {
			for (int i = 0; i < steps.size(); i++) {
				PlaybookStep step = steps.get(i);
				String status = (!step.enabled() && "pending".equals(stepStatus)) ? "skipped" : stepStatus;
				List<Object> log = new ArrayList<>();
				if ("planned".equals(stepStatus)) {
					Map<String, Object> plan = new LinkedHashMap<>();
					plan.put("at", now.toString());
					plan.put("message", (step.enabled() ? "would run " : "disabled, would skip ") + step.actionType()
							+ (step.requiresApproval() ? " after an approval" : "") + " on "
							+ catalog.owner(step.actionType()) + "-service, on failure " + step.onFailure());
					log.add(plan);
				}
				this.jdbc.sql("""
						INSERT INTO playbook_execution_steps (workspace_id, execution_id, step_index, action_type, params,
						    status, idempotency_key, owner_service, log)
						VALUES (:ws, :id, :index, :type, CAST(:params AS jsonb), :status, :key, :owner, CAST(:log AS jsonb))
						""")
					.param("ws", ws)
					.param("id", executionId)
					.param("index", i)
					.param("type", step.actionType())
					.param("params", this.mapper.writeValueAsString(step.params()))
					.param("status", status)
					.param("key", idempotencyKey(executionId, i))
					.param("owner", catalog.owner(step.actionType()))
					.param("log", this.mapper.writeValueAsString(log))
					.update();
			}
		});
		return id;
	}

	/** The step's action key: the same for every attempt, so the action runner acts once. */
	static String idempotencyKey(UUID executionId, int stepIndex) {
		return "playbook:" + executionId + ":" + stepIndex;
	}

	/** Runnable executions of the workspace, locked (SKIP LOCKED: two engines never take the same one). */
	List<UUID[]> claimable(UUID ws, Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT e.id, e.playbook_id FROM playbook_executions e
				WHERE e.workspace_id = :ws AND e.mode = 'live'
				  AND ((e.status IN ('queued', 'running') AND (e.lease_expires_at IS NULL OR e.lease_expires_at <= :now))
				       OR (e.status = 'awaiting_approval' AND e.approval_deadline <= :now))
				ORDER BY e.queued_at LIMIT :limit
				FOR UPDATE OF e SKIP LOCKED
				""")
			.param("ws", ws)
			.param("now", ts(now))
			.param("limit", limit)
			.query((rs, row) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("playbook_id", UUID.class) })
			.list();
	}

	int running(UUID ws, UUID playbookId, UUID except) {
		return this.jdbc.sql("""
				SELECT count(*) FROM playbook_executions
				WHERE workspace_id = :ws AND playbook_id = :playbook AND id <> :id
				  AND status IN ('running', 'awaiting_approval')
				""").param("ws", ws).param("playbook", playbookId).param("id", except).query(Integer.class).single();
	}

	void claim(UUID ws, UUID id, String holder, Instant now, Duration lease) {
		this.jdbc.sql("""
				UPDATE playbook_executions SET status = 'running', claimed_by = :holder, lease_expires_at = :expires,
				    started_at = COALESCE(started_at, :now), updated_at = :now
				WHERE workspace_id = :ws AND id = :id
				""")
			.param("ws", ws)
			.param("id", id)
			.param("holder", holder)
			.param("now", ts(now))
			.param("expires", ts(now.plus(lease)))
			.update();
	}

	/** Renews this holder's lease; false when the execution is no longer its to run (taken over, cancelled). */
	boolean renew(UUID ws, UUID id, String holder, Instant now, Duration lease) {
		return this.jdbc.sql("""
				UPDATE playbook_executions SET lease_expires_at = :expires, updated_at = :now
				WHERE workspace_id = :ws AND id = :id AND claimed_by = :holder AND status = 'running'
				""")
			.param("ws", ws)
			.param("id", id)
			.param("holder", holder)
			.param("now", ts(now))
			.param("expires", ts(now.plus(lease)))
			.update() == 1;
	}

	/** Ends the execution if this holder still runs it (or any holder when {@code holder} is null). */
	boolean finish(UUID ws, UUID id, String holder, String status, String reason, String error, Instant now) {
		return this.jdbc.sql("""
				UPDATE playbook_executions SET status = :status, reason = :reason, error = :error, finished_at = :now,
				    lease_expires_at = NULL, updated_at = :now, started_at = COALESCE(started_at, :now)
				WHERE workspace_id = :ws AND id = :id AND status IN ('queued', 'running', 'awaiting_approval')
				  AND (CAST(:holder AS text) IS NULL OR claimed_by = :holder OR status = 'awaiting_approval')
				""")
			.param("ws", ws)
			.param("id", id)
			.param("holder", holder)
			.param("status", status)
			.param("reason", reason)
			.param("error", error)
			.param("now", ts(now))
			.update() == 1;
	}

	void awaitApproval(UUID ws, UUID id, int stepIndex, Instant deadline, Instant now) {
		this.jdbc.sql("""
				UPDATE playbook_executions SET status = 'awaiting_approval', approval_deadline = :deadline,
				    lease_expires_at = NULL, updated_at = :now
				WHERE workspace_id = :ws AND id = :id
				""").param("ws", ws).param("id", id).param("deadline", ts(deadline)).param("now", ts(now)).update();
		step(ws, id, stepIndex, "awaiting_approval", null, null, null, now, "waiting for an approver until " + deadline);
	}

	void approve(UUID ws, UUID id, int stepIndex, String by, Instant now) {
		this.jdbc.sql("""
				UPDATE playbook_executions SET status = 'queued', approved_through = :index, approved_by = :by,
				    approval_deadline = NULL, claimed_by = NULL, lease_expires_at = NULL, updated_at = :now
				WHERE workspace_id = :ws AND id = :id
				""").param("ws", ws).param("id", id).param("index", stepIndex).param("by", by).param("now", ts(now)).update();
		step(ws, id, stepIndex, "pending", null, null, null, now, "approved by " + by);
	}

	void firstStepStarted(UUID ws, UUID id, Instant now) {
		this.jdbc.sql("""
				UPDATE playbook_executions SET first_step_started_at = COALESCE(first_step_started_at, :now)
				WHERE workspace_id = :ws AND id = :id
				""").param("ws", ws).param("id", id).param("now", ts(now)).update();
	}

	/** Sets a step's status (and its action, error and timestamps) and appends one log line. */
	void step(UUID ws, UUID id, int index, String status, UUID actionId, UUID rollbackActionId, String error,
			Instant now, String message) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("at", now.toString());
		line.put("status", status);
		line.put("message", message);
		this.jdbc.sql("""
				UPDATE playbook_execution_steps
				SET status = :status, action_id = COALESCE(:action, action_id),
				    rollback_action_id = COALESCE(:rollback, rollback_action_id), error = COALESCE(:error, error),
				    attempts = attempts + CASE WHEN :status = 'running' THEN 1 ELSE 0 END,
				    started_at = CASE WHEN :status = 'running' THEN COALESCE(started_at, :now) ELSE started_at END,
				    finished_at = CASE WHEN :status IN ('succeeded', 'failed', 'skipped', 'rolled_back') THEN :now
				                       ELSE finished_at END,
				    log = log || jsonb_build_array(CAST(:line AS jsonb))
				WHERE workspace_id = :ws AND execution_id = :id AND step_index = :index
				""")
			.param("ws", ws)
			.param("id", id)
			.param("index", index)
			.param("status", status)
			.param("action", actionId)
			.param("rollback", rollbackActionId)
			.param("error", error)
			.param("now", ts(now))
			.param("line", this.mapper.writeValueAsString(line))
			.update();
	}

	Optional<Execution> find(UUID ws, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE e.workspace_id = :ws AND e.id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<Execution> lock(UUID ws, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE e.workspace_id = :ws AND e.id = :id FOR UPDATE OF e")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	List<Execution.Step> steps(UUID ws, UUID id) {
		return this.jdbc.sql("""
				SELECT step_index, action_type, params::text AS params, status, idempotency_key, action_id,
				    rollback_action_id, owner_service, attempts, log::text AS log, error, started_at, finished_at
				FROM playbook_execution_steps WHERE workspace_id = :ws AND execution_id = :id ORDER BY step_index
				""").param("ws", ws).param("id", id).query((rs, row) -> new Execution.Step(rs.getInt("step_index"),
						rs.getString("action_type"), readMap(rs.getString("params")), rs.getString("status"),
						rs.getString("idempotency_key"), rs.getObject("action_id", UUID.class),
						rs.getObject("rollback_action_id", UUID.class), rs.getString("owner_service"),
						rs.getInt("attempts"), this.mapper.readValue(rs.getString("log"), new TypeReference<List<Object>>() {
						}), rs.getString("error"), instant(rs, "started_at"), instant(rs, "finished_at")))
			.list();
	}

	/** The latest live execution of a playbook that was not skipped (for the cooldown). */
	Optional<Instant> lastStarted(UUID ws, UUID playbookId) {
		return this.jdbc.sql("""
				SELECT max(queued_at) FROM playbook_executions
				WHERE workspace_id = :ws AND playbook_id = :playbook AND mode = 'live' AND status <> 'skipped'
				""").param("ws", ws).param("playbook", playbookId).query((rs, row) -> instant(rs, "max")).optional()
			.filter(java.util.Objects::nonNull);
	}

	List<Execution> list(UUID ws, UUID playbookId, String status, String source, String mode, Instant from,
			Instant to, int limit, int offset) {
		return this.jdbc.sql("SELECT " + COLUMNS + FROM + WHERE + " ORDER BY e.queued_at DESC LIMIT :limit OFFSET :offset")
			.param("ws", ws)
			.param("playbook", playbookId)
			.param("status", status)
			.param("source", source)
			.param("mode", mode)
			.param("from", ts(from))
			.param("to", ts(to))
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	long count(UUID ws, UUID playbookId, String status, String source, String mode, Instant from, Instant to) {
		return this.jdbc.sql("SELECT count(*)" + FROM + WHERE)
			.param("ws", ws)
			.param("playbook", playbookId)
			.param("status", status)
			.param("source", source)
			.param("mode", mode)
			.param("from", ts(from))
			.param("to", ts(to))
			.query(Long.class)
			.single();
	}

	private static final String WHERE = """
			WHERE e.workspace_id = :ws
			  AND (CAST(:playbook AS uuid) IS NULL OR e.playbook_id = :playbook)
			  AND (CAST(:status AS text) IS NULL OR e.status = :status)
			  AND (CAST(:source AS text) IS NULL OR e.trigger_source = :source)
			  AND (CAST(:mode AS text) IS NULL OR e.mode = :mode)
			  AND e.queued_at >= :from AND e.queued_at < :to
			""";

	private Execution map(ResultSet rs, int row) throws SQLException {
		Instant started = instant(rs, "started_at");
		Instant finished = instant(rs, "finished_at");
		return new Execution(rs.getObject("id", UUID.class), rs.getObject("playbook_id", UUID.class),
				rs.getString("playbook_name"), rs.getInt("playbook_version"), rs.getString("mode"),
				rs.getString("status"), rs.getString("reason"), rs.getString("error"), rs.getString("trigger_source"),
				rs.getString("trigger_key"), readMap(rs.getString("trigger_payload")), rs.getString("triggered_by"),
				rs.getObject("incident_id", UUID.class), rs.getInt("approved_through"), rs.getString("approved_by"),
				instant(rs, "approval_deadline"), rs.getString("claimed_by"), instant(rs, "scheduled_for"),
				instant(rs, "queued_at"), started, instant(rs, "first_step_started_at"), finished,
				(started != null && finished != null) ? Duration.between(started, finished).toMillis() : null, null);
	}

	private Map<String, Object> readMap(String json) {
		return (json == null) ? Map.of() : this.mapper.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

}
