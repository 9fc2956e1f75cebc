package com.agentobs.evaluation.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.evaluation.rubric.RubricStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads traces for evaluation (inside a workspace transaction). */
@Repository
public class TraceLoader {

	private static final String SELECT = """
			SELECT t.trace_id, t.timestamp, t.agent_id, d.department_code, t.environment,
			       COALESCE(t.version, t.agent_version) AS version, t.intent_category, t.input, t.output, t.error,
			       t.status, t.latency_ms, t.metadata ->> 'reference' AS reference, t.sample_rate
			FROM traces t
			         LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			""";

	private static final String BY_IDS = SELECT + """
			WHERE t.workspace_id = :ws AND t.trace_id = ANY (CAST(:ids AS text[]))
			  AND t.timestamp >= :from AND t.timestamp <= :to""";

	private static final String BY_ID = SELECT + """
			WHERE t.workspace_id = :ws AND t.trace_id = :id
			ORDER BY t.timestamp DESC LIMIT 1""";

	/** One page of a window in (timestamp, trace_id) order, after a cursor (a backfill's scan). */
	private static final String PAGE = SELECT + """
			WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to
			  AND (CAST(:after_ts AS timestamptz) IS NULL OR (t.timestamp, t.trace_id) > (CAST(:after_ts AS timestamptz), :after_id))
			ORDER BY t.timestamp, t.trace_id
			LIMIT :limit""";

	private static final String COUNT = """
			SELECT count(*) FROM traces t WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to""";

	private final JdbcClient jdbc;

	TraceLoader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The traces of one processed batch; {@code from}/{@code to} bound the scan to its time range. */
	public List<TraceSample> load(UUID ws, List<String> traceIds, Instant from, Instant to) {
		if (traceIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(BY_IDS)
			.param("ws", ws)
			.param("ids", RubricStore.arrayLiteral(traceIds))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, row) -> map(ws, rs))
			.list();
	}

	/** Up to {@code limit} traces of [from, to) after the cursor (null: from the start). */
	public List<TraceSample> page(UUID ws, Instant from, Instant to, Instant afterTimestamp, String afterTraceId,
			int limit) {
		return this.jdbc.sql(PAGE)
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("after_ts", (afterTimestamp != null) ? Timestamp.from(afterTimestamp) : null)
			.param("after_id", (afterTraceId != null) ? afterTraceId : "")
			.param("limit", limit)
			.query((rs, row) -> map(ws, rs))
			.list();
	}

	public long count(UUID ws, Instant from, Instant to) {
		return this.jdbc.sql(COUNT)
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(Long.class)
			.single();
	}

	public Optional<TraceSample> find(UUID ws, String traceId) {
		return this.jdbc.sql(BY_ID).param("ws", ws).param("id", traceId).query((rs, row) -> map(ws, rs)).optional();
	}

	private static TraceSample map(UUID ws, ResultSet rs) throws SQLException {
		int latencyValue = rs.getInt("latency_ms");
		Integer latency = rs.wasNull() ? null : latencyValue;
		return new TraceSample(ws, rs.getString("trace_id"), rs.getTimestamp("timestamp").toInstant(),
				rs.getString("agent_id"), rs.getString("department_code"), rs.getString("environment"),
				rs.getString("version"), rs.getString("intent_category"), rs.getString("input"), rs.getString("output"),
				rs.getString("error"), rs.getString("status"), latency, rs.getString("reference"),
				rs.getInt("sample_rate"));
	}

}
