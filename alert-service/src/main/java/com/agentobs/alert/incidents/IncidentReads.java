package com.agentobs.alert.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.alert.incidents.IncidentViews.ActionItem;
import com.agentobs.alert.incidents.IncidentViews.Cause;
import com.agentobs.alert.incidents.IncidentViews.DepartmentSeverity;
import com.agentobs.alert.incidents.IncidentViews.IncidentEvent;
import com.agentobs.alert.incidents.IncidentViews.IncidentItem;
import com.agentobs.alert.incidents.IncidentViews.LinkedAlert;
import com.agentobs.alert.incidents.IncidentViews.Postmortem;
import com.agentobs.alert.incidents.IncidentViews.SeverityStats;
import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Incident reads. MTTA = acknowledged_at − detected_at, MTTR = resolved_at − detected_at, in
 * minutes; medians and P90 by {@code percentile_cont}. Range filters apply to {@code detected_at};
 * department and agent filters to the incident's own department / agent.
 */
@Repository
class IncidentReads {

	private static final String WHERE = """
			WHERE i.workspace_id = :ws AND i.detected_at >= :from AND i.detected_at < :to
			  AND (CAST(:dept AS text) IS NULL OR i.department = :dept)
			  AND (CAST(:agent AS text) IS NULL OR i.agent_id = :agent)
			""";

	private static final String LIST = """
			SELECT i.*, (SELECT count(*) FROM alerts a WHERE a.workspace_id = i.workspace_id AND a.incident_id = i.id) AS alert_count,
			    (SELECT p.status FROM postmortems p WHERE p.workspace_id = i.workspace_id AND p.incident_id = i.id) AS pm_status
			FROM incidents i
			""" + WHERE + """
			  AND (CAST(:status AS text) IS NULL OR i.status = :status OR (:status = 'active' AND i.status IN ('open', 'acknowledged', 'mitigated')))
			  AND (CAST(:severity AS text) IS NULL OR i.severity = :severity)
			ORDER BY i.detected_at DESC, i.id
			LIMIT :limit OFFSET :offset
			""";

	private static final String COUNT = "SELECT count(*) FROM incidents i " + WHERE + """
			  AND (CAST(:status AS text) IS NULL OR i.status = :status OR (:status = 'active' AND i.status IN ('open', 'acknowledged', 'mitigated')))
			  AND (CAST(:severity AS text) IS NULL OR i.severity = :severity)
			""";

	private static final String ONE = """
			SELECT i.*, (SELECT count(*) FROM alerts a WHERE a.workspace_id = i.workspace_id AND a.incident_id = i.id) AS alert_count,
			    (SELECT p.status FROM postmortems p WHERE p.workspace_id = i.workspace_id AND p.incident_id = i.id) AS pm_status
			FROM incidents i WHERE i.workspace_id = :ws AND i.id = :id
			""";

	private static final String EVENTS = """
			SELECT id, event_type, message, actor, occurred_at, data::text AS data FROM incident_events
			WHERE workspace_id = :ws AND incident_id = :id ORDER BY occurred_at, created_at
			""";

	private static final String ALERTS = """
			SELECT id, title, severity, status, fired_at, resolved_at FROM alerts
			WHERE workspace_id = :ws AND incident_id = :id ORDER BY started_at
			""";

	private static final String POSTMORTEMS = """
			SELECT p.id, p.incident_id, i.title, i.severity, p.status, p.summary, p.root_cause, p.author, p.created_at,
			    p.published_at
			FROM postmortems p JOIN incidents i ON i.id = p.incident_id AND i.workspace_id = p.workspace_id
			WHERE p.workspace_id = :ws AND (CAST(:incident AS uuid) IS NULL OR p.incident_id = :incident)
			  AND (CAST(:incident AS uuid) IS NOT NULL OR (i.detected_at >= :from AND i.detected_at < :to))
			ORDER BY i.detected_at DESC
			""";

	private static final String ACTION_ITEMS = """
			SELECT id, postmortem_id, title, owner, status, due_date FROM postmortem_action_items
			WHERE workspace_id = :ws AND postmortem_id IN (:ids) ORDER BY created_at, id
			""";

	private static final String OPEN_BY_SEVERITY = """
			SELECT severity, count(*) AS n FROM incidents
			WHERE workspace_id = :ws AND status IN ('open', 'acknowledged', 'mitigated')
			  AND (CAST(:dept AS text) IS NULL OR department = :dept)
			GROUP BY severity
			""";

	private static final String SUMMARY = """
			SELECT count(*) AS n,
			    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.detected_at) / 60)
			        FILTER (WHERE i.acknowledged_at IS NOT NULL) AS mtta,
			    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.detected_at) / 60)
			        FILTER (WHERE i.resolved_at IS NOT NULL) AS mttr,
			    count(*) FILTER (WHERE i.severity IN ('sev1', 'sev2')) AS needs_pm,
			    count(*) FILTER (WHERE i.severity IN ('sev1', 'sev2') AND EXISTS (SELECT 1 FROM postmortems p
			        WHERE p.workspace_id = i.workspace_id AND p.incident_id = i.id AND p.status = 'published')) AS pm_done
			FROM incidents i
			""" + WHERE;

