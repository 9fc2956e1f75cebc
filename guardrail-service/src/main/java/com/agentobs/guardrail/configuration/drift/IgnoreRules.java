package com.agentobs.guardrail.configuration.drift;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code drift_ignore_rules}: paths that may differ, per environment and/or agent (NULL = all). */
@Repository
class IgnoreRules {

	record Rule(UUID id, String path, String environment, String agentKey, String reason) {

		/** The rule covers {@code pointer} (itself or anything under it) for this agent. */
		boolean covers(String pointer, String agentEnvironment, String agentKey, String logicalKey) {
			boolean pathMatches = pointer.equals(this.path) || pointer.startsWith(this.path + "/");
			boolean envMatches = this.environment == null || this.environment.equals(agentEnvironment);
			boolean agentMatches = this.agentKey == null || this.agentKey.equals(agentKey)
					|| this.agentKey.equals(logicalKey);
			return pathMatches && envMatches && agentMatches;
		}

	}

	private static final String ALL = """
			SELECT id, path, environment, agent_key, reason FROM drift_ignore_rules WHERE workspace_id = :ws
			ORDER BY path, environment NULLS FIRST, agent_key NULLS FIRST""";

	private static final String INSERT = """
			INSERT INTO drift_ignore_rules (workspace_id, path, environment, agent_key, reason, created_by_subject)
			VALUES (:ws, :path, :env, :agent, :reason, :subject) RETURNING id""";

	private static final String DELETE = "DELETE FROM drift_ignore_rules WHERE workspace_id = :ws AND id = :id";

	private final JdbcClient jdbc;

	IgnoreRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Rule> all(UUID ws) {
		return this.jdbc.sql(ALL)
			.param("ws", ws)
			.query((rs, n) -> new Rule(rs.getObject("id", UUID.class), rs.getString("path"),
					rs.getString("environment"), rs.getString("agent_key"), rs.getString("reason")))
			.list();
	}

	UUID add(UUID ws, String path, String environment, String agentKey, String reason, String subject) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("path", path)
			.param("env", environment)
			.param("agent", agentKey)
			.param("reason", reason)
			.param("subject", subject)
			.query(UUID.class)
			.single();
	}

	int delete(UUID ws, UUID id) {
		return this.jdbc.sql(DELETE).param("ws", ws).param("id", id).update();
	}

}
