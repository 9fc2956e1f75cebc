package com.agentobs.evaluation.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code review_queue_items}. Inside a workspace transaction. */
@Repository
class ReviewQueue {

	private static final String OPEN = """
			SELECT q.id, q.trace_id, q.trace_timestamp, q.agent_id, q.rubric_id, r.name AS rubric_name, q.reason,
			       q.assignee, q.leased_until, q.created_at, left(t.input, 300) AS input_preview,
			       left(t.output, 300) AS output_preview,
			       (SELECT e.score FROM evaluations e
			        WHERE e.workspace_id = q.workspace_id AND e.trace_id = q.trace_id AND e.rubric_id = q.rubric_id
			          AND e.evaluator <> 'human' AND e.status = 'scored'
			        ORDER BY e.created_at DESC LIMIT 1) AS automated_score
			FROM review_queue_items q
			         JOIN rubrics r ON r.id = q.rubric_id AND r.workspace_id = q.workspace_id
			         LEFT JOIN traces t ON t.workspace_id = q.workspace_id AND t.trace_id = q.trace_id
			                           AND t.timestamp = q.trace_timestamp
			WHERE q.workspace_id = :ws AND q.status = 'open'
			  AND (CAST(:assignee AS text) IS NULL OR q.assignee = :assignee)
			ORDER BY q.created_at, q.id
			LIMIT :limit""";

	private static final String PROGRESS = """
			SELECT COALESCE(assignee, 'unassigned') AS assignee, count(*) FILTER (WHERE status = 'open') AS open,
			       count(*) FILTER (WHERE status = 'done') AS done
			FROM review_queue_items WHERE workspace_id = :ws
			GROUP BY 1 ORDER BY 1""";

	private static final String FIND_OPEN = """
			SELECT id, assignee FROM review_queue_items
			WHERE workspace_id = :ws AND trace_id = :trace AND rubric_id = :rubric AND status = 'open'
			FOR UPDATE""";

	private static final String COMPLETE = """
			UPDATE review_queue_items
			SET status = 'done', evaluation_id = :evaluation, completed_at = NOW(),
			    assignee = COALESCE(assignee, :reviewer), leased_until = NULL
			WHERE workspace_id = :ws AND id = :id""";

	private static final String REOPEN = """
			UPDATE review_queue_items
			SET status = 'open', evaluation_id = NULL, completed_at = NULL, assignee = :assignee
			WHERE workspace_id = :ws AND id = :id""";

	private final JdbcClient jdbc;

	ReviewQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One open item awaiting a reviewer, with previews of its trace and the automated score. */
	record QueueItem(UUID id, String traceId, Instant traceTimestamp, String agentId, UUID rubricId,
			String rubricName, String reason, String assignee, Instant leasedUntil, Instant createdAt,
			String inputPreview, String outputPreview, Double automatedScore) {
	}

	/** Items per reviewer (the tab's progress per assignee). */
	record Progress(String assignee, long open, long done) {
	}

	record Claimed(UUID id, String assignee) {
	}

	List<QueueItem> open(UUID ws, String assignee, int limit) {
		return this.jdbc.sql(OPEN).param("ws", ws).param("assignee", assignee).param("limit", limit)
			.query((rs, i) -> {
				Timestamp leased = rs.getTimestamp("leased_until");
				double score = rs.getDouble("automated_score");
				Double automated = rs.wasNull() ? null : score;
				return new QueueItem(rs.getObject("id", UUID.class), rs.getString("trace_id"),
						rs.getTimestamp("trace_timestamp").toInstant(), rs.getString("agent_id"),
						rs.getObject("rubric_id", UUID.class), rs.getString("rubric_name"), rs.getString("reason"),
						rs.getString("assignee"), (leased != null) ? leased.toInstant() : null,
						rs.getTimestamp("created_at").toInstant(), rs.getString("input_preview"),
						rs.getString("output_preview"), automated);
			})
			.list();
	}

	List<Progress> progress(UUID ws) {
		return this.jdbc.sql(PROGRESS).param("ws", ws)
			.query((rs, i) -> new Progress(rs.getString("assignee"), rs.getLong("open"), rs.getLong("done")))
			.list();
	}

	/** The open item of this trace and rubric, locked. */
	Optional<Claimed> lockOpen(UUID ws, String traceId, UUID rubricId) {
		return this.jdbc.sql(FIND_OPEN).param("ws", ws).param("trace", traceId).param("rubric", rubricId)
			.query((rs, i) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("assignee")))
			.optional();
	}

	void complete(UUID ws, UUID id, long evaluationId, String reviewer) {
		this.jdbc.sql(COMPLETE).param("ws", ws).param("id", id).param("evaluation", evaluationId)
			.param("reviewer", reviewer).update();
	}

	void reopen(UUID ws, UUID id, String assignee) {
		this.jdbc.sql(REOPEN).param("ws", ws).param("id", id).param("assignee", assignee).update();
	}

}