	private static final String FIRING = """
			SELECT count(*) FROM alerts WHERE workspace_id = :ws AND status = 'firing'
			""";

	private static final String BY_SEVERITY = """
			SELECT i.severity, count(*) AS n,
			    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.detected_at) / 60)
			        FILTER (WHERE i.acknowledged_at IS NOT NULL) AS mtta50,
			    percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.detected_at) / 60)
			        FILTER (WHERE i.acknowledged_at IS NOT NULL) AS mtta90,
			    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.detected_at) / 60)
			        FILTER (WHERE i.resolved_at IS NOT NULL) AS mttr50,
			    percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.detected_at) / 60)
			        FILTER (WHERE i.resolved_at IS NOT NULL) AS mttr90
			FROM incidents i
			""" + WHERE + """
			GROUP BY i.severity ORDER BY i.severity
			""";

	private static final String WEEKLY = """
			SELECT date_trunc('week', i.detected_at) AS week, i.severity,
			    avg(extract(epoch FROM i.resolved_at - i.detected_at) / 60) AS mttr
			FROM incidents i
			""" + WHERE + """
			  AND i.resolved_at IS NOT NULL
			GROUP BY 1, 2 ORDER BY 1, 2
			""";

	private static final String BY_DEPARTMENT = """
			SELECT coalesce(i.department, 'fleet') AS department,
			    count(*) FILTER (WHERE i.severity = 'sev1') AS sev1, count(*) FILTER (WHERE i.severity = 'sev2') AS sev2,
			    count(*) FILTER (WHERE i.severity = 'sev3') AS sev3, count(*) FILTER (WHERE i.severity = 'sev4') AS sev4,
			    count(*) AS total
			FROM incidents i
			""" + WHERE + """
			GROUP BY 1 ORDER BY total DESC, 1
			""";

