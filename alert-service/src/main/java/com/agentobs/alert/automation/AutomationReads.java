package com.agentobs.alert.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.agentobs.alert.automation.PlaybookStore.instant;

/**
 * The Automations tab's aggregates over live executions in a range (dry-runs are listed but
 * not counted). Engineer-hours saved: {@value #MANUAL_MINUTES_PER_RUN} minutes of manual work per
 * successful run. Runs inside a workspace transaction.
 */
@Repository
class AutomationReads {

	static final int MANUAL_MINUTES_PER_RUN = 20;

	private static final String LIVE = " e.workspace_id = :ws AND e.mode = 'live' AND e.queued_at >= :from AND e.queued_at < :to ";

	private final JdbcClient jdbc;

	private final PlaybookStore playbooks;

	AutomationReads(JdbcClient jdbc, PlaybookStore playbooks) {
		this.jdbc = jdbc;
		this.playbooks = playbooks;
	}

	List<AutomationViews.PlaybookItem> items(UUID ws, List<Playbook> list, Instant from, Instant to) {
		List<AutomationViews.PlaybookItem> items = new ArrayList<>();
		for (Playbook p : list) {
			Object[] stats = this.jdbc.sql("""
					SELECT count(*) AS n, count(*) FILTER (WHERE e.status = 'succeeded') AS ok,
					       count(*) FILTER (WHERE e.status IN ('failed', 'rolled_back')) AS bad, max(e.queued_at) AS last
					FROM playbook_executions e WHERE e.playbook_id = :playbook AND""" + LIVE)
				.param("ws", ws)
				.param("playbook", p.playbookId())
				.param("from", Timestamp.from(from))
				.param("to", Timestamp.from(to))
				.query((rs, row) -> new Object[] { rs.getLong("n"), rs.getLong("ok"), rs.getLong("bad"),
						instant(rs, "last") })
				.single();
			long n = (Long) stats[0];
			long ok = (Long) stats[1];
			long bad = (Long) stats[2];
			items.add(new AutomationViews.PlaybookItem(p.playbookId(), p.definition().name(),
					p.definition().description(), p.definition().triggerType(), p.enabled(), p.version(),
					p.definition().steps().size(), n, ok, bad, (ok + bad > 0) ? round(100.0 * ok / (ok + bad)) : null,
					(Instant) stats[3], p.nextRunAt(), p.createdAt(), p.updatedAt()));
		}
		return items;
	}

	List<AutomationViews.VersionItem> versions(UUID ws, UUID playbookId) {
		return this.jdbc.sql("""
				SELECT version, created_by, created_at FROM playbook_versions
				WHERE workspace_id = :ws AND playbook_id = :id ORDER BY version DESC
				""").param("ws", ws).param("id", playbookId).query((rs, row) -> new AutomationViews.VersionItem(
						rs.getInt("version"), rs.getString("created_by"), instant(rs, "created_at"))).list();
	}

	AutomationViews.Overview overview(UUID ws, Instant from, Instant to) {
		return new AutomationViews.Overview(kpis(ws, from, to), history(ws, from, to), byPlaybook(ws, from, to),
				sources(ws, from, to), stepFailures(ws, from, to), mttr(ws, from, to), actionsByType(ws, from, to));
	}

