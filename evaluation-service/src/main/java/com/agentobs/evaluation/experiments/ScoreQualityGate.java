package com.agentobs.evaluation.experiments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The quality gate over the Quality tab's evaluations: the canary fails it when its mean score is
 * more than {@value #MAX_DROP} points below the stable version's, with at least {@value #MIN_SCORES}
 * scores in each arm (fewer: no data).
 */
@Component
class ScoreQualityGate implements QualityGate {

	static final double MAX_DROP = 5.0;

	static final int MIN_SCORES = 30;

	private final JdbcClient jdbc;

	ScoreQualityGate(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Result check(UUID ws, String agentId, String canaryVersion, Instant from, Instant to) {
		Map<Boolean, double[]> arms = new HashMap<>();
		this.jdbc.sql("""
				SELECT COALESCE(agent_version, '') = :version AS canary, count(*) AS n, avg(score) AS mean
				FROM evaluations
				WHERE workspace_id = :ws AND agent_id = :agent AND status = 'scored'
				  AND trace_timestamp >= :from AND trace_timestamp < :to
				GROUP BY 1""")
			.param("ws", ws)
			.param("agent", agentId)
			.param("version", canaryVersion)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((java.sql.ResultSet rs) -> {
				arms.put(rs.getBoolean("canary"), new double[] { rs.getLong("n"), rs.getDouble("mean") });
			});
		double[] canary = arms.get(true);
		double[] control = arms.get(false);
		if (canary == null || control == null || canary[0] < MIN_SCORES || control[0] < MIN_SCORES) {
			return new Result(Verdict.NO_DATA, (control != null) ? control[1] : null,
					(canary != null) ? canary[1] : null, "fewer than " + MIN_SCORES + " scores in an arm");
		}
		boolean pass = canary[1] >= control[1] - MAX_DROP;
		return new Result(pass ? Verdict.PASS : Verdict.FAIL, control[1], canary[1],
				String.format("canary %.1f vs stable %.1f (max drop %.0f)", canary[1], control[1], MAX_DROP));
	}

}
