package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The agent registry rows a scope selects (department, environment, version, agent). */
@Component
public class AgentDirectory {

	private static final String SELECT_AGENTS = """
			SELECT a.id, a.agent_id, a.name, a.description, d.department_code, a.environment, a.version,
			       a.agent_status, a.is_paused, a.is_active, a.owner_team, a.model, a.model_provider,
			       a.last_deployed_at, a.deprecation_date, a.created_at
			FROM agents a
			LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws
			""";

	private final JdbcClient jdbc;

	AgentDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Agent(UUID id, String agentId, String name, String description, String department,
			String environment, String version, String agentStatus, boolean isPaused, boolean isActive,
			String ownerTeam, String model, String modelProvider, Instant lastDeployedAt, Instant deprecationDate,
			Instant createdAt) {
	}

	public List<Agent> agents(Scope scope) {
		Map<String, Object> params = new HashMap<>();
		String sql = SELECT_AGENTS + scope.sqlFilters("a", params) + " ORDER BY a.agent_id";
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> param : params.entrySet()) {
			spec = spec.param(param.getKey(), param.getValue());
		}
		return spec.query((rs, i) -> new Agent(rs.getObject("id", UUID.class), rs.getString("agent_id"),
				rs.getString("name"), rs.getString("description"), rs.getString("department_code"),
				rs.getString("environment"), rs.getString("version"), rs.getString("agent_status"),
				rs.getBoolean("is_paused"), rs.getBoolean("is_active"), rs.getString("owner_team"),
				rs.getString("model"), rs.getString("model_provider"), instant(rs.getObject("last_deployed_at", OffsetDateTime.class)),
				instant(rs.getObject("deprecation_date", OffsetDateTime.class)),
				instant(rs.getObject("created_at", OffsetDateTime.class))))
			.list();
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
