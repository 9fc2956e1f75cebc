package com.agentobs.alert.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Alert and silence reads. Firing/pending alerts are listed whatever the range; resolved ones by start time. */
@Repository
class AlertReads {

	private static final String WHERE = """
			WHERE a.workspace_id = :ws
			  AND (CASE :status WHEN 'firing' THEN a.status = 'firing' WHEN 'pending' THEN a.status = 'pending'
			       WHEN 'active' THEN a.status <> 'resolved'
			       WHEN 'resolved' THEN a.status = 'resolved' AND a.started_at >= :from AND a.started_at < :to
			       ELSE (a.status <> 'resolved' OR (a.started_at >= :from AND a.started_at < :to)) END)
			  AND (CAST(:severity AS text) IS NULL OR a.severity = :severity)
			  AND (CAST(:dept AS text) IS NULL OR a.department = :dept)
			  AND (CAST(:agent AS text) IS NULL OR a.agent_id = :agent)
			  AND (CAST(:env AS text) IS NULL OR a.environment = :env)
			""";

	private static final String LIST = """
			SELECT a.*, r.name AS rule_name, r.kind AS rule_kind
			FROM alerts a JOIN alert_rules r ON r.id = a.rule_id AND r.workspace_id = a.workspace_id
			""" + WHERE + """
			ORDER BY CASE a.status WHEN 'firing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, a.severity,
			    coalesce(a.fired_at, a.started_at) DESC, a.id
			LIMIT :limit OFFSET :offset
			""";

	private static final String COUNT = "SELECT count(*) FROM alerts a " + WHERE;

	private static final String ONE = """
			SELECT a.*, r.name AS rule_name, r.kind AS rule_kind
			FROM alerts a JOIN alert_rules r ON r.id = a.rule_id AND r.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws AND a.id = :id
			""";

	private static final String TIMELINE = """
			SELECT date_trunc('day', coalesce(fired_at, started_at)) AS day,
			    count(*) FILTER (WHERE severity = 'sev1') AS sev1, count(*) FILTER (WHERE severity = 'sev2') AS sev2,
			    count(*) FILTER (WHERE severity = 'sev3') AS sev3, count(*) FILTER (WHERE severity = 'sev4') AS sev4
			FROM alerts
			WHERE workspace_id = :ws AND fired_at IS NOT NULL AND fired_at >= :from AND fired_at < :to
			  AND (CAST(:dept AS text) IS NULL OR department = :dept)
			  AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)
			GROUP BY 1 ORDER BY 1
			""";

	private static final String SILENCES = """
			SELECT s.id, s.matchers::text AS matchers, s.starts_at, s.ends_at, s.comment, s.created_by,
			    (s.starts_at <= NOW() AND s.ends_at > NOW()) AS active,
			    (SELECT count(*) FROM alerts a WHERE a.workspace_id = s.workspace_id AND a.silence_id = s.id
			        AND a.status = 'firing') AS matching
			FROM alert_silences s
			WHERE s.workspace_id = :ws AND s.ends_at > NOW() - INTERVAL '7 days'
			ORDER BY s.ends_at DESC
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	AlertReads(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	private static Map<String, Object> params(UUID ws, StandardFilters f, String status, String severity) {
		Map<String, Object> p = new HashMap<>();
		p.put("ws", ws);
		p.put("status", (status != null) ? status : "all");
		p.put("severity", severity);
		p.put("from", Timestamp.from(f.from()));
		p.put("to", Timestamp.from(f.to()));
		p.put("dept", f.department());
		p.put("agent", f.agentId());
		p.put("env", f.environment());
		p.put("limit", f.limit());
		p.put("offset", f.offset());
		return p;
	}

	List<AlertItem> list(UUID ws, StandardFilters f, String status, String severity) {
		return this.jdbc.sql(LIST).params(params(ws, f, status, severity)).query(AlertReads::item).list();
	}

	long count(UUID ws, StandardFilters f, String status, String severity) {
		return this.jdbc.sql(COUNT).params(params(ws, f, status, severity)).query(Long.class).single();
	}

	Optional<AlertItem> find(UUID ws, UUID id) {
		return this.jdbc.sql(ONE).param("ws", ws).param("id", id).query(AlertReads::item).optional();
	}

	List<Map<String, Object>> timeline(UUID ws, StandardFilters f) {
		return this.jdbc.sql(TIMELINE).params(params(ws, f, null, null)).query((rs, n) -> {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("timestamp", rs.getTimestamp("day").toInstant().toString());
			for (String sev : List.of("sev1", "sev2", "sev3", "sev4")) {
				p.put(sev, rs.getLong(sev));
			}
			return p;
		}).list();
	}

	List<Silence> silences(UUID ws) {
		return this.jdbc.sql(SILENCES).param("ws", ws)
			.query((rs, n) -> new Silence(rs.getObject("id", UUID.class),
					this.mapper.readValue(rs.getString("matchers"), new TypeReference<Map<String, String>>() {
					}), instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("comment"),
					rs.getString("created_by"), rs.getBoolean("active"), rs.getLong("matching")))
			.list();
	}

	private static AlertItem item(ResultSet rs, int row) throws SQLException {
		return new AlertItem(rs.getObject("id", UUID.class), rs.getObject("rule_id", UUID.class),
				rs.getString("rule_name"), rs.getString("rule_kind"), rs.getString("title"), rs.getString("severity"),
				rs.getString("status"), rs.getString("agent_id"), rs.getString("department"),
				rs.getString("environment"), dbl(rs, "value"), dbl(rs, "threshold"), instant(rs, "started_at"),
				instant(rs, "fired_at"), instant(rs, "resolved_at"), instant(rs, "acknowledged_at"),
				rs.getString("acknowledged_by"), rs.getObject("silence_id") != null,
				rs.getObject("inhibited_by") != null, rs.getObject("incident_id", UUID.class));
	}

	private static Double dbl(ResultSet rs, String column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

}
