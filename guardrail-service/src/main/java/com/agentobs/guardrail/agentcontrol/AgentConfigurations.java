package com.agentobs.guardrail.agentcontrol;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agent control plane's API for the Configuration &amp; Policy feature: agents' configuration
 * documents (what the row serves and what the current version says), their hashes, and the one
 * way to change them ({@link ConfigChanges#apply}: a new version, audited by the calling action).
 * Every method runs inside the caller's workspace transaction.
 */
@Component
public class AgentConfigurations {

	/** Keys a proposed change may set; lifecycle and deprecation have their own action. */
	public static final Set<String> CHANGEABLE_KEYS = Set.of("version", "model", "model_provider", "rate_limit_rpm",
			"guardrail_policy_id", "settings");

	/**
	 * One agent: {@code actual} is the configuration its row serves, {@code desired} the one its
	 * current version recorded ({@code null} before the first version: nothing to drift from).
	 */
	public record Snapshot(UUID id, String agentKey, String logicalKey, String environment, String departmentCode,
			boolean critical, JsonNode actual, String actualHash, UUID currentVersionId, Integer currentVersionNumber,
			JsonNode desired, String desiredHash) {
	}

	/** What a change did: the action's result and its inverse. */
	public record Applied(Map<String, Object> result, ConfigRestore inverse) {
	}

	private static final String EXTRA = """
			SELECT a.id, COALESCE(a.logical_agent_key, a.agent_id) AS logical_key, d.department_code,
			       COALESCE((a.metadata ->> 'critical')::boolean, FALSE) AS critical
			FROM agents a LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws""";

	private record Extra(String logicalKey, String departmentCode, boolean critical) {
	}

	private final JdbcClient jdbc;

	private final AgentStore agents;

	private final ConfigVersions versions;

	private final ConfigChanges changes;

	private final ObjectMapper mapper;

	AgentConfigurations(JdbcClient jdbc, AgentStore agents, ConfigVersions versions, ConfigChanges changes,
			ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.versions = versions;
		this.changes = changes;
		this.mapper = mapper;
	}

	public List<Snapshot> all(UUID ws) {
		Map<UUID, Extra> extras = new HashMap<>();
		this.jdbc.sql(EXTRA).param("ws", ws).query((rs) -> {
			extras.put(rs.getObject("id", UUID.class), new Extra(rs.getString("logical_key"),
					rs.getString("department_code"), rs.getBoolean("critical")));
		});
		Map<UUID, AgentConfig> current = this.versions.currentOfWorkspace(ws);
		return this.agents.all(ws)
			.stream()
			.map((agent) -> snapshot(agent, extras.get(agent.id()),
					(agent.currentConfigVersionId() != null) ? current.get(agent.currentConfigVersionId()) : null))
			.toList();
	}

	public Snapshot require(UUID ws, String agentKey) {
		AgentState agent = this.agents.require(ws, agentKey);
		Map<UUID, Extra> extras = new HashMap<>();
		this.jdbc.sql(EXTRA + " AND a.id = :id").param("ws", ws).param("id", agent.id()).query((rs) -> {
			extras.put(rs.getObject("id", UUID.class), new Extra(rs.getString("logical_key"),
					rs.getString("department_code"), rs.getBoolean("critical")));
		});
		AgentConfig current = (agent.currentConfigVersionId() != null) ? this.versions
			.byId(ws, agent.currentConfigVersionId())
			.map(ConfigVersions.Version::config)
			.orElse(null) : null;
		return snapshot(agent, extras.get(agent.id()), current);
	}

	/** A stored version's document (for diffs), with the agent it belongs to. */
	public JsonNode versionDocument(UUID ws, UUID versionId) {
		return this.versions.byId(ws, versionId)
			.map((v) -> document(v.config()))
			.orElseThrow(() -> ApiException.notFound("config_version", versionId.toString()));
	}

	/** SHA-256 of the RFC 8785 canonical form of a configuration document. */
	public String hash(JsonNode document) {
		return this.versions.hash(this.mapper.treeToValue(document, AgentConfig.class));
	}

	/**
	 * Sets top-level keys ({@link #CHANGEABLE_KEYS}; {@code settings} merges key by key, a null
	 * value removing one) on the locked agent as a new version. 409 when nothing would change.
	 */
	public Applied applyFields(ActionContext context, String agentKey, Map<String, Object> fields, String summary) {
		AgentState agent = this.agents.lock(context.workspaceId(), agentKey);
		Map<String, Object> next = merge(this.versions.toMap(agent.config()), fields);
		return applyDocument(context, agent, next, summary);
	}

	/** Puts the whole document on the locked agent as a new version (reconcile). */
	public Applied applyDocument(ActionContext context, String agentKey, JsonNode document, String summary) {
		AgentState agent = this.agents.lock(context.workspaceId(), agentKey);
		Map<String, Object> next = this.mapper.convertValue(document, new TypeReference<LinkedHashMap<String, Object>>() {
		});
		return applyDocument(context, agent, next, summary);
	}

	/** What {@link #applyFields} would produce, without changing anything (for policy checks and patches). */
	public JsonNode preview(JsonNode current, Map<String, Object> fields) {
		Map<String, Object> base = this.mapper.convertValue(current, new TypeReference<LinkedHashMap<String, Object>>() {
		});
		return document(this.versions.fromMap(merge(base, fields)));
	}

	public Map<String, Object> restore(ActionContext context, ConfigRestore inverse, String summary) {
		return this.changes.restore(context, inverse, summary);
	}

	private Applied applyDocument(ActionContext context, AgentState agent, Map<String, Object> next, String summary) {
		AgentConfig config = this.versions.fromMap(next);
		if (config.equals(agent.config())) {
			throw new ApiException(ErrorCode.CONFLICT, "The configuration already has these values",
					Map.of("agent_id", agent.agentId()));
		}
		ConfigChanges.Applied applied = this.changes.apply(context, agent, config, summary, "superseded");
		Map<String, Object> result = new LinkedHashMap<>(applied.result());
		result.put("config_hash", this.versions.hash(config));
		return new Applied(result, applied.inverse());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> fields) {
		Map<String, Object> next = new LinkedHashMap<>(base);
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			if (!CHANGEABLE_KEYS.contains(field.getKey())) {
				throw ApiException.validation("changes." + field.getKey(),
						"not a changeable key (allowed: " + String.join(", ", new java.util.TreeSet<>(CHANGEABLE_KEYS))
								+ ")");
			}
			if ("settings".equals(field.getKey())) {
				if (!(field.getValue() instanceof Map<?, ?> changes)) {
					throw ApiException.validation("changes.settings", "must be an object");
				}
				Map<String, Object> settings = new LinkedHashMap<>(
						(base.get("settings") instanceof Map<?, ?> m) ? (Map<String, Object>) m : Map.of());
				((Map<String, Object>) changes).forEach((k, v) -> {
					if (v == null) {
						settings.remove(k);
					}
					else {
						settings.put(k, v);
					}
				});
				next.put("settings", settings);
			}
			else {
				next.put(field.getKey(), field.getValue());
			}
		}
		return next;
	}

	private Snapshot snapshot(AgentState agent, Extra extra, AgentConfig current) {
		JsonNode actual = document(agent.config());
		JsonNode desired = (current != null) ? document(current) : null;
		String desiredHash = (current != null) ? this.versions.hash(current) : null;
		Extra e = (extra != null) ? extra : new Extra(agent.agentId(), null, false);
		return new Snapshot(agent.id(), agent.agentId(), e.logicalKey(), agent.environment(), e.departmentCode(),
				e.critical(), actual, this.versions.hash(agent.config()), agent.currentConfigVersionId(),
				agent.configVersionNumber(), desired, desiredHash);
	}

	private JsonNode document(AgentConfig config) {
		return this.mapper.valueToTree(config);
	}

}
