package com.agentobs.alert.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/** {@code playbooks} and {@code playbook_versions}; every call runs inside a workspace transaction. */
@Repository
class PlaybookStore {

	private static final String COLUMNS = """
			id, name, description, trigger_type, trigger_config::text AS trigger_config, condition, steps::text AS steps,
			cooldown_seconds, max_concurrent, approval_timeout_seconds, is_enabled, version, next_run_at,
			last_triggered_at, created_by, created_at, updated_at""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	PlaybookStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	UUID insert(UUID ws, PlaybookDefinition d, String createdBy, Instant nextRunAt) {
		UUID id = this.jdbc.sql("""
				INSERT INTO playbooks (workspace_id, name, description, trigger_type, trigger_config, condition, steps,
				    cooldown_seconds, max_concurrent, approval_timeout_seconds, next_run_at, created_by)
				VALUES (:ws, :name, :description, :trigger, CAST(:config AS jsonb), :condition, CAST(:steps AS jsonb),
				    :cooldown, :maxConcurrent, :approvalTimeout, :nextRun, :createdBy)
				RETURNING id
				""")
			.param("ws", ws)
			.param("name", d.name())
			.param("description", d.description())
			.param("trigger", d.triggerType())
			.param("config", this.mapper.writeValueAsString(d.triggerConfig()))
			.param("condition", d.condition())
			.param("steps", this.mapper.writeValueAsString(d.steps()))
			.param("cooldown", d.cooldownSeconds())
			.param("maxConcurrent", d.maxConcurrent())
			.param("approvalTimeout", d.approvalTimeoutSeconds())
			.param("nextRun", ts(nextRunAt))
			.param("createdBy", createdBy)
			.query(UUID.class)
			.single();
		addVersion(ws, id, 1, d, createdBy);
		return id;
	}

	/** Replaces the definition as a new version (or, for an undo, the given earlier one). */
	int update(UUID ws, UUID id, PlaybookDefinition d, String by, Instant nextRunAt) {
		int version = this.jdbc.sql("""
				UPDATE playbooks SET name = :name, description = :description, trigger_type = :trigger,
				    trigger_config = CAST(:config AS jsonb), condition = :condition, steps = CAST(:steps AS jsonb),
				    cooldown_seconds = :cooldown, max_concurrent = :maxConcurrent,
				    approval_timeout_seconds = :approvalTimeout, next_run_at = :nextRun,
				    version = version + 1, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL
				RETURNING version
				""")
			.param("ws", ws)
			.param("id", id)
			.param("name", d.name())
			.param("description", d.description())
			.param("trigger", d.triggerType())
			.param("config", this.mapper.writeValueAsString(d.triggerConfig()))
			.param("condition", d.condition())
			.param("steps", this.mapper.writeValueAsString(d.steps()))
			.param("cooldown", d.cooldownSeconds())
			.param("maxConcurrent", d.maxConcurrent())
			.param("approvalTimeout", d.approvalTimeoutSeconds())
			.param("nextRun", ts(nextRunAt))
			.query(Integer.class)
			.single();
		addVersion(ws, id, version, d, by);
		return version;
	}

	void setEnabled(UUID ws, UUID id, boolean enabled, Instant nextRunAt) {
		this.jdbc.sql("""
				UPDATE playbooks SET is_enabled = :enabled, next_run_at = :nextRun, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id
				""").param("ws", ws).param("id", id).param("enabled", enabled).param("nextRun", ts(nextRunAt)).update();
	}

	void softDelete(UUID ws, UUID id) {
		this.jdbc.sql("""
				UPDATE playbooks SET deleted_at = NOW(), is_enabled = FALSE, next_run_at = NULL, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id
				""").param("ws", ws).param("id", id).update();
	}

	void setNextRun(UUID ws, UUID id, Instant nextRunAt) {
		this.jdbc.sql("UPDATE playbooks SET next_run_at = :nextRun WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.param("nextRun", ts(nextRunAt))
			.update();
	}

	void touchTriggered(UUID ws, UUID id, Instant at) {
		this.jdbc.sql("UPDATE playbooks SET last_triggered_at = :at WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.param("at", ts(at))
			.update();
	}

	private void addVersion(UUID ws, UUID id, int version, PlaybookDefinition d, String by) {
		this.jdbc.sql("""
				INSERT INTO playbook_versions (workspace_id, playbook_id, version, definition, created_by)
				VALUES (:ws, :id, :version, CAST(:definition AS jsonb), :by)
				""")
			.param("ws", ws)
			.param("id", id)
			.param("version", version)
			.param("definition", this.mapper.writeValueAsString(d))
			.param("by", by)
			.update();
	}

	Optional<Playbook> find(UUID ws, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM playbooks WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** Locks the playbook row: runs of one playbook are claimed one at a time (max_concurrent holds). */
	Optional<Playbook> lock(UUID ws, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM playbooks WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL FOR UPDATE")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<PlaybookDefinition> version(UUID ws, UUID id, int version) {
		return this.jdbc.sql("""
				SELECT definition::text FROM playbook_versions
				WHERE workspace_id = :ws AND playbook_id = :id AND version = :version
				""")
			.param("ws", ws)
			.param("id", id)
			.param("version", version)
			.query(String.class)
			.optional()
			.map((json) -> this.mapper.readValue(json, PlaybookDefinition.class));
	}

	List<Playbook> enabledWithTrigger(UUID ws, List<String> triggers) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM playbooks WHERE workspace_id = :ws AND is_enabled AND deleted_at IS NULL
				 AND trigger_type IN (:triggers) ORDER BY created_at
				""").param("ws", ws).param("triggers", triggers).query(this::map).list();
	}

	/** Due schedules, locked (SKIP LOCKED: another engine claiming the same slot moves on). */
	List<Playbook> dueSchedules(UUID ws, Instant now) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM playbooks WHERE workspace_id = :ws AND is_enabled AND deleted_at IS NULL
				 AND trigger_type = 'schedule' AND next_run_at <= :now
				 ORDER BY next_run_at LIMIT 50 FOR UPDATE SKIP LOCKED
				""").param("ws", ws).param("now", ts(now)).query(this::map).list();
	}

	List<Playbook> list(UUID ws, String trigger, Boolean enabled, String search, int limit, int offset) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM playbooks WHERE workspace_id = :ws AND deleted_at IS NULL
				 AND (CAST(:trigger AS text) IS NULL OR trigger_type = :trigger)
				 AND (CAST(:enabled AS boolean) IS NULL OR is_enabled = :enabled)
				 AND (CAST(:search AS text) IS NULL OR name ILIKE '%' || :search || '%')
				 ORDER BY lower(name) LIMIT :limit OFFSET :offset
				""")
			.param("ws", ws)
			.param("trigger", trigger)
			.param("enabled", enabled)
			.param("search", search)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	long count(UUID ws, String trigger, Boolean enabled, String search) {
		return this.jdbc.sql("""
				SELECT count(*) FROM playbooks WHERE workspace_id = :ws AND deleted_at IS NULL
				 AND (CAST(:trigger AS text) IS NULL OR trigger_type = :trigger)
				 AND (CAST(:enabled AS boolean) IS NULL OR is_enabled = :enabled)
				 AND (CAST(:search AS text) IS NULL OR name ILIKE '%' || :search || '%')
				""")
			.param("ws", ws)
			.param("trigger", trigger)
			.param("enabled", enabled)
			.param("search", search)
			.query(Long.class)
			.single();
	}

	private Playbook map(ResultSet rs, int row) throws SQLException {
		PlaybookDefinition d = new PlaybookDefinition(rs.getString("name"), rs.getString("description"),
				rs.getString("trigger_type"),
				this.mapper.readValue(rs.getString("trigger_config"),
						new tools.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {
						}),
				rs.getString("condition"), this.mapper.readValue(rs.getString("steps"),
						new tools.jackson.core.type.TypeReference<List<PlaybookStep>>() {
						}),
				rs.getInt("cooldown_seconds"), rs.getInt("max_concurrent"), rs.getInt("approval_timeout_seconds"));
		return new Playbook(rs.getObject("id", UUID.class), d, rs.getBoolean("is_enabled"), rs.getInt("version"),
				instant(rs, "next_run_at"), instant(rs, "last_triggered_at"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	static Timestamp ts(Instant at) {
		return (at != null) ? Timestamp.from(at) : null;
	}

}
