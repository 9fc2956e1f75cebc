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

	private static final String VIEW = """
			SELECT e.id, e.name, e.rubric_id, r.name AS rubric_name, e.evaluator, e.departments, e.environments,
			       e.agent_ids, e.versions, e.intents, e.sampling_rate, e.sampling_seed, e.daily_cost_cap_usd,
			       e.is_enabled, e.created_at, e.updated_at
			FROM evaluator_rules e
			         JOIN rubrics r ON r.id = e.rubric_id AND r.workspace_id = e.workspace_id
			""";

	/** Empty filter lists are stored as NULL (any). */
	private static final String COLUMNS_VALUES = """
			name = :name, rubric_id = :rubric, evaluator = :evaluator,
			departments = CAST(NULLIF(:departments, '{}') AS text[]),
			environments = CAST(NULLIF(:environments, '{}') AS text[]),
			agent_ids = CAST(NULLIF(:agent_ids, '{}') AS text[]), versions = CAST(NULLIF(:versions, '{}') AS text[]),
			intents = CAST(NULLIF(:intents, '{}') AS text[]), sampling_rate = :rate, sampling_seed = :seed,
			daily_cost_cap_usd = :cap, is_enabled = :enabled, updated_at = NOW()""";

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

	List<RuleView> list(UUID ws) {
		return this.jdbc.sql(VIEW + " WHERE e.workspace_id = :ws ORDER BY e.created_at, e.id")
			.param("ws", ws)
			.query(RuleStore::view)
			.list();
	}

	java.util.Optional<RuleView> view(UUID ws, UUID id) {
		return this.jdbc.sql(VIEW + " WHERE e.workspace_id = :ws AND e.id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(RuleStore::view)
			.optional();
	}

	/** The rule, row-locked (concurrent changes of one rule serialise). */
	java.util.Optional<RuleView> lock(UUID ws, UUID id) {
		return this.jdbc.sql(VIEW + " WHERE e.workspace_id = :ws AND e.id = :id FOR UPDATE OF e")
			.param("ws", ws)
			.param("id", id)
			.query(RuleStore::view)
			.optional();
	}

	/** Inserts a rule with the given id (a fresh one, or the id of a deleted rule being restored). */
	void insert(UUID ws, UUID id, RuleDefinition d) {
		bind(this.jdbc.sql("INSERT INTO evaluator_rules (id, workspace_id, name, rubric_id, evaluator) "
				+ "VALUES (:id, :ws, :name, :rubric, :evaluator)"), d).param("ws", ws).param("id", id).update();
		update(ws, id, d);
	}

	void update(UUID ws, UUID id, RuleDefinition d) {
		bind(this.jdbc.sql("UPDATE evaluator_rules SET " + COLUMNS_VALUES + " WHERE workspace_id = :ws AND id = :id"),
				d)
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	void setEnabled(UUID ws, UUID id, boolean enabled) {
		this.jdbc.sql("UPDATE evaluator_rules SET is_enabled = :enabled, updated_at = NOW() "
				+ "WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.param("enabled", enabled)
			.update();
	}

	void delete(UUID ws, UUID id) {
		this.jdbc.sql("DELETE FROM evaluator_rules WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, RuleDefinition d) {
		return spec.param("name", d.name())
			.param("rubric", d.rubricId())
			.param("evaluator", d.evaluator())
			.param("departments", com.agentobs.evaluation.rubric.RubricStore.arrayLiteral(d.departments()))
			.param("environments", com.agentobs.evaluation.rubric.RubricStore.arrayLiteral(d.environments()))
			.param("agent_ids", com.agentobs.evaluation.rubric.RubricStore.arrayLiteral(d.agentIds()))
			.param("versions", com.agentobs.evaluation.rubric.RubricStore.arrayLiteral(d.versions()))
			.param("intents", com.agentobs.evaluation.rubric.RubricStore.arrayLiteral(d.intents()))
			.param("rate", d.samplingRate())
			.param("seed", d.samplingSeed())
			.param("cap", d.dailyCostCapUsd())
			.param("enabled", d.enabled());
	}

	private static RuleView view(ResultSet rs, int row) throws SQLException {
		double cap = rs.getDouble("daily_cost_cap_usd");
		Double dailyCap = rs.wasNull() ? null : cap;
		return new RuleView(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getObject("rubric_id", UUID.class), rs.getString("rubric_name"), rs.getString("evaluator"),
				strings(rs, "departments"), strings(rs, "environments"), strings(rs, "agent_ids"),
				strings(rs, "versions"), strings(rs, "intents"), rs.getDouble("sampling_rate"),
				rs.getString("sampling_seed"), dailyCap, rs.getBoolean("is_enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
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
