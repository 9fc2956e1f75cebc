package com.agentobs.guardrail.agentcontrol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code experiments} block of an agent's configuration: its running experiments (owned by
 * evaluation-service), each with the assignment salt and the variants' weights and overrides.
 * The agent picks its arm itself: {@code fnv1a32(salt + ":" + unit) mod 10000} against the
 * cumulative weights in basis points, the unit being the user id, else the session id.
 */
@Repository
class ExperimentBlocks {

	/** One running experiment as the agent sees it. */
	record Block(UUID experimentId, String salt, String unit, List<Variant> variants) {
	}

	/** {@code weight}: percent of traffic (the variants of one experiment sum to 100). */
	record Variant(UUID variantId, String key, double weight, Map<String, Object> overrides) {
	}

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ExperimentBlocks(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Running experiments of one agent, oldest first, variants in their order. */
	List<Block> running(UUID ws, String agentId) {
		Map<UUID, Block> out = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT e.id, e.salt, v.id AS variant_id, v.key, v.traffic_pct, v.overrides::text AS overrides
				FROM experiments e JOIN experiment_variants v ON v.experiment_id = e.id AND v.workspace_id = e.workspace_id
				WHERE e.workspace_id = :ws AND e.agent_id = :agent AND e.status = 'running'
				ORDER BY e.created_at, e.id, v.position""")
			.param("ws", ws)
			.param("agent", agentId)
			.query((java.sql.ResultSet rs) -> {
				UUID id = rs.getObject("id", UUID.class);
				out.computeIfAbsent(id, (k) -> {
					try {
						return new Block(k, rs.getString("salt"), "user_id|session_id", new ArrayList<>());
					}
					catch (java.sql.SQLException ex) {
						throw new IllegalStateException(ex);
					}
				})
					.variants()
					.add(new Variant(rs.getObject("variant_id", UUID.class), rs.getString("key"),
							rs.getDouble("traffic_pct"), this.mapper.readValue(rs.getString("overrides"), MAP)));
			});
		return List.copyOf(out.values());
	}

}