	private AutomationViews.Kpis kpis(UUID ws, Instant from, Instant to) {
		Object[] row = query("""
				SELECT count(*) AS n, count(*) FILTER (WHERE e.status = 'succeeded') AS ok,
				       count(*) FILTER (WHERE e.status IN ('failed', 'rolled_back')) AS bad,
				       avg(EXTRACT(EPOCH FROM (e.finished_at - e.started_at)) * 1000)
				           FILTER (WHERE e.status = 'succeeded') AS avg_ms
				FROM playbook_executions e WHERE""" + LIVE, ws, from, to)
			.query((rs, r) -> new Object[] { rs.getLong("n"), rs.getLong("ok"), rs.getLong("bad"),
					rs.getObject("avg_ms") })
			.single();
		long active = this.jdbc.sql("SELECT count(*) FROM playbooks WHERE workspace_id = :ws AND is_enabled AND deleted_at IS NULL")
			.param("ws", ws)
			.query(Long.class)
			.single();
		Object[] next = this.jdbc.sql("""
				SELECT name, next_run_at FROM playbooks
				WHERE workspace_id = :ws AND is_enabled AND deleted_at IS NULL AND next_run_at IS NOT NULL
				ORDER BY next_run_at LIMIT 1
				""").param("ws", ws).query((rs, r) -> new Object[] { rs.getString("name"), instant(rs, "next_run_at") })
			.optional()
			.orElse(new Object[] { null, null });
		long ok = (Long) row[1];
		long bad = (Long) row[2];
		Long avg = (row[3] instanceof Number n) ? Math.round(n.doubleValue()) : null;
		return new AutomationViews.Kpis((ok + bad > 0) ? round(100.0 * ok / (ok + bad)) : null, active, (Long) row[0],
				avg, round(ok * MANUAL_MINUTES_PER_RUN / 60.0), (Instant) next[1], (String) next[0]);
	}

	private List<AutomationViews.HistoryPoint> history(UUID ws, Instant from, Instant to) {
		return query("""
				SELECT to_char(date_trunc('day', e.queued_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
				       count(*) FILTER (WHERE e.status = 'succeeded') AS ok,
				       count(*) FILTER (WHERE e.status IN ('failed', 'rolled_back')) AS bad,
				       count(*) FILTER (WHERE e.status = 'cancelled') AS cancelled,
				       count(*) FILTER (WHERE e.status NOT IN ('succeeded', 'failed', 'rolled_back', 'cancelled')) AS other
				FROM playbook_executions e WHERE""" + LIVE + " GROUP BY 1 ORDER BY 1", ws, from, to)
			.query((rs, r) -> new AutomationViews.HistoryPoint(rs.getString("day"), rs.getLong("ok"), rs.getLong("bad"),
					rs.getLong("cancelled"), rs.getLong("other")))
			.list();
	}

	private List<AutomationViews.PlaybookOutcome> byPlaybook(UUID ws, Instant from, Instant to) {
		return query("""
				SELECT p.id, p.name, count(*) FILTER (WHERE e.status = 'succeeded') AS ok,
				       count(*) FILTER (WHERE e.status IN ('failed', 'rolled_back')) AS bad,
				       count(*) FILTER (WHERE e.status NOT IN ('succeeded', 'failed', 'rolled_back')) AS other
				FROM playbook_executions e JOIN playbooks p ON p.id = e.playbook_id WHERE""" + LIVE
				+ " GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name", ws, from, to)
			.query((rs, r) -> new AutomationViews.PlaybookOutcome(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getLong("ok"), rs.getLong("bad"), rs.getLong("other")))
			.list();
	}

	private List<AutomationViews.TriggerSource> sources(UUID ws, Instant from, Instant to) {
		return query("SELECT e.trigger_source, count(*) AS n FROM playbook_executions e WHERE" + LIVE
				+ " GROUP BY 1 ORDER BY 2 DESC", ws, from, to)
			.query((rs, r) -> new AutomationViews.TriggerSource(rs.getString(1), rs.getLong(2)))
			.list();
	}

	private List<AutomationViews.StepFailure> stepFailures(UUID ws, Instant from, Instant to) {
		return query("""
				SELECT p.id, p.name, s.step_index, s.action_type, count(*) FILTER (WHERE s.status = 'failed') AS failures,
				       count(*) FILTER (WHERE s.status IN ('succeeded', 'failed', 'rolled_back')) AS runs
				FROM playbook_execution_steps s
				JOIN playbook_executions e ON e.id = s.execution_id
				JOIN playbooks p ON p.id = e.playbook_id
				WHERE""" + LIVE + """
				GROUP BY p.id, p.name, s.step_index, s.action_type
				HAVING count(*) FILTER (WHERE s.status = 'failed') > 0
				ORDER BY failures DESC, p.name, s.step_index LIMIT 20
				""", ws, from, to)
			.query((rs, r) -> new AutomationViews.StepFailure(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getInt("step_index"), rs.getString("action_type"), rs.getLong("failures"), rs.getLong("runs")))
			.list();
	}

