package com.agentobs.evaluation.rubric;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code rubrics} and {@code rubric_versions}. Callers run inside a workspace transaction;
 * every statement still filters on the workspace.
 */
@Repository
public class RubricStore {

	private static final String SELECT_RUBRIC = """
			SELECT r.id, r.name, r.description, v.version, r.current_version, v.criteria, v.pass_threshold,
			       v.judge_prompt, r.assigned_agent_ids, r.assigned_departments, r.archived_at, r.created_at,
			       r.updated_at
			FROM rubrics r
			         JOIN rubric_versions v ON v.rubric_id = r.id AND v.workspace_id = r.workspace_id
			""";

	private static final String FIND_CURRENT = SELECT_RUBRIC
			+ " WHERE r.workspace_id = :ws AND r.id = :id AND v.version = r.current_version";

	private static final String FIND_VERSION = SELECT_RUBRIC
			+ " WHERE r.workspace_id = :ws AND r.id = :id AND v.version = :version";

	private static final String LIST_CURRENT = SELECT_RUBRIC + """
			 WHERE r.workspace_id = :ws AND v.version = r.current_version
			   AND (:archived OR r.archived_at IS NULL)
			ORDER BY r.archived_at NULLS FIRST, lower(r.name)""";

	private static final String LOCK = "SELECT id FROM rubrics WHERE workspace_id = :ws AND id = :id FOR UPDATE";

	private static final String NAME_TAKEN = """
			SELECT EXISTS (SELECT 1 FROM rubrics
			               WHERE workspace_id = :ws AND lower(name) = lower(:name) AND archived_at IS NULL
			                 AND id IS DISTINCT FROM :id)""";

	private static final String INSERT_RUBRIC = """
			INSERT INTO rubrics (id, workspace_id, name, description, current_version, assigned_agent_ids,
			                     assigned_departments, created_by)
			VALUES (:id, :ws, :name, :description, 1, CAST(:agents AS text[]), CAST(:departments AS text[]), :user)""";

	private static final String INSERT_VERSION = """
			INSERT INTO rubric_versions (workspace_id, rubric_id, version, criteria, pass_threshold, judge_prompt,
			                             created_by)
			VALUES (:ws, :id, :version, CAST(:criteria AS jsonb), :threshold, :prompt, :user)""";

	private static final String MAX_VERSION = """
			SELECT max(version) FROM rubric_versions WHERE workspace_id = :ws AND rubric_id = :id""";

