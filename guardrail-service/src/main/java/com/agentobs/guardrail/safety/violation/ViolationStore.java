package com.agentobs.guardrail.safety.violation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes {@code guardrail_violations} and {@code guardrail_check_log_hourly}; callers run inside a workspace transaction. */
@Repository
public class ViolationStore {

	private static final String INSERT = """
			INSERT INTO guardrail_violations (workspace_id, detected_at, trace_id, agent_id, department_code, environment,
			    policy_id, violation_type, category, severity, action_taken, confidence, source, direction, details, dedup_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
			ON CONFLICT (workspace_id, dedup_key) DO NOTHING""";

	private static final String UPSERT_CHECKS = """
			INSERT INTO guardrail_check_log_hourly AS h (workspace_id, hour, agent_id, checks, flagged, redacted, blocked,
			                                             latency_buckets)
			VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT[]))
			ON CONFLICT (workspace_id, hour, agent_id) DO UPDATE
			SET checks = h.checks + EXCLUDED.checks, flagged = h.flagged + EXCLUDED.flagged,
			    redacted = h.redacted + EXCLUDED.redacted, blocked = h.blocked + EXCLUDED.blocked,
			    latency_buckets = ARRAY(SELECT a + b FROM unnest(h.latency_buckets, EXCLUDED.latency_buckets) AS u(a, b))""";

	/** Upper bounds of {@code latency_buckets}, in milliseconds (the last bucket is everything above). */
	public static final double[] LATENCY_BOUNDS_MS = { 0.5, 1, 2, 5, 10, 20, 50, 100 };

	/** One agent-hour of check counts. */
	public record CheckCounts(UUID workspaceId, Instant hour, String agentId, long checks, long flagged, long redacted,
			long blocked, long[] latencyBuckets) {
	}

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	ViolationStore(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public void insert(List<NewViolation> violations) {
		this.jdbc.batchUpdate(INSERT, violations, 500, (ps, v) -> {
			ps.setObject(1, v.workspaceId());
			ps.setTimestamp(2, Timestamp.from(v.detectedAt()));
			ps.setString(3, v.traceId());
			ps.setString(4, v.agentId());
			ps.setString(5, v.department());
			ps.setString(6, v.environment());
			ps.setObject(7, v.policyId());
			ps.setString(8, v.violationType());
			ps.setString(9, v.category());
			ps.setString(10, v.severity());
			ps.setString(11, v.actionTaken());
			ps.setBigDecimal(12, java.math.BigDecimal.valueOf(Math.min(0.999, v.confidence())).setScale(3,
					java.math.RoundingMode.HALF_UP));
			ps.setString(13, v.source());
			ps.setString(14, v.direction());
			ps.setString(15, this.mapper.writeValueAsString(Map.of("excerpt", v.excerpt(), "entity", v.entity())));
			ps.setString(16, v.dedupKey());
		});
	}

	public void addChecks(List<CheckCounts> counts) {
		this.jdbc.batchUpdate(UPSERT_CHECKS, counts, 500, (ps, c) -> {
			ps.setObject(1, c.workspaceId());
			ps.setTimestamp(2, Timestamp.from(c.hour()));
			ps.setString(3, c.agentId());
			ps.setLong(4, c.checks());
			ps.setLong(5, c.flagged());
			ps.setLong(6, c.redacted());
			ps.setLong(7, c.blocked());
			StringBuilder array = new StringBuilder("{");
			for (int i = 0; i < c.latencyBuckets().length; i++) {
				array.append(i > 0 ? "," : "").append(c.latencyBuckets()[i]);
			}
			ps.setString(8, array.append('}').toString());
		});
	}

	/** The bucket index of a latency (see {@link #LATENCY_BOUNDS_MS}). */
	public static int bucket(double latencyMs) {
		for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
			if (latencyMs <= LATENCY_BOUNDS_MS[i]) {
				return i;
			}
		}
		return LATENCY_BOUNDS_MS.length;
	}

}