	private List<AutomationViews.Mttr> mttr(UUID ws, Instant from, Instant to) {
		return this.jdbc.sql("""
				SELECT CASE WHEN i.resolved_by_execution_id IS NULL THEN 'manual' ELSE 'automated' END AS resolution,
				       count(*) AS n, avg(EXTRACT(EPOCH FROM (i.resolved_at - i.detected_at)) / 60.0) AS minutes
				FROM incidents i
				WHERE i.workspace_id = :ws AND i.resolved_at IS NOT NULL AND i.detected_at >= :from AND i.detected_at < :to
				GROUP BY 1 ORDER BY 1
				""")
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, r) -> new AutomationViews.Mttr(rs.getString(1), rs.getLong(2),
					(rs.getObject(3) != null) ? round(rs.getDouble(3)) : null))
			.list();
	}

	private List<AutomationViews.ActionType> actionsByType(UUID ws, Instant from, Instant to) {
		return query("""
				SELECT s.action_type, min(s.owner_service) AS owner,
				       count(*) FILTER (WHERE s.status = 'succeeded') AS ok,
				       count(*) FILTER (WHERE s.status = 'failed') AS bad,
				       count(*) FILTER (WHERE s.status = 'rolled_back') AS rolled
				FROM playbook_execution_steps s JOIN playbook_executions e ON e.id = s.execution_id
				WHERE""" + LIVE + " AND s.status IN ('succeeded', 'failed', 'rolled_back') GROUP BY 1 ORDER BY count(*) DESC",
				ws, from, to)
			.query((rs, r) -> new AutomationViews.ActionType(rs.getString(1), rs.getString(2), rs.getLong(3),
					rs.getLong(4), rs.getLong(5)))
			.list();
	}

	/** 11.3: schedule slots already run in [from, now) and the next ones of every schedule until {@code until}. */
	List<AutomationViews.ScheduledRun> schedule(UUID ws, Instant from, Instant now, Instant until) {
		List<AutomationViews.ScheduledRun> runs = new ArrayList<>(this.jdbc.sql("""
				SELECT l.playbook_id, p.name, l.scheduled_for, e.status, l.execution_id
				FROM playbook_schedule_leases l JOIN playbooks p ON p.id = l.playbook_id
				LEFT JOIN playbook_executions e ON e.id = l.execution_id
				WHERE l.workspace_id = :ws AND l.scheduled_for >= :from AND l.scheduled_for < :now
				ORDER BY l.scheduled_for
				""")
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("now", Timestamp.from(now))
			.query((rs, r) -> new AutomationViews.ScheduledRun(rs.getObject(1, UUID.class), rs.getString(2),
					instant(rs, "scheduled_for"), (rs.getString(4) != null) ? rs.getString(4) : "claimed",
					rs.getObject(5, UUID.class)))
			.list());
		for (Playbook p : this.playbooks.enabledWithTrigger(ws, List.of("schedule"))) {
			Instant next = (p.nextRunAt() != null) ? p.nextRunAt() : AutomationTriggers.nextRun(p.definition(), now);
			int guard = 0;
			while (next != null && next.isBefore(until) && guard++ < 200) {
				runs.add(new AutomationViews.ScheduledRun(p.playbookId(), p.definition().name(), next, "upcoming",
						null));
				ZonedDateTime after = p.definition().cron().next(next.atZone(ZoneOffset.UTC));
				next = (after != null) ? after.toInstant() : null;
			}
		}
		runs.sort(Comparator.comparing(AutomationViews.ScheduledRun::scheduledFor));
		return runs;
	}

	private JdbcClient.StatementSpec query(String sql, UUID ws, Instant from, Instant to) {
		return this.jdbc.sql(sql)
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to));
	}

	static double round(double v) {
		return Math.round(v * 10.0) / 10.0;
	}

}
