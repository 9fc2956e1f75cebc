package com.agentobs.alert.rules;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code alert_rules}: every statement filtered on the workspace (RLS is the second line). */
@Repository
public class RuleStore {

	private static final String COLUMNS = """
			id, name, kind, severity, measure, comparator, threshold, resolve_threshold, window_minutes,
			for_minutes, group_by, filters::text AS filters, slo_id, burn_windows::text AS burn_windows, z_threshold,
			min_volume, direction, repeat_interval_minutes, group_wait_seconds, group_interval_minutes, channel_ids,
			is_enabled, created_by, created_at
			""";

	private static final String SELECT_ACTIVE = "SELECT " + COLUMNS + """
			FROM alert_rules WHERE workspace_id = :ws AND deleted_at IS NULL ORDER BY created_at, id
			""";

	/** Deleted or disabled rules that still have unresolved alerts (the evaluator resolves them). */
	private static final String SELECT_RETIRED = "SELECT " + COLUMNS + """
			FROM alert_rules r WHERE workspace_id = :ws AND (deleted_at IS NOT NULL OR NOT is_enabled)
			  AND EXISTS (SELECT 1 FROM alerts a WHERE a.workspace_id = r.workspace_id AND a.rule_id = r.id
			              AND a.status <> 'resolved')
			""";

	private static final String SELECT_ONE = "SELECT " + COLUMNS + """
			FROM alert_rules WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL
			""";

	private static final String INSERT = """
			INSERT INTO alert_rules (workspace_id, name, kind, severity, measure, comparator, threshold,
			    resolve_threshold, window_minutes, for_minutes, group_by, filters, slo_id, burn_windows, z_threshold,
			    min_volume, direction, repeat_interval_minutes, group_wait_seconds, group_interval_minutes, channel_ids,
			    created_by)
			VALUES (:ws, :name, :kind, :severity, :measure, :comparator, :threshold, :resolveThreshold, :window, :for,
			    :groupBy, CAST(:filters AS jsonb), :sloId, CAST(:burnWindows AS jsonb), :z, :minVolume, :direction,
			    :repeat, :groupWait, :groupInterval, CAST(:channels AS uuid[]), :createdBy)
			RETURNING id
			""";

	private static final String SET_DELETED = """
			UPDATE alert_rules SET deleted_at = CASE WHEN :deleted THEN NOW() END, is_enabled = NOT :deleted,
			    updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String SELECT_FOR_UPDATE = """
			SELECT deleted_at IS NOT NULL FROM alert_rules WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	RuleStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public List<AlertRule> active(UUID ws) {
		return this.jdbc.sql(SELECT_ACTIVE).param("ws", ws).query(this::map).list();
	}

	public List<AlertRule> retired(UUID ws) {
		return this.jdbc.sql(SELECT_RETIRED).param("ws", ws).query(this::map).list();
	}

	public Optional<AlertRule> find(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_ONE).param("ws", ws).param("id", id).query(this::map).optional();
	}

	AlertRule require(UUID ws, UUID id) {
		return find(ws, id).orElseThrow(() -> ApiException.notFound("alert rule", id.toString()));
	}

	UUID insert(UUID ws, AlertRule r) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("name", r.name())
			.param("kind", r.kind())
			.param("severity", r.severity())
			.param("measure", r.measure())
			.param("comparator", r.comparator())
			.param("threshold", r.threshold())
			.param("resolveThreshold", r.resolveThreshold())
			.param("window", r.windowMinutes())
			.param("for", r.forMinutes())
			.param("groupBy", r.groupBy())
			.param("filters", this.mapper.writeValueAsString(r.filters()))
			.param("sloId", r.sloId())
			.param("burnWindows", (r.burnWindows() != null) ? this.mapper.writeValueAsString(r.burnWindows()) : null)
			.param("z", r.zThreshold())
			.param("minVolume", r.minVolume())
			.param("direction", r.direction())
			.param("repeat", r.repeatIntervalMinutes())
			.param("groupWait", r.groupWaitSeconds())
			.param("groupInterval", r.groupIntervalMinutes())
			.param("channels", "{" + String.join(",", r.channelIds().stream().map(UUID::toString).toList()) + "}")
			.param("createdBy", r.createdBy())
			.query(UUID.class)
			.single();
	}

	/** Locks the rule row; {@code true} when it is (soft) deleted. */
	boolean lockDeleted(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_FOR_UPDATE)
			.param("ws", ws)
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("alert rule", id.toString()));
	}

	void setDeleted(UUID ws, UUID id, boolean deleted) {
		this.jdbc.sql(SET_DELETED).param("ws", ws).param("id", id).param("deleted", deleted).update();
	}

	private AlertRule map(ResultSet rs, int row) throws SQLException {
		String burn = rs.getString("burn_windows");
		return new AlertRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
				rs.getString("severity"), rs.getString("measure"), rs.getString("comparator"),
				rs.getBigDecimal("threshold"), rs.getBigDecimal("resolve_threshold"), rs.getInt("window_minutes"),
				rs.getInt("for_minutes"), rs.getString("group_by"),
				this.mapper.readValue(rs.getString("filters"), new TypeReference<Map<String, String>>() {
				}), rs.getObject("slo_id", UUID.class),
				(burn != null) ? this.mapper.readValue(burn, new TypeReference<List<AlertRule.BurnWindow>>() {
				}) : null, rs.getBigDecimal("z_threshold"), (Integer) rs.getObject("min_volume"),
				rs.getString("direction"), rs.getInt("repeat_interval_minutes"), rs.getInt("group_wait_seconds"),
				rs.getInt("group_interval_minutes"), uuids(rs.getArray("channel_ids")),
				rs.getBoolean("is_enabled"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

	public static List<UUID> uuids(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
	}

}
