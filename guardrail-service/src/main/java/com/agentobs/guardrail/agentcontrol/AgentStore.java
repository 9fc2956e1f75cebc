package com.agentobs.guardrail.agentcontrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The control-plane columns of {@code agents}. Callers run inside a workspace transaction. */
@Repository
class AgentStore {

	private static final String SELECT_AGENT = """
			SELECT a.id, a.agent_id, a.environment, a.is_paused, a.is_quarantined, a.agent_status, a.version, a.model, a.model_provider,
			       a.rate_limit_rpm, a.metadata ->> 'guardrail_policy_id' AS guardrail_policy_id,
       (a.metadata -> 'config_settings')::text AS config_settings, a.deprecation_date,
			       r.agent_id AS replacement_agent_key, a.current_config_version_id, cv.version_number
			FROM agents a
			         LEFT JOIN agents r ON r.id = a.replacement_agent_id AND r.workspace_id = a.workspace_id
			         LEFT JOIN config_versions cv ON cv.id = a.current_config_version_id AND cv.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws AND a.agent_id = :agent_id""";

	private static final String LOCK_AGENT = SELECT_AGENT + " FOR UPDATE OF a";

	private static final String SELECT_ALL = SELECT_AGENT.replace(" AND a.agent_id = :agent_id", "")
			+ " ORDER BY a.agent_id";

	private static final String SET_PAUSED = """
			UPDATE agents SET is_paused = :paused, updated_at = NOW() WHERE workspace_id = :ws AND id = :id""";

	private static final String APPLY_CONFIG = """
			UPDATE agents
			SET version = :version, model = :model, model_provider = :provider, rate_limit_rpm = CAST(:rpm AS integer),
			    agent_status = :lifecycle, deprecation_date = CAST(:deprecation_date AS timestamptz),
			    replacement_agent_id = (SELECT r.id FROM agents r
			                            WHERE r.workspace_id = :ws AND r.agent_id = CAST(:replacement AS text)),
			    metadata = jsonb_set(CASE WHEN CAST(:policy AS text) IS NULL THEN metadata - 'guardrail_policy_id'
			                    ELSE jsonb_set(metadata, '{guardrail_policy_id}', to_jsonb(CAST(:policy AS text))) END,
			                         '{config_settings}', CAST(:settings AS jsonb)),
			    current_config_version_id = :version_id, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_QUARANTINED = """
			UPDATE agents SET is_quarantined = :quarantined, updated_at = NOW() WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_CURRENT_VERSION = """
			UPDATE agents SET current_config_version_id = :version_id WHERE workspace_id = :ws AND id = :id""";

	private static final JsonMapper SETTINGS_JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> SETTINGS_TYPE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final AgentConfigCache cache;

	AgentStore(JdbcClient jdbc, AgentConfigCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	Optional<AgentState> find(UUID ws, String agentId) {
		return this.jdbc.sql(SELECT_AGENT).param("ws", ws).param("agent_id", agentId).query(AgentStore::map).optional();
	}

	java.util.List<AgentState> all(UUID ws) {
		return this.jdbc.sql(SELECT_ALL).param("ws", ws).query(AgentStore::map).list();
	}

	AgentState require(UUID ws, String agentId) {
		return find(ws, agentId).orElseThrow(() -> ApiException.notFound("agent", agentId));
	}

	/**
	 * Locks the agent's row for the rest of the transaction: actions on one agent serialise here.
	 * Every change goes through this lock, so the agent's cached configuration is evicted when
	 * the transaction ends (before the action answers; other instances evict on the V051 NOTIFY).
	 */
	AgentState lock(UUID ws, String agentId) {
		this.cache.evictAfterCommit(ws, agentId);
		return this.jdbc.sql(LOCK_AGENT)
			.param("ws", ws)
			.param("agent_id", agentId)
			.query(AgentStore::map)
			.optional()
			.orElseThrow(() -> ApiException.notFound("agent", agentId));
	}

	void setPaused(UUID ws, UUID id, boolean paused) {
		this.jdbc.sql(SET_PAUSED).param("ws", ws).param("id", id).param("paused", paused).update();
	}

	void setQuarantined(UUID ws, UUID id, boolean quarantined) {
		this.jdbc.sql(SET_QUARANTINED).param("ws", ws).param("id", id).param("quarantined", quarantined).update();
	}

	void setCurrentVersion(UUID ws, UUID id, UUID versionId) {
		this.jdbc.sql(SET_CURRENT_VERSION).param("ws", ws).param("id", id).param("version_id", versionId).update();
	}

	void applyConfig(UUID ws, UUID id, AgentConfig config, UUID versionId) {
		this.jdbc.sql(APPLY_CONFIG)
			.param("ws", ws)
			.param("id", id)
			.param("version", config.version())
			.param("model", config.model())
			.param("provider", config.modelProvider())
			.param("rpm", config.rateLimitRpm())
			.param("lifecycle", config.lifecycle())
			.param("deprecation_date",
					(config.deprecationDate() != null) ? OffsetDateTime.ofInstant(config.deprecationDate(), ZoneOffset.UTC)
							: null)
			.param("replacement", config.replacementAgentId())
			.param("policy", config.guardrailPolicyId())
			.param("settings", SETTINGS_JSON.writeValueAsString(config.settings()))
			.param("version_id", versionId)
			.update();
	}

	private static Map<String, Object> settings(String json) {
		return (json != null) ? SETTINGS_JSON.readValue(json, SETTINGS_TYPE) : Map.of();
	}

	private static AgentState map(ResultSet rs, int rowNum) throws SQLException {
		OffsetDateTime deprecation = rs.getObject("deprecation_date", OffsetDateTime.class);
		AgentConfig config = new AgentConfig(rs.getString("version"), rs.getString("model"),
				rs.getString("model_provider"), (Integer) rs.getObject("rate_limit_rpm"),
				rs.getString("guardrail_policy_id"), rs.getString("agent_status"),
				(deprecation != null) ? deprecation.toInstant() : null, rs.getString("replacement_agent_key"),
				settings(rs.getString("config_settings")));
		return new AgentState(rs.getObject("id", UUID.class), rs.getString("agent_id"), rs.getString("environment"),
				rs.getBoolean("is_paused"), rs.getBoolean("is_quarantined"), config, rs.getObject("current_config_version_id", UUID.class),
				(Integer) rs.getObject("version_number"));
	}

}
