package com.agentobs.evaluation.online;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code evaluation_backfills}. Inside a workspace transaction, except {@link #claim}. */
@Repository
class BackfillStore {

	private static final String COLUMNS = """
			SELECT b.id, b.rule_id, r.name AS rule_name, b.window_from, b.window_to, b.status, b.rate_per_second,
			       b.total_traces, b.processed_traces, b.written_count, b.cursor_timestamp, b.cursor_trace_id, b.error,
			       b.created_at, b.started_at, b.finished_at
			FROM evaluation_backfills b
			         LEFT JOIN evaluator_rules r ON r.id = b.rule_id AND r.workspace_id = b.workspace_id
			""";

	private static final String CLAIM = "SELECT id, workspace_id FROM agentobs_claim_evaluation_backfill(:holder, "
			+ "CAST(:lease AS interval))";

	private final JdbcClient jdbc;

	BackfillStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Claim(UUID id, UUID workspaceId) {
	}

	/** The oldest runnable backfill of any workspace, leased to {@code holder}. */
	Optional<Claim> claim(String holder, Duration lease) {
		return this.jdbc.sql(CLAIM)
			.param("holder", holder)
			.param("lease", lease.toMillis() + " milliseconds")
			.query((rs, i) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class)))
			.optional();
	}

	UUID insert(UUID ws, UUID ruleId, Instant from, Instant to, int rate, long total, UUID createdBy) {
		return this.jdbc.sql("""
				INSERT INTO evaluation_backfills (workspace_id, rule_id, window_from, window_to, rate_per_second,
				                                  total_traces, created_by)
				VALUES (:ws, :rule, :from, :to, :rate, :total, :by) RETURNING id""")
			.param("ws", ws)
			.param("rule", ruleId)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("rate", rate)
			.param("total", total)
			.param("by", createdBy)
			.query(UUID.class)
			.single();
	}

	List<Backfill> list(UUID ws, int limit) {
		return this.jdbc.sql(COLUMNS + " WHERE b.workspace_id = :ws ORDER BY b.created_at DESC, b.id LIMIT :limit")
			.param("ws", ws)
			.param("limit", limit)
			.query(BackfillStore::map)
			.list();
	}

	Optional<Backfill> find(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE b.workspace_id = :ws AND b.id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(BackfillStore::map)
			.optional();
	}

	/** The run, row-locked: a chunk's commit, a cancel and a resume serialise on it. */
	Optional<Backfill> lock(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE b.workspace_id = :ws AND b.id = :id FOR UPDATE OF b")
			.param("ws", ws)
			.param("id", id)
			.query(BackfillStore::map)
			.optional();
	}

	boolean hasActive(UUID ws, UUID ruleId) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM evaluation_backfills
				               WHERE workspace_id = :ws AND rule_id = :rule AND status IN ('queued', 'running'))""")
			.param("ws", ws)
			.param("rule", ruleId)
			.query(Boolean.class)
			.single();
	}

	/** Records one scanned page: the cursor moves, the counters add up; done when the window is exhausted. */
	void advance(UUID ws, UUID id, Instant cursorTimestamp, String cursorTraceId, int scanned, int written,
			boolean finished) {
		this.jdbc.sql("""
				UPDATE evaluation_backfills
				SET cursor_timestamp = COALESCE(:cursor_ts, cursor_timestamp),
				    cursor_trace_id = COALESCE(:cursor_id, cursor_trace_id),
				    processed_traces = processed_traces + :scanned, written_count = written_count + :written,
				    status = CASE WHEN :finished THEN 'done' ELSE status END,
				    finished_at = CASE WHEN :finished THEN NOW() ELSE finished_at END,
				    leased_until = CASE WHEN :finished THEN NULL ELSE leased_until END, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", id)
			.param("cursor_ts", (cursorTimestamp != null) ? Timestamp.from(cursorTimestamp) : null)
			.param("cursor_id", cursorTraceId)
			.param("scanned", scanned)
			.param("written", written)
			.param("finished", finished)
			.update();
	}

	void setStatus(UUID ws, UUID id, String status, String error) {
		this.jdbc.sql("""
				UPDATE evaluation_backfills
				SET status = :status, error = :error, leased_until = NULL, lease_holder = NULL, updated_at = NOW(),
				    finished_at = CASE WHEN :status IN ('done', 'cancelled', 'failed') THEN NOW() END
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", id)
			.param("status", status)
			.param("error", error)
			.update();
	}

	/** Undo of a started backfill: back to an empty queued run (its evaluations are deleted by the caller). */
	void reset(UUID ws, UUID id, String status) {
		this.jdbc.sql("""
				UPDATE evaluation_backfills
				SET status = :status, processed_traces = 0, written_count = 0, cursor_timestamp = NULL,
				    cursor_trace_id = NULL, leased_until = NULL, lease_holder = NULL, updated_at = NOW(),
				    finished_at = CASE WHEN :status = 'cancelled' THEN NOW() END
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", id)
			.param("status", status)
			.update();
	}

	private static Backfill map(ResultSet rs, int row) throws SQLException {
		long total = rs.getLong("total_traces");
		long processed = rs.getLong("processed_traces");
		String status = rs.getString("status");
		Double progress = Backfill.DONE.equals(status) ? Double.valueOf(100)
				: (total > 0) ? Math.min(100, Math.round(1000.0 * processed / total) / 10.0) : null;
		return new Backfill(rs.getObject("id", UUID.class), rs.getObject("rule_id", UUID.class),
				rs.getString("rule_name"), instant(rs, "window_from"), instant(rs, "window_to"), status,
				rs.getInt("rate_per_second"), total, processed, rs.getLong("written_count"), progress,
				instant(rs, "cursor_timestamp"), rs.getString("cursor_trace_id"), rs.getString("error"), instant(rs, "created_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
