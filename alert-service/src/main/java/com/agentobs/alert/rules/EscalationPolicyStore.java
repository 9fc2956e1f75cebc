package com.agentobs.alert.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code escalation_policies}: every statement filtered on the workspace (RLS is the second line). */
@Repository
public class EscalationPolicyStore {

	private static final String SELECT_ACTIVE = """
			SELECT id, name, severity, after_minutes, channel_ids, is_enabled, created_by, created_at
			FROM escalation_policies WHERE workspace_id = :ws AND deleted_at IS NULL
			ORDER BY severity, after_minutes, created_at, id
			""";

	private static final String INSERT = """
			INSERT INTO escalation_policies (workspace_id, name, severity, after_minutes, channel_ids, created_by)
			VALUES (:ws, :name, :severity, :after, CAST(:channels AS uuid[]), :createdBy)
			RETURNING id
			""";

	private static final String LOCK = """
			SELECT deleted_at IS NOT NULL FROM escalation_policies WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String SET_DELETED = """
			UPDATE escalation_policies SET deleted_at = CASE WHEN :deleted THEN NOW() END, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private final JdbcClient jdbc;

	EscalationPolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<EscalationPolicy> active(UUID ws) {
		return this.jdbc.sql(SELECT_ACTIVE).param("ws", ws).query(EscalationPolicyStore::map).list();
	}

	UUID insert(UUID ws, EscalationPolicy p) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("name", p.name())
			.param("severity", p.severity())
			.param("after", p.afterMinutes())
			.param("channels", "{" + String.join(",", p.channelIds().stream().map(UUID::toString).toList()) + "}")
			.param("createdBy", p.createdBy())
			.query(UUID.class)
			.single();
	}

	/** Locks the policy row; {@code true} when it is (soft) deleted. */
	boolean lockDeleted(UUID ws, UUID id) {
		return this.jdbc.sql(LOCK)
			.param("ws", ws)
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("escalation policy", id.toString()));
	}

	void setDeleted(UUID ws, UUID id, boolean deleted) {
		this.jdbc.sql(SET_DELETED).param("ws", ws).param("id", id).param("deleted", deleted).update();
	}

	private static EscalationPolicy map(ResultSet rs, int row) throws SQLException {
		return new EscalationPolicy(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("severity"),
				rs.getInt("after_minutes"), RuleStore.uuids(rs.getArray("channel_ids")), rs.getBoolean("is_enabled"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

}
