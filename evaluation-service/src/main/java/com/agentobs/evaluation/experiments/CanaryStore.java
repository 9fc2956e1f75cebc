package com.agentobs.evaluation.experiments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code canaries} and {@code canary_analysis_runs}; inside a workspace transaction except {@link #claimDue}. */
@Repository
class CanaryStore {

	private static final String COLUMNS = """
			SELECT id, agent_id, from_version, to_version, steps, step_index, interval_seconds, min_requests_per_arm,
			       max_error_rate_diff, max_p90_ratio, quality_gate, failure_limit, failures, status, pre_config_version,
			       pre_config_hash, step_started_at, progress_deadline_seconds, next_check_at, started_at
			FROM canaries""";

	/** One arm's traffic over a window. */
	record Arm(long n, long errors, Double p90) {
	}

	private final JdbcClient jdbc;

	CanaryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	UUID insert(UUID ws, CanaryDefinition d, String fromVersion, Integer preVersion, String preHash, Instant now,
			String createdBy) {
		return this.jdbc.sql("""
				INSERT INTO canaries (workspace_id, agent_id, from_version, to_version, steps, interval_seconds,
				                      min_requests_per_arm, max_error_rate_diff, max_p90_ratio, quality_gate, failure_limit,
				                      pre_config_version, pre_config_hash, step_started_at, progress_deadline_seconds,
				                      next_check_at, started_at, created_by)
				VALUES (:ws, :agent, :from, :to, CAST(:steps AS integer[]), :interval, :min, :err, :p90, :quality, :limit,
				        :pre_version, :pre_hash, :now, :deadline, :next, :now, :by)
				RETURNING id""")
			.param("ws", ws)
			.param("agent", d.agentId())
			.param("from", fromVersion)
			.param("to", d.toVersion())
			.param("steps", "{" + String.join(",", d.steps().stream().map(String::valueOf).toList()) + "}")
			.param("interval", d.intervalSeconds())
			.param("min", d.minRequestsPerArm())
			.param("err", d.maxErrorRateDiff())
			.param("p90", d.maxP90Ratio())
			.param("quality", d.qualityGate())
			.param("limit", d.failureLimit())
			.param("pre_version", preVersion)
			.param("pre_hash", preHash)
			.param("now", Timestamp.from(now))
			.param("deadline", d.progressDeadlineSeconds())
			.param("next", Timestamp.from(now.plusSeconds(d.intervalSeconds())))
			.param("by", createdBy)
			.query(UUID.class)
			.single();
	}

	Optional<Canary> find(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(CanaryStore::map)
			.optional();
	}

	Optional<Canary> lock(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws AND id = :id FOR UPDATE")
			.param("ws", ws)
			.param("id", id)
			.query(CanaryStore::map)
			.optional();
	}

	Optional<Canary> live(UUID ws, String agentId) {
		return this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws AND agent_id = :agent AND status IN ('running', 'paused')")
			.param("ws", ws)
			.param("agent", agentId)
			.query(CanaryStore::map)
			.optional();
	}

	void apply(UUID ws, Canary.State s) {
		this.jdbc.sql("""
				UPDATE canaries SET step_index = :step, failures = :failures, status = :status, step_started_at = :started,
				                    next_check_at = :next, finished_at = :finished, abort_reason = :reason
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", s.canaryId())
			.param("step", s.stepIndex())
			.param("failures", s.failures())
			.param("status", s.status())
			.param("started", Timestamp.from(s.stepStartedAt()))
			.param("next", Timestamp.from(s.nextCheckAt()))
			.param("finished", ExperimentStore.ts(s.finishedAt()))
			.param("reason", s.abortReason())
			.update();
	}

	/** Leases up to {@code limit} running canaries due at {@code now}, across workspaces. */
	List<Map.Entry<UUID, UUID>> claimDue(String holder, Instant now, Duration lease, int limit) {
		return this.jdbc.sql("SELECT workspace_id, id FROM agentobs_claim_due_canaries(:holder, :now, "
				+ "CAST(:lease AS interval), :limit)")
			.param("holder", holder)
			.param("now", Timestamp.from(now))
			.param("lease", lease.toMillis() + " milliseconds")
			.param("limit", limit)
			.query((rs, i) -> Map.entry(rs.getObject("workspace_id", UUID.class), rs.getObject("id", UUID.class)))
			.list();
	}

	void release(UUID ws, UUID id) {
		this.jdbc.sql("UPDATE canaries SET leased_until = NULL, lease_owner = NULL WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	/** Requests and errors per arm of the agent since {@code from}: the canary arm runs {@code version}. */
	Map<Boolean, Arm> arms(UUID ws, String agentId, String version, Instant from, Instant to) {
		Map<Boolean, Arm> out = new java.util.HashMap<>();
		out.put(true, new Arm(0, 0, null));
		out.put(false, new Arm(0, 0, null));
		this.jdbc.sql("""
				SELECT COALESCE(agent_version, version) = :version AS canary, count(*) AS n,
				       count(*) FILTER (WHERE status <> 'success') AS errors,
				       percentile_cont(0.9) WITHIN GROUP (ORDER BY latency_ms) AS p90
				FROM traces
				WHERE workspace_id = :ws AND agent_id = :agent AND timestamp >= :from AND timestamp < :to
				GROUP BY 1""")
			.param("ws", ws)
			.param("agent", agentId)
			.param("version", version)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((ResultSet rs) -> {
				out.put(rs.getBoolean("canary"),
						new Arm(rs.getLong("n"), rs.getLong("errors"), ExperimentResults.dbl(rs, "p90")));
			});
		return out;
	}

	void insertRun(UUID ws, Canary c, Instant at, String verdict, Arm control, Arm canary, String checksJson,
			String outcome, UUID actionId) {
		this.jdbc.sql("""
				INSERT INTO canary_analysis_runs (workspace_id, canary_id, step_index, weight, checked_at, verdict, control_n,
				                                  canary_n, control_errors, canary_errors, control_p90, canary_p90, checks,
				                                  outcome, action_id)
				VALUES (:ws, :id, :step, :weight, :at, :verdict, :cn, :kn, :ce, :ke, :cp, :kp, CAST(:checks AS jsonb),
				        :outcome, :action)""")
			.param("ws", ws)
			.param("id", c.canaryId())
			.param("step", c.stepIndex())
			.param("weight", c.weight())
			.param("at", Timestamp.from(at))
			.param("verdict", verdict)
			.param("cn", control.n())
			.param("kn", canary.n())
			.param("ce", control.errors())
			.param("ke", canary.errors())
			.param("cp", control.p90())
			.param("kp", canary.p90())
			.param("checks", checksJson)
			.param("outcome", outcome)
			.param("action", actionId)
			.update();
	}

	private static Canary map(ResultSet rs, int i) throws SQLException {
		Integer[] steps = (Integer[]) rs.getArray("steps").getArray();
		int pre = rs.getInt("pre_config_version");
		Integer preVersion = rs.wasNull() ? null : pre;
		return new Canary(rs.getObject("id", UUID.class), rs.getString("agent_id"), rs.getString("from_version"),
				rs.getString("to_version"), List.of(steps), rs.getInt("step_index"), rs.getInt("interval_seconds"),
				rs.getInt("min_requests_per_arm"), rs.getDouble("max_error_rate_diff"), rs.getDouble("max_p90_ratio"),
				rs.getBoolean("quality_gate"), rs.getInt("failure_limit"), rs.getInt("failures"), rs.getString("status"),
				preVersion, rs.getString("pre_config_hash"), ExperimentStore.instant(rs, "step_started_at"),
				rs.getInt("progress_deadline_seconds"), ExperimentStore.instant(rs, "next_check_at"),
				ExperimentStore.instant(rs, "started_at"));
	}

}
