package com.agentobs.evaluation.experiments;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.hash.ConfigHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes an agent's versioned configuration the way the control plane does: lock the agent row,
 * capture a baseline version the first time, append a {@code deployed} version (config, RFC 8785
 * config hash, {@code {key:{from,to}}} diff, summary, action), point the agent at it and copy
 * the fields into the agent's columns (the column trigger notifies guardrail-service's cache).
 * Works on the stored JSON as a map so the hash matches the one guardrail-service computes.
 */
@Component
class AgentConfigWriter {

	/**
	 * The inverse of a configuration change, shaped like the control plane's own: the prior values of
	 * exactly the keys the change touched, and the version it created (marked {@code rolled_back}).
	 */
	record Restore(String agentId, Map<String, Object> fields, UUID configVersionId) {
	}

	/** What {@link #apply} wrote. */
	record Applied(int versionNumber, UUID versionId, String hash, Restore inverse) {
	}

	/** The agent's current configuration. */
	record Current(UUID agentUuid, String agentId, String environment, Integer versionNumber, UUID versionId,
			Map<String, Object> config, String hash) {
	}

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	AgentConfigWriter(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Locks the agent and returns its configuration, writing the baseline version when it has none. */
	Current lock(ActionContext context, String agentId) {
		UUID ws = context.workspaceId();
		Current current = read(ws, agentId, true);
		if (current.versionId() == null) {
			Map<String, Object> baseline = current.config();
			UUID id = append(context, current, baseline, Map.of(),
					"Baseline captured before the first configuration change", true);
			this.jdbc.sql("UPDATE agents SET current_config_version_id = :v WHERE workspace_id = :ws AND id = :id")
				.param("v", id)
				.param("ws", ws)
				.param("id", current.agentUuid())
				.update();
			current = read(ws, agentId, false);
		}
		return current;
	}

	Current read(UUID ws, String agentId, boolean forUpdate) {
		String sql = """
				SELECT a.id, a.agent_id, a.environment, a.version, a.model, a.model_provider, a.rate_limit_rpm,
				       a.metadata ->> 'guardrail_policy_id' AS policy, a.agent_status, a.deprecation_date,
				       (a.metadata -> 'config_settings')::text AS settings, r.agent_id AS replacement,
				       cv.id AS version_id, cv.version_number, cv.config::text AS config, cv.config_hash
				FROM agents a
				         LEFT JOIN agents r ON r.id = a.replacement_agent_id AND r.workspace_id = a.workspace_id
				         LEFT JOIN config_versions cv ON cv.id = a.current_config_version_id AND cv.workspace_id = a.workspace_id
				WHERE a.workspace_id = :ws AND a.agent_id = :agent""" + (forUpdate ? " FOR UPDATE OF a" : "");
		return this.jdbc.sql(sql).param("ws", ws).param("agent", agentId).query((rs, i) -> {
			UUID versionId = rs.getObject("version_id", UUID.class);
			Map<String, Object> config;
			if (versionId != null) {
				config = this.mapper.readValue(rs.getString("config"), MAP);
			}
			else {
				config = new LinkedHashMap<>();
				config.put("version", rs.getString("version"));
				config.put("model", rs.getString("model"));
				config.put("model_provider", rs.getString("model_provider"));
				int rpm = rs.getInt("rate_limit_rpm");
				config.put("rate_limit_rpm", rs.wasNull() ? null : rpm);
				config.put("guardrail_policy_id", rs.getString("policy"));
				config.put("lifecycle", rs.getString("agent_status"));
				java.time.OffsetDateTime dep = rs.getObject("deprecation_date", java.time.OffsetDateTime.class);
				config.put("deprecation_date", (dep != null) ? dep.toInstant().toString() : null);
				config.put("replacement_agent_id", rs.getString("replacement"));
				String settings = rs.getString("settings");
				config.put("settings", (settings != null) ? this.mapper.readValue(settings, MAP) : Map.of());
			}
			Integer number = (versionId != null) ? rs.getInt("version_number") : null;
			return new Current(rs.getObject("id", UUID.class), rs.getString("agent_id"), rs.getString("environment"),
					number, versionId, config, hash(config));
		}).optional().orElseThrow(() -> ApiException.notFound("agent", agentId));
	}

	/** Applies {@code next} as a new deployed version; the replaced one becomes {@code previousStatus}. */
	Applied apply(ActionContext context, Current current, Map<String, Object> next, String summary,
			String previousStatus) {
		UUID ws = context.workspaceId();
		Map<String, Object> diff = diff(current.config(), next);
		UUID id = append(context, current, next, diff, summary, false);
		this.jdbc.sql("""
				UPDATE config_versions SET status = :status, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id AND status <> 'rolled_back'""")
			.param("ws", ws)
			.param("id", current.versionId())
			.param("status", previousStatus)
			.update();
		Object rpm = next.get("rate_limit_rpm");
		Object settings = next.get("settings");
		Object dep = next.get("deprecation_date");
		this.jdbc.sql("""
				UPDATE agents
				SET version = :version, model = :model, model_provider = :provider, rate_limit_rpm = CAST(:rpm AS integer),
				    agent_status = COALESCE(:lifecycle, agent_status), deprecation_date = CAST(:dep AS timestamptz),
				    metadata = jsonb_set(metadata, '{config_settings}', CAST(:settings AS jsonb)),
				    current_config_version_id = :version_id, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", current.agentUuid())
			.param("version", next.get("version"))
			.param("model", next.get("model"))
			.param("provider", next.get("model_provider"))
			.param("rpm", (rpm != null) ? ((Number) rpm).intValue() : null)
			.param("lifecycle", next.get("lifecycle"))
			.param("dep", (dep != null) ? dep.toString() : null)
			.param("settings", this.mapper.writeValueAsString((settings != null) ? settings : Map.of()))
			.param("version_id", id)
			.update();
		int number = this.jdbc.sql("SELECT version_number FROM config_versions WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(Integer.class)
			.single();
		Map<String, Object> prior = new LinkedHashMap<>();
		diff.keySet().forEach((key) -> prior.put(key, current.config().get(key)));
		return new Applied(number, id, hash(next), new Restore(current.agentId(), prior, id));
	}

	/** Applies an inverse: the recorded keys back as a new version; the change's version becomes rolled_back. */
	Applied revert(ActionContext context, Restore inverse, String summary) {
		Current current = lock(context, inverse.agentId());
		Map<String, Object> merged = new LinkedHashMap<>(current.config());
		merged.putAll(inverse.fields());
		Applied applied = apply(context, current, merged, summary, "superseded");
		if (inverse.configVersionId() != null) {
			this.jdbc.sql("UPDATE config_versions SET status = 'rolled_back', updated_at = NOW() "
					+ "WHERE workspace_id = :ws AND id = :id")
				.param("ws", context.workspaceId())
				.param("id", inverse.configVersionId())
				.update();
		}
		return applied;
	}

	/** The configuration of one stored version. */
	Map<String, Object> version(UUID ws, UUID agentUuid, int number) {
		return this.jdbc.sql("""
				SELECT config::text FROM config_versions WHERE workspace_id = :ws AND agent_id = :agent
				  AND version_number = :n""")
			.param("ws", ws)
			.param("agent", agentUuid)
			.param("n", number)
			.query(String.class)
			.optional()
			.map((json) -> (Map<String, Object>) this.mapper.readValue(json, MAP))
			.orElseThrow(() -> ApiException.validation("config_version_number",
					"this agent has no configuration version " + number));
	}

	/** Redeploys version {@code number} as a new version; the replaced one becomes {@code rolled_back}. */
	Applied redeploy(ActionContext context, String agentId, int number, String summary) {
		Current current = lock(context, agentId);
		Map<String, Object> target = version(context.workspaceId(), current.agentUuid(), number);
		return apply(context, current, target, summary, "rolled_back");
	}

	String hash(Map<String, Object> config) {
		return ConfigHash.of(this.mapper.writeValueAsString(config));
	}

	private UUID append(ActionContext context, Current current, Map<String, Object> config, Map<String, Object> diff,
			String summary, boolean baseline) {
		UUID ws = context.workspaceId();
		return this.jdbc.sql("""
				INSERT INTO config_versions (workspace_id, agent_id, environment, version_number, config, config_hash, diff,
				                             change_summary, status, created_by, created_by_subject, action_id, deployed_at)
				VALUES (:ws, :agent, :env,
				        (SELECT COALESCE(MAX(v.version_number), 0) + 1 FROM config_versions v
				         WHERE v.workspace_id = :ws AND v.agent_id = :agent AND v.environment = :env),
				        CAST(:config AS jsonb), :hash, CAST(:diff AS jsonb), :summary, 'deployed',
				        (SELECT u.id FROM users u WHERE u.id = CAST(:user_id AS uuid)), :subject, :action_id, :at)
				RETURNING id""")
			.param("ws", ws)
			.param("agent", current.agentUuid())
			.param("env", (current.environment() != null) ? current.environment() : "production")
			.param("config", this.mapper.writeValueAsString(config))
			.param("hash", hash(config))
			.param("diff", this.mapper.writeValueAsString(diff))
			.param("summary", summary)
			.param("user_id", (context.actorUserId() != null) ? context.actorUserId().toString() : null)
			.param("subject", baseline ? "system" : context.actorSubject())
			.param("action_id", baseline ? null : context.actionId())
			.param("at", Timestamp.from(java.time.Instant.now()))
			.query(UUID.class)
			.single();
	}

	private static Map<String, Object> diff(Map<String, Object> from, Map<String, Object> to) {
		Map<String, Object> diff = new LinkedHashMap<>();
		TreeSet<String> keys = new TreeSet<>(from.keySet());
		keys.addAll(to.keySet());
		for (String key : keys) {
			if (!Objects.equals(from.get(key), to.get(key))) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("from", from.get(key));
				change.put("to", to.get(key));
				diff.put(key, change);
			}
		}
		return diff;
	}

}
