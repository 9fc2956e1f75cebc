package com.agentobs.processing.write;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The agent registry rows a batch needs, cached for {@code cache.ttl}; an agent seen for the first
 * time is registered (department inferred from its id, environment and version from its first trace).
 */
@Component
class AgentRegistry {

	static final String FIND_AGENTS = """
			SELECT agent_id, department_id, environment, version FROM agents
			WHERE workspace_id = ?::uuid AND agent_id = ANY(?::text[])
			""";

	static final String INSERT_DEPARTMENTS = """
			INSERT INTO departments (workspace_id, department_code, department_name)
			SELECT DISTINCT ?::uuid, agentobs_infer_department_code(a.id),
			       agentobs_department_name(agentobs_infer_department_code(a.id))
			FROM unnest(?::text[]) AS a(id)
			ON CONFLICT (workspace_id, department_code) DO NOTHING
			""";

	static final String INSERT_AGENTS = """
			INSERT INTO agents (workspace_id, agent_id, name, department_id, environment, version)
			SELECT ?::uuid, a.id, a.id, d.id, COALESCE(a.env, 'production'), COALESCE(a.ver, 'v1.0')
			FROM unnest(?::text[], ?::text[], ?::text[]) AS a(id, env, ver)
			LEFT JOIN departments d ON d.workspace_id = ?::uuid AND d.department_code = agentobs_infer_department_code(a.id)
			ON CONFLICT (workspace_id, agent_id) DO NOTHING
			""";

	/** An agent's registry row as enrichment uses it. */
	record Agent(UUID departmentId, String environment, String version, long loadedAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long ttlMillis;

	private final Map<String, Agent> cache = new ConcurrentHashMap<>();

	AgentRegistry(JdbcClient jdbc, Clock clock, ProcessingProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ttlMillis = properties.cache().ttl().toMillis();
	}

	/**
	 * Registry rows of the traces' agents by agent id, registering unknown ones. Must run inside a
	 * transaction that has set {@code app.workspace_id} to {@code ws}.
	 */
	Map<String, Agent> agents(UUID ws, Collection<IngestTrace> traces) {
		long now = this.clock.millis();
		Map<String, IngestTrace> firstByAgent = new TreeMap<>();
		traces.forEach((t) -> firstByAgent.putIfAbsent(t.agentId(), t));
		Map<String, Agent> found = new HashMap<>();
		List<String> missing = new ArrayList<>();
		firstByAgent.keySet().forEach((agentId) -> {
			Agent cached = this.cache.get(ws + "/" + agentId);
			if (cached != null && now - cached.loadedAt() < this.ttlMillis) {
				found.put(agentId, cached);
			}
			else {
				missing.add(agentId);
			}
		});
		if (missing.isEmpty()) {
			return found;
		}
		Map<String, Agent> loaded = load(ws, missing, now);
		// only rows that existed before this transaction are cached: a rollback cannot leave stale ids behind
		loaded.forEach((agentId, agent) -> this.cache.put(ws + "/" + agentId, agent));
		List<String> unknown = missing.stream().filter((a) -> !loaded.containsKey(a)).toList();
		if (!unknown.isEmpty()) {
			String[] ids = unknown.toArray(String[]::new);
			String[] envs = unknown.stream().map((a) -> firstByAgent.get(a).environment()).toArray(String[]::new);
			String[] vers = unknown.stream().map((a) -> firstByAgent.get(a).version()).toArray(String[]::new);
			this.jdbc.sql(INSERT_DEPARTMENTS).params(ws.toString(), ids).update();
			this.jdbc.sql(INSERT_AGENTS).params(ws.toString(), ids, envs, vers, ws.toString()).update();
			loaded.putAll(load(ws, unknown, now));
		}
		found.putAll(loaded);
		return found;
	}

	private Map<String, Agent> load(UUID ws, List<String> agentIds, long now) {
		Map<String, Agent> map = new HashMap<>();
		this.jdbc.sql(FIND_AGENTS).params(ws.toString(), agentIds.toArray(String[]::new)).query((rs) -> {
			map.put(rs.getString("agent_id"), new Agent(rs.getObject("department_id", UUID.class),
					rs.getString("environment"), rs.getString("version"), now));
		});
		return map;
	}

}
