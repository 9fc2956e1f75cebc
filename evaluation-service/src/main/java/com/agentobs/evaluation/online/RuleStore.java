package com.agentobs.evaluation.online;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The enabled rules of live (not archived) rubrics. Inside a workspace transaction. */
@Repository
class RuleStore {

	private static final String ENABLED = """
			SELECT e.id, e.name, e.rubric_id, e.evaluator, e.departments, e.environments, e.agent_ids, e.versions,
			       e.intents, e.sampling_rate, e.sampling_seed, e.daily_cost_cap_usd
			FROM evaluator_rules e
			         JOIN rubrics r ON r.id = e.rubric_id AND r.workspace_id = e.workspace_id
			WHERE e.workspace_id = :ws AND e.is_enabled AND r.archived_at IS NULL
			ORDER BY e.created_at, e.id""";

	private static final String ONE = """
			SELECT e.id, e.name, e.rubric_id, e.evaluator, e.departments, e.environments, e.agent_ids, e.versions,
			       e.intents, e.sampling_rate, e.sampling_seed, e.daily_cost_cap_usd
			FROM evaluator_rules e
			WHERE e.workspace_id = :ws AND e.id = :id""";

	private final JdbcClient jdbc;

	RuleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<EvaluatorRule> enabled(UUID ws) {
		return this.jdbc.sql(ENABLED).param("ws", ws).query(RuleStore::map).list();
	}

	/** One rule of the workspace, enabled or not. */
	java.util.Optional<EvaluatorRule> find(UUID ws, UUID id) {
		return this.jdbc.sql(ONE).param("ws", ws).param("id", id).query(RuleStore::map).optional();
	}

	private static EvaluatorRule map(ResultSet rs, int row) throws SQLException {
		double cap = rs.getDouble("daily_cost_cap_usd");
		Double dailyCap = rs.wasNull() ? null : cap;
		return new EvaluatorRule(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getObject("rubric_id", UUID.class), rs.getString("evaluator"), strings(rs, "departments"),
				strings(rs, "environments"), strings(rs, "agent_ids"), strings(rs, "versions"),
				strings(rs, "intents"), rs.getDouble("sampling_rate"), rs.getString("sampling_seed"), dailyCap);
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
