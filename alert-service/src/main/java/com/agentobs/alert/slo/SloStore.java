package com.agentobs.alert.slo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code slos}. */
@Repository
public class SloStore {

	private static final String COLUMNS = """
			id, name, sli, objective_pct, threshold, scope_type, scope_value, window_days, created_at
			""";

	private static final String SELECT_ACTIVE = "SELECT " + COLUMNS + """
			FROM slos WHERE workspace_id = :ws AND deleted_at IS NULL ORDER BY created_at, id
			""";

	private static final String SELECT_ONE = "SELECT " + COLUMNS + """
			FROM slos WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL
			""";

	private static final String INSERT = """
			INSERT INTO slos (workspace_id, name, sli, objective_pct, threshold, scope_type, scope_value, window_days,
			    created_by)
			VALUES (:ws, :name, :sli, :objective, :threshold, :scopeType, :scopeValue, :windowDays, :createdBy)
			RETURNING id
			""";

	private static final String SET_DELETED = """
			UPDATE slos SET deleted_at = CASE WHEN :deleted THEN NOW() END, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String LOCK = """
			SELECT deleted_at IS NOT NULL FROM slos WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private final JdbcClient jdbc;

	SloStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Slo> active(UUID ws) {
		return this.jdbc.sql(SELECT_ACTIVE).param("ws", ws).query(SloStore::map).list();
	}

	public Optional<Slo> find(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_ONE).param("ws", ws).param("id", id).query(SloStore::map).optional();
	}

	UUID insert(UUID ws, Slo slo, String createdBy) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("name", slo.name())
			.param("sli", slo.sli())
			.param("objective", slo.objectivePct())
			.param("threshold", slo.threshold())
			.param("scopeType", slo.scopeType())
			.param("scopeValue", slo.scopeValue())
			.param("windowDays", slo.windowDays())
			.param("createdBy", createdBy)
			.query(UUID.class)
			.single();
	}

	boolean lockDeleted(UUID ws, UUID id) {
		return this.jdbc.sql(LOCK)
			.param("ws", ws)
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("slo", id.toString()));
	}

	void setDeleted(UUID ws, UUID id, boolean deleted) {
		this.jdbc.sql(SET_DELETED).param("ws", ws).param("id", id).param("deleted", deleted).update();
	}

	private static Slo map(ResultSet rs, int row) throws SQLException {
		return new Slo(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("sli"),
				rs.getBigDecimal("objective_pct"), rs.getBigDecimal("threshold"), rs.getString("scope_type"),
				rs.getString("scope_value"), rs.getInt("window_days"), rs.getTimestamp("created_at").toInstant());
	}

}
