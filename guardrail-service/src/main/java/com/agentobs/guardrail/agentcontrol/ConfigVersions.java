package com.agentobs.guardrail.agentcontrol;

import com.agentobs.contracts.hash.ConfigHash;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code config_versions}: append-only history of each agent's configuration. */
@Repository
class ConfigVersions {

	/** A stored version, reduced to what the control plane needs. */
	record Version(UUID id, int versionNumber, AgentConfig config, String configHash) {
	}

	private static final String INSERT = """
			INSERT INTO config_versions (workspace_id, agent_id, environment, version_number, config, config_hash, diff,
			                             change_summary, status, created_by, created_by_subject, action_id, deployed_at)
			VALUES (:ws, :agent, :env,
			        (SELECT COALESCE(MAX(v.version_number), 0) + 1 FROM config_versions v
			         WHERE v.workspace_id = :ws AND v.agent_id = :agent AND v.environment = :env),
			        CAST(:config AS jsonb), :hash, CAST(:diff AS jsonb), :summary, 'deployed',
			        (SELECT u.id FROM users u WHERE u.id = CAST(:user_id AS uuid)), :subject, :action_id, NOW())
			RETURNING id, version_number""";

	private static final String SET_STATUS = """
			UPDATE config_versions SET status = :status, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id AND status <> 'rolled_back'""";

	private static final String VERSION_COLUMNS = "id, version_number, config::text AS config, config_hash";

	private static final String PREVIOUS_DISTINCT = "SELECT " + VERSION_COLUMNS + """

			FROM config_versions
			WHERE workspace_id = :ws AND agent_id = :agent AND version_number < :current
			  AND status <> 'rolled_back' AND config_hash <> :hash
			ORDER BY version_number DESC
			LIMIT 1""";

	private static final String BY_NUMBER = "SELECT " + VERSION_COLUMNS + """

			FROM config_versions WHERE workspace_id = :ws AND agent_id = :agent AND version_number = :number""";

	private static final String BY_ID = "SELECT " + VERSION_COLUMNS + """

			FROM config_versions WHERE workspace_id = :ws AND id = :id""";

	private static final String CURRENT_OF_WORKSPACE = """
			SELECT cv.id, cv.config::text AS config
			FROM agents a JOIN config_versions cv ON cv.id = a.current_config_version_id AND cv.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws""";

	private static final String LIST = """
			SELECT id, version_number, status, environment, config::text AS config, config_hash, diff::text AS diff,
			       change_summary, created_by, created_by_subject, action_id, created_at, deployed_at
			FROM config_versions
			WHERE workspace_id = :ws AND agent_id = :agent
			ORDER BY version_number DESC
			LIMIT :limit OFFSET :offset""";

	private static final String COUNT = """
			SELECT COUNT(*) FROM config_versions WHERE workspace_id = :ws AND agent_id = :agent""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ConfigVersions(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Appends a {@code deployed} version numbered after the agent's last one. */
	Version append(UUID ws, AgentState agent, AgentConfig config, Map<String, Object> diff, String summary,
			UUID userId, String subject, UUID actionId) {
		String hash = hash(config);
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("agent", agent.id())
			.param("env", agent.environment())
			.param("config", this.mapper.writeValueAsString(config))
			.param("hash", hash)
			.param("diff", this.mapper.writeValueAsString(diff))
			.param("summary", summary)
			.param("user_id", (userId != null) ? userId.toString() : null)
			.param("subject", subject)
			.param("action_id", actionId)
			.query((rs, n) -> new Version(rs.getObject("id", UUID.class), rs.getInt("version_number"), config, hash))
			.single();
	}

	void setStatus(UUID ws, UUID versionId, String status) {
		this.jdbc.sql(SET_STATUS).param("ws", ws).param("id", versionId).param("status", status).update();
	}

	/** The latest earlier version, not rolled back, whose configuration differs from the current one. */
	Optional<Version> previousDistinct(UUID ws, UUID agentId, int currentNumber, String currentHash) {
		return this.jdbc.sql(PREVIOUS_DISTINCT)
			.param("ws", ws)
			.param("agent", agentId)
			.param("current", currentNumber)
			.param("hash", currentHash)
			.query(this::mapVersion)
			.optional();
	}

	Optional<Version> byNumber(UUID ws, UUID agentId, int number) {
		return this.jdbc.sql(BY_NUMBER)
			.param("ws", ws)
			.param("agent", agentId)
			.param("number", number)
			.query(this::mapVersion)
			.optional();
	}

	Optional<Version> byId(UUID ws, UUID id) {
		return this.jdbc.sql(BY_ID).param("ws", ws).param("id", id).query(this::mapVersion).optional();
	}

	/** Every agent's current version configuration, by version id (one query for the fleet). */
	Map<UUID, AgentConfig> currentOfWorkspace(UUID ws) {
		Map<UUID, AgentConfig> out = new java.util.HashMap<>();
		this.jdbc.sql(CURRENT_OF_WORKSPACE).param("ws", ws).query((rs) -> {
			out.put(rs.getObject("id", UUID.class), this.mapper.readValue(rs.getString("config"), AgentConfig.class));
		});
		return out;
	}

	List<ConfigVersionResponse> list(UUID ws, UUID agentId, int limit, int offset) {
		return this.jdbc.sql(LIST)
			.param("ws", ws)
			.param("agent", agentId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::mapResponse)
			.list();
	}

	long count(UUID ws, UUID agentId) {
		return this.jdbc.sql(COUNT).param("ws", ws).param("agent", agentId).query(Long.class).single();
	}

	String hash(AgentConfig config) {
		return ConfigHash.of(this.mapper.writeValueAsString(config));
	}

	Map<String, Object> toMap(AgentConfig config) {
		return this.mapper.convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	AgentConfig fromMap(Map<String, Object> map) {
		return this.mapper.convertValue(map, AgentConfig.class);
	}

	/** {@code {key: {from, to}}} for every key whose value differs. */
	Map<String, Object> diff(AgentConfig before, AgentConfig after) {
		Map<String, Object> from = toMap(before);
		Map<String, Object> to = toMap(after);
		Map<String, Object> diff = new LinkedHashMap<>();
		for (String key : new TreeSet<>(union(from, to))) {
			if (!Objects.equals(from.get(key), to.get(key))) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("from", from.get(key));
				change.put("to", to.get(key));
				diff.put(key, change);
			}
		}
		return diff;
	}

	private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
		java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
		keys.addAll(b.keySet());
		return keys;
	}

	private Version mapVersion(ResultSet rs, int rowNum) throws SQLException {
		return new Version(rs.getObject("id", UUID.class), rs.getInt("version_number"),
				this.mapper.readValue(rs.getString("config"), AgentConfig.class), rs.getString("config_hash"));
	}

	private ConfigVersionResponse mapResponse(ResultSet rs, int rowNum) throws SQLException {
		TypeReference<Map<String, Object>> type = new TypeReference<>() {
		};
		return new ConfigVersionResponse(rs.getObject("id", UUID.class), rs.getInt("version_number"),
				rs.getString("status"), rs.getString("environment"), this.mapper.readValue(rs.getString("config"), type),
				rs.getString("config_hash"), this.mapper.readValue(rs.getString("diff"), type),
				rs.getString("change_summary"), rs.getObject("created_by", UUID.class),
				rs.getString("created_by_subject"), rs.getObject("action_id", UUID.class), instant(rs, "created_at"),
				instant(rs, "deployed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