	private static final String CAUSES = """
			SELECT coalesce(i.cause, 'unknown') AS cause, count(*) AS n,
			    coalesce(sum(extract(epoch FROM coalesce(i.resolved_at, :to) - i.detected_at) / 60), 0) AS minutes
			FROM incidents i
			""" + WHERE + """
			GROUP BY 1 ORDER BY n DESC, minutes DESC LIMIT 10
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	IncidentReads(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	private static Map<String, Object> params(UUID ws, StandardFilters f) {
		Map<String, Object> p = new HashMap<>();
		p.put("ws", ws);
		p.put("from", Timestamp.from(f.from()));
		p.put("to", Timestamp.from(f.to()));
		p.put("dept", f.department());
		p.put("agent", f.agentId());
		return p;
	}

	List<IncidentItem> list(UUID ws, StandardFilters f, String status, String severity) {
		Map<String, Object> p = params(ws, f);
		p.put("status", status);
		p.put("severity", severity);
		p.put("limit", f.limit());
		p.put("offset", f.offset());
		return this.jdbc.sql(LIST).params(p).query(IncidentReads::item).list();
	}

	long count(UUID ws, StandardFilters f, String status, String severity) {
		Map<String, Object> p = params(ws, f);
		p.put("status", status);
		p.put("severity", severity);
		return this.jdbc.sql(COUNT).params(p).query(Long.class).single();
	}

	Optional<IncidentViews.IncidentDetail> detail(UUID ws, UUID id) {
		Optional<IncidentItem> item = this.jdbc.sql(ONE).param("ws", ws).param("id", id).query(IncidentReads::item)
			.optional();
		return item.map((i) -> {
			List<IncidentEvent> events = this.jdbc.sql(EVENTS).param("ws", ws).param("id", id)
				.query((rs, n) -> new IncidentEvent(rs.getObject("id", UUID.class), rs.getString("event_type"),
						rs.getString("message"), rs.getString("actor"), instant(rs, "occurred_at"),
						this.mapper.readValue(rs.getString("data"), new TypeReference<Map<String, Object>>() {
						})))
				.list();
			List<LinkedAlert> alerts = this.jdbc.sql(ALERTS).param("ws", ws).param("id", id)
				.query((rs, n) -> new LinkedAlert(rs.getObject("id", UUID.class), rs.getString("title"),
						rs.getString("severity"), rs.getString("status"), instant(rs, "fired_at"),
						instant(rs, "resolved_at")))
				.list();
			List<Postmortem> pm = postmortems(ws, null, id);
			return new IncidentViews.IncidentDetail(i, events, alerts, pm.isEmpty() ? null : pm.get(0));
		});
	}

	List<Postmortem> postmortems(UUID ws, StandardFilters f, UUID incidentId) {
		Map<String, Object> p = new HashMap<>();
		p.put("ws", ws);
		p.put("incident", incidentId);
		p.put("from", Timestamp.from((f != null) ? f.from() : Instant.EPOCH));
		p.put("to", Timestamp.from((f != null) ? f.to() : Instant.now()));
		List<Object[]> rows = this.jdbc.sql(POSTMORTEMS).params(p).query((rs, n) -> new Object[] {
				rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class), rs.getString("title"),
				rs.getString("severity"), rs.getString("status"), rs.getString("summary"), rs.getString("root_cause"),
				rs.getString("author"), instant(rs, "created_at"), instant(rs, "published_at") }).list();
		Map<UUID, List<ActionItem>> items = new HashMap<>();
		if (!rows.isEmpty()) {
			this.jdbc.sql(ACTION_ITEMS).param("ws", ws).param("ids", rows.stream().map((r) -> r[0]).toList())
				.query((rs) -> {
					items.computeIfAbsent(rs.getObject("postmortem_id", UUID.class), (k) -> new ArrayList<>())
						.add(new ActionItem(rs.getObject("id", UUID.class), rs.getString("title"),
								rs.getString("owner"), rs.getString("status"),
								(rs.getDate("due_date") != null) ? rs.getDate("due_date").toString() : null));
				});
		}
		List<Postmortem> out = new ArrayList<>();
		for (Object[] r : rows) {
			List<ActionItem> ai = items.getOrDefault((UUID) r[0], List.of());
			out.add(new Postmortem((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
					(String) r[5], (String) r[6], (String) r[7], (Instant) r[8], (Instant) r[9], ai,
					ai.stream().filter((a) -> "open".equals(a.status())).count()));
		}
		return out;
	}

	IncidentViews.IncidentKpis kpis(UUID ws, StandardFilters f, Double budgetRemaining, Double compliance) {
		Map<String, Long> open = new LinkedHashMap<>();
		for (String sev : IncidentActions.SEVERITIES) {
			open.put(sev, 0L);
		}
		Map<String, Object> p = params(ws, f);
		this.jdbc.sql(OPEN_BY_SEVERITY).params(p).query((rs) -> {
			open.put(rs.getString("severity"), rs.getLong("n"));
		});
		long firing = this.jdbc.sql(FIRING).param("ws", ws).query(Long.class).single();
		return this.jdbc.sql(SUMMARY).params(p).query((rs, n) -> {
			long needs = rs.getLong("needs_pm");
			return new IncidentViews.IncidentKpis(open.values().stream().mapToLong(Long::longValue).sum(), open,
					rs.getLong("n"), round(dbl(rs, "mtta")), round(dbl(rs, "mttr")),
					(needs > 0) ? round(100.0 * rs.getLong("pm_done") / needs) : null, budgetRemaining, compliance,
					firing);
		}).single();
	}

	IncidentViews.MttrView mttr(UUID ws, StandardFilters f) {
		Map<String, Object> p = params(ws, f);
		List<SeverityStats> stats = this.jdbc.sql(BY_SEVERITY).params(p)
			.query((rs, n) -> new SeverityStats(rs.getString("severity"), rs.getLong("n"), round(dbl(rs, "mtta50")),
					round(dbl(rs, "mtta90")), round(dbl(rs, "mttr50")), round(dbl(rs, "mttr90"))))
			.list();
		Map<Instant, Map<String, Object>> weeks = new LinkedHashMap<>();
		this.jdbc.sql(WEEKLY).params(p).query((rs) -> {
			Instant week = instant(rs, "week");
			Map<String, Object> row = weeks.computeIfAbsent(week, (w) -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("week", w.toString());
				return m;
			});
			row.put(rs.getString("severity"), round(dbl(rs, "mttr")));
		});
		return new IncidentViews.MttrView(stats, new ArrayList<>(weeks.values()));
	}

	List<DepartmentSeverity> byDepartment(UUID ws, StandardFilters f) {
		return this.jdbc.sql(BY_DEPARTMENT).params(params(ws, f))
			.query((rs, n) -> new DepartmentSeverity(rs.getString("department"), rs.getLong("sev1"),
					rs.getLong("sev2"), rs.getLong("sev3"), rs.getLong("sev4"), rs.getLong("total")))
			.list();
	}

	List<Cause> causes(UUID ws, StandardFilters f) {
		return this.jdbc.sql(CAUSES).params(params(ws, f))
			.query((rs, n) -> new Cause(rs.getString("cause"), rs.getLong("n"), round(rs.getDouble("minutes"))))
			.list();
	}

	private static IncidentItem item(ResultSet rs, int row) throws SQLException {
		Instant detected = instant(rs, "detected_at");
		Instant ack = instant(rs, "acknowledged_at");
		Instant resolved = instant(rs, "resolved_at");
		return new IncidentItem(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("severity"),
				rs.getString("status"), rs.getString("department"), rs.getString("agent_id"), rs.getString("cause"),
				rs.getString("assignee"), detected, ack, instant(rs, "mitigated_at"), resolved,
				instant(rs, "closed_at"), minutes(detected, ack), minutes(detected, resolved),
				rs.getLong("alert_count"), rs.getString("pm_status"));
	}

	private static Double minutes(Instant from, Instant to) {
		return (from != null && to != null) ? round((to.toEpochMilli() - from.toEpochMilli()) / 60_000.0) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	private static Double dbl(ResultSet rs, String column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

	static Double round(Double v) {
		return (v != null) ? Math.round(v * 10) / 10.0 : null;
	}

}
