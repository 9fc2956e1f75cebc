package com.agentobs.guardrail.configuration.drift;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code agent_observed_state}: the hash each agent last reported and how many reports in a row missed. */
@Repository
class ObservedStates {

	record Observed(UUID agentId, String observedHash, String desiredHash, int mismatchCount, Instant reportedAt,
			String source) {
	}

	/** A report that matches resets the count; one that does not adds one. Older reports than the stored one are ignored. */
	private static final String REPORT = """
			INSERT INTO agent_observed_state (workspace_id, agent_id, observed_hash, desired_hash, source, runtime_version,
			                                  mismatch_count, reported_at, last_matched_at)
			VALUES (:ws, :agent, :hash, :desired, :source, :runtime,
			        CASE WHEN :hash = :desired THEN 0 ELSE 1 END, :at, CASE WHEN :hash = :desired THEN CAST(:at AS timestamptz) END)
			ON CONFLICT (workspace_id, agent_id) DO UPDATE
			    SET observed_hash = EXCLUDED.observed_hash, desired_hash = EXCLUDED.desired_hash, source = EXCLUDED.source,
			        runtime_version = COALESCE(EXCLUDED.runtime_version, agent_observed_state.runtime_version),
			        mismatch_count = CASE WHEN EXCLUDED.observed_hash = EXCLUDED.desired_hash THEN 0
			                              ELSE agent_observed_state.mismatch_count + 1 END,
			        reported_at = EXCLUDED.reported_at,
			        last_matched_at = COALESCE(EXCLUDED.last_matched_at, agent_observed_state.last_matched_at),
			        updated_at = NOW()
			    WHERE agent_observed_state.reported_at < EXCLUDED.reported_at
			RETURNING mismatch_count""";

	private static final String ALL = """
			SELECT agent_id, observed_hash, desired_hash, mismatch_count, reported_at, source
			FROM agent_observed_state WHERE workspace_id = :ws""";

	private static final String RESET = """
			UPDATE agent_observed_state SET mismatch_count = 0, desired_hash = :desired, updated_at = NOW()
			WHERE workspace_id = :ws AND agent_id = :agent""";

	private final JdbcClient jdbc;

	ObservedStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records one report; returns the mismatch count after it (-1: an older report, ignored). */
	int report(UUID ws, UUID agentId, String hash, String desiredHash, String source, String runtimeVersion,
			Instant at) {
		return this.jdbc.sql(REPORT)
			.param("ws", ws)
			.param("agent", agentId)
			.param("hash", hash)
			.param("desired", desiredHash)
			.param("source", source)
			.param("runtime", runtimeVersion)
			.param("at", Timestamp.from(at))
			.query(Integer.class)
			.optional()
			.orElse(-1);
	}

	Map<UUID, Observed> all(UUID ws) {
		Map<UUID, Observed> out = new HashMap<>();
		this.jdbc.sql(ALL).param("ws", ws).query((rs) -> {
			UUID id = rs.getObject("agent_id", UUID.class);
			out.put(id, new Observed(id, rs.getString("observed_hash"), rs.getString("desired_hash"),
					rs.getInt("mismatch_count"), rs.getObject("reported_at", OffsetDateTime.class).toInstant(),
					rs.getString("source")));
		});
		return out;
	}

	/** After a reconcile: the agent is told the desired config again, its earlier misses no longer count. */
	void reset(UUID ws, UUID agentId, String desiredHash) {
		this.jdbc.sql(RESET).param("ws", ws).param("agent", agentId).param("desired", desiredHash).update();
	}

}
