package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;

/** The agents: ids, names, version, environment, status, deployment and deprecation. */
final class AgentGenerator implements Generator {

	private static final String INSERT_AGENT = """
			INSERT INTO agents (id, workspace_id, agent_id, name, description, is_active, department_id, environment,
			                    version, agent_status, owner_team, last_deployed_at, deprecation_date, metadata,
			                    created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
			""";

	private static final String SET_REPLACEMENT = """
			UPDATE agents SET replacement_agent_id = ? WHERE id = ?
			""";

	@Override
	public String name() {
		return "agents";
	}

	@Override
	public List<String> tables() {
		return List.of("agents");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("agents", String.valueOf(plan.agents().size()));
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		Timestamp createdAt = new Timestamp(plan.startMillis() - 120 * OrgPlan.DAY_MS);
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(INSERT_AGENT)) {
				for (AgentPlan a : plan.agents()) {
					ps.setObject(1, a.id());
					ps.setObject(2, plan.workspaceId());
					ps.setString(3, a.agentId());
					ps.setString(4, a.name());
					ps.setString(5, "AI assistant for " + a.department().spec().name() + " department");
					ps.setBoolean(6, !a.deprecated());
					ps.setObject(7, a.department().id());
					ps.setString(8, a.environment());
					ps.setString(9, a.version());
					ps.setString(10, a.status());
					ps.setString(11, a.department().spec().name());
					ps.setTimestamp(12, new Timestamp(a.lastDeployedAtMillis()));
					if (a.deprecated()) {
						ps.setTimestamp(13, new Timestamp(a.deprecationAtMillis()));
					}
					else {
						ps.setNull(13, Types.TIMESTAMP_WITH_TIMEZONE);
					}
					ps.setString(14, "{\"synthetic\": true, \"agent_type\": \"%s\", \"build\": \"%s\"%s%s}".formatted(
							a.agentType(), a.build(), a.problem() ? ", \"demo_role\": \"problem_agent\"" : "",
							a.runaway() ? ", \"demo_role\": \"runaway_cost\"" : ""));
					ps.setTimestamp(15, createdAt);
					ps.setTimestamp(16, new Timestamp(Math.max(createdAt.getTime(), a.lastDeployedAtMillis())));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			try (PreparedStatement ps = c.prepareStatement(SET_REPLACEMENT)) {
				for (AgentPlan a : plan.agents()) {
					if (a.replacementIndex() >= 0) {
						ps.setObject(1, plan.agents().get(a.replacementIndex()).id());
						ps.setObject(2, a.id());
						ps.addBatch();
					}
				}
				ps.executeBatch();
			}
			c.commit();
		}
		return Map.of("agents", (long) plan.agents().size());
	}

}
