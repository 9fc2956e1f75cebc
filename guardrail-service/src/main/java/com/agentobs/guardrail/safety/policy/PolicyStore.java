package com.agentobs.guardrail.safety.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code guardrail_policies}. Callers run inside a workspace transaction; every statement also filters on the workspace. */
@Repository
public class PolicyStore {

	private static final String COLUMNS = """
			id, name, description, policy_type, enforcement_mode, fail_mode, config::text AS config, scope::text AS scope,
			is_active, version, created_by_subject, created_at, updated_at""";

	private static final String LIST = "SELECT " + COLUMNS + " FROM guardrail_policies WHERE workspace_id = :ws ORDER BY name";

	private static final String FIND = "SELECT " + COLUMNS + " FROM guardrail_policies WHERE workspace_id = :ws AND id = :id";

	private static final String INSERT = """
			INSERT INTO guardrail_policies (workspace_id, name, description, policy_type, enforcement_mode, fail_mode,
			                                config, scope, created_by_subject)
			VALUES (:ws, :name, :description, :type, :mode, :fail, CAST(:config AS jsonb), CAST(:scope AS jsonb), :subject)
			RETURNING id""";

	private static final String UPDATE = """
			UPDATE guardrail_policies
			SET name = :name, description = :description, policy_type = :type, enforcement_mode = :mode, fail_mode = :fail,
			    config = CAST(:config AS jsonb), scope = CAST(:scope AS jsonb), version = version + 1, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_MODE = """
			UPDATE guardrail_policies SET enforcement_mode = :mode, version = version + 1, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String SET_ACTIVE = """
			UPDATE guardrail_policies SET is_active = :active, version = version + 1, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String DELETE = "DELETE FROM guardrail_policies WHERE workspace_id = :ws AND id = :id";

	private static final String NAME_TAKEN = """
			SELECT EXISTS (SELECT 1 FROM guardrail_policies WHERE workspace_id = :ws AND lower(name) = lower(:name)
			               AND id IS DISTINCT FROM :id)""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	PolicyStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public List<GuardrailPolicy> list(UUID ws) {
		return this.jdbc.sql(LIST).param("ws", ws).query(this::map).list();
	}

	public Optional<GuardrailPolicy> find(UUID ws, UUID id) {
		return this.jdbc.sql(FIND).param("ws", ws).param("id", id).query(this::map).optional();
	}

	GuardrailPolicy require(UUID ws, UUID id) {
		return find(ws, id).orElseThrow(() -> ApiException.notFound("guardrail policy", id.toString()));
	}

	/** Locks the row for the rest of the transaction: changes to one policy serialise here. */
	GuardrailPolicy lock(UUID ws, UUID id) {
		return this.jdbc.sql(FIND + " FOR UPDATE")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> ApiException.notFound("guardrail policy", id.toString()));
	}

	void requireNameFree(UUID ws, String name, UUID except) {
		Boolean taken = this.jdbc.sql(NAME_TAKEN).param("ws", ws).param("name", name).param("id", except)
			.query(Boolean.class).single();
		if (Boolean.TRUE.equals(taken)) {
			throw ApiException.conflict("a guardrail policy named '" + name + "' already exists");
		}
	}

	UUID insert(UUID ws, PolicyFields f, String subject) {
		return withFields(this.jdbc.sql(INSERT).param("ws", ws).param("subject", subject), f).query(UUID.class).single();
	}

	void update(UUID ws, UUID id, PolicyFields f) {
		withFields(this.jdbc.sql(UPDATE).param("ws", ws).param("id", id), f).update();
	}

	/** Binds the editable fields, the same way for an insert and an update. */
	private JdbcClient.StatementSpec withFields(JdbcClient.StatementSpec statement, PolicyFields f) {
		return statement.param("name", f.name())
			.param("description", f.description())
			.param("type", f.policyType())
			.param("mode", f.enforcementMode())
			.param("fail", f.failMode())
			.param("config", this.mapper.writeValueAsString(f.config()))
			.param("scope", this.mapper.writeValueAsString(f.scope()));
	}

	void setMode(UUID ws, UUID id, String mode) {
		this.jdbc.sql(SET_MODE).param("ws", ws).param("id", id).param("mode", mode).update();
	}

	void setActive(UUID ws, UUID id, boolean active) {
		this.jdbc.sql(SET_ACTIVE).param("ws", ws).param("id", id).param("active", active).update();
	}

	void delete(UUID ws, UUID id) {
		this.jdbc.sql(DELETE).param("ws", ws).param("id", id).update();
	}

	private GuardrailPolicy map(ResultSet rs, int row) throws SQLException {
		return new GuardrailPolicy(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("policy_type"), rs.getString("enforcement_mode"), rs.getString("fail_mode"),
				this.mapper.readValue(rs.getString("config"), PolicyConfig.class),
				this.mapper.readValue(rs.getString("scope"), PolicyScope.class), rs.getBoolean("is_active"),
				rs.getInt("version"), rs.getString("created_by_subject"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