	private static final String SET_CURRENT = """
			UPDATE rubrics SET current_version = :version, name = :name, description = :description, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_ASSIGNMENT = """
			UPDATE rubrics SET assigned_agent_ids = CAST(:agents AS text[]),
			                   assigned_departments = CAST(:departments AS text[]), updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_ARCHIVED = """
			UPDATE rubrics SET archived_at = CAST(:archived_at AS timestamptz), updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String UNKNOWN_AGENTS = """
			SELECT x FROM unnest(CAST(:ids AS text[])) AS x
			WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.workspace_id = :ws AND a.agent_id = x)""";

	private static final String UNKNOWN_DEPARTMENTS = """
			SELECT x FROM unnest(CAST(:codes AS text[])) AS x
			WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.workspace_id = :ws AND d.department_code = x)""";

	private static final TypeReference<List<Criterion>> CRITERIA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	RubricStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public Optional<Rubric> find(UUID ws, UUID id) {
		return this.jdbc.sql(FIND_CURRENT).param("ws", ws).param("id", id).query(this::map).optional();
	}

	public Optional<Rubric> findVersion(UUID ws, UUID id, int version) {
		return this.jdbc.sql(FIND_VERSION)
			.param("ws", ws)
			.param("id", id)
			.param("version", version)
			.query(this::map)
			.optional();
	}

	public Rubric require(UUID ws, UUID id) {
		return find(ws, id).orElseThrow(() -> ApiException.notFound("rubric", id.toString()));
	}

	public List<Rubric> list(UUID ws, boolean includeArchived) {
		return this.jdbc.sql(LIST_CURRENT).param("ws", ws).param("archived", includeArchived).query(this::map).list();
	}

	/** Locks the rubric's row: changes to one rubric serialise here. */
	Rubric lock(UUID ws, UUID id) {
		this.jdbc.sql(LOCK).param("ws", ws).param("id", id).query(UUID.class).optional()
			.orElseThrow(() -> ApiException.notFound("rubric", id.toString()));
		return require(ws, id);
	}

	void requireNameFree(UUID ws, String name, UUID except) {
		if (this.jdbc.sql(NAME_TAKEN).param("ws", ws).param("name", name).param("id", except).query(Boolean.class)
			.single()) {
			throw new ApiException(com.agentobs.contracts.error.ErrorCode.CONFLICT,
					"A rubric named '" + name + "' already exists", java.util.Map.of("field", "name"));
		}
	}

	void insert(UUID ws, UUID id, RubricDefinition def, List<String> agents, List<String> departments, UUID user) {
		this.jdbc.sql(INSERT_RUBRIC)
			.param("id", id)
			.param("ws", ws)
			.param("name", def.name())
			.param("description", def.description())
			.param("agents", arrayLiteral(agents))
			.param("departments", arrayLiteral(departments))
			.param("user", user)
			.update();
		insertVersion(ws, id, 1, def, user);
	}

	int nextVersion(UUID ws, UUID id) {
		Integer max = this.jdbc.sql(MAX_VERSION).param("ws", ws).param("id", id).query(Integer.class).single();
		return (max != null) ? max + 1 : 1;
	}

	void insertVersion(UUID ws, UUID id, int version, RubricDefinition def, UUID user) {
		this.jdbc.sql(INSERT_VERSION)
			.param("ws", ws)
			.param("id", id)
			.param("version", version)
			.param("criteria", this.mapper.writeValueAsString(def.criteria()))
			.param("threshold", def.passThreshold())
			.param("prompt", def.judgePrompt())
			.param("user", user)
			.update();
	}

	void setCurrent(UUID ws, UUID id, int version, String name, String description) {
		this.jdbc.sql(SET_CURRENT)
			.param("ws", ws)
			.param("id", id)
			.param("version", version)
			.param("name", name)
			.param("description", description)
			.update();
	}

	void setAssignment(UUID ws, UUID id, List<String> agents, List<String> departments) {
		this.jdbc.sql(SET_ASSIGNMENT)
			.param("ws", ws)
			.param("id", id)
			.param("agents", arrayLiteral(agents))
			.param("departments", arrayLiteral(departments))
			.update();
	}

	void setArchived(UUID ws, UUID id, Instant archivedAt) {
		this.jdbc.sql(SET_ARCHIVED)
			.param("ws", ws)
			.param("id", id)
			.param("archived_at", (archivedAt != null) ? Timestamp.from(archivedAt) : null)
			.update();
	}

	/** 404 naming the first agent id or department code this workspace does not have. */
	public void requireKnown(UUID ws, List<String> agents, List<String> departments) {
		this.jdbc.sql(UNKNOWN_AGENTS).param("ws", ws).param("ids", arrayLiteral(agents)).query(String.class)
			.optional().ifPresent((id) -> {
				throw ApiException.notFound("agent", id);
			});
		this.jdbc.sql(UNKNOWN_DEPARTMENTS).param("ws", ws).param("codes", arrayLiteral(departments))
			.query(String.class).optional().ifPresent((code) -> {
				throw ApiException.notFound("department", code);
			});
	}

	private Rubric map(ResultSet rs, int row) throws SQLException {
		Timestamp archivedAt = rs.getTimestamp("archived_at");
		return new Rubric(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getInt("version"), rs.getInt("current_version"),
				this.mapper.readValue(rs.getString("criteria"), CRITERIA), rs.getDouble("pass_threshold"),
				rs.getString("judge_prompt"), strings(rs.getArray("assigned_agent_ids")),
				strings(rs.getArray("assigned_departments")), archivedAt != null,
				(archivedAt != null) ? archivedAt.toInstant() : null, rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	/** A text[] literal for {@code CAST(:p AS text[])}: each element quoted and escaped. */
	public static String arrayLiteral(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return literal.append('}').toString();
	}

}
