package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.synth.model.OrgPlan;

/**
 * traces_hourly / traces_daily over the whole history, by THE rollup function of V003 (the same one
 * processing-service calls): the seeder never computes rollups itself. The history is cut at UTC day
 * boundaries into chunks rebuilt on two connections at once; the function is idempotent per range and
 * the day ranges are disjoint, so the result is the same as one call over everything.
 */
final class RollupGenerator implements Generator {

	private static final String REBUILD = "SELECT agentobs_rebuild_rollups(?, ?, ?)";

	private static final String COUNT = """
			SELECT (SELECT count(*) FROM traces_hourly WHERE workspace_id = ?),
			       (SELECT count(*) FROM traces_daily WHERE workspace_id = ?)
			""";

	static final int PARALLELISM = 2;

	private static final int CHUNK_DAYS = 5;

	private static final String WORK_MEM = "64MB";

	@Override
	public String name() {
		return "rollups";
	}

	@Override
	public List<String> tables() {
		// every table agentobs_rebuild_rollups writes, so --reset leaves no stale slim rollup behind
		return List.of("trace_cells_hourly", "traces_hourly", "traces_daily", "traces_model_hourly", "traces_model_daily",
				"traces_agent_hourly", "traces_agent_6h", "traces_agent_daily", "traces_intent_hourly", "traces_intent_daily",
				"traces_segment_hourly", "traces_segment_daily", "traces_model_6h",
				"user_activity_daily", "users_hourly", "users_daily");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("traces_hourly, traces_daily", "rebuilt by agentobs_rebuild_rollups over %d days"
			.formatted(plan.days()));
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		List<long[]> chunks = new ArrayList<>();
		for (int day = 0; day < plan.days(); day += CHUNK_DAYS) {
			chunks.add(new long[] { plan.dayStartMillis(day), plan.dayStartMillis(Math.min(plan.days(), day + CHUNK_DAYS)) });
		}
		Progress progress = context.progress("rollups", plan.days());
		ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (long[] chunk : chunks) {
				futures.add(pool.submit(() -> {
					rebuild(context, chunk[0], chunk[1]);
					synchronized (progress) {
						progress.advance((chunk[1] - chunk[0]) / OrgPlan.DAY_MS);
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		progress.finish();
		Map<String, Long> rows = new LinkedHashMap<>();
		try (Connection c = context.open(); PreparedStatement ps = c.prepareStatement(COUNT)) {
			ps.setObject(1, plan.workspaceId());
			ps.setObject(2, plan.workspaceId());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				rows.put("traces_hourly", rs.getLong(1));
				rows.put("traces_daily", rs.getLong(2));
			}
		}
		return rows;
	}

	private static void rebuild(SeedContext context, long from, long to) throws Exception {
		try (Connection c = context.open(); PreparedStatement ps = c.prepareStatement(REBUILD)) {
			try (Statement st = c.createStatement()) {
				// plan settings only (the function's result does not depend on them): sorts of a chunk
				// stay in memory instead of spilling; one commit per chunk needs no WAL flush wait
				st.execute("SET work_mem = '" + WORK_MEM + "'");
				st.execute("SET synchronous_commit = off");
			}
			ps.setObject(1, context.workspaceId());
			ps.setTimestamp(2, new Timestamp(from));
			ps.setTimestamp(3, new Timestamp(to));
			ps.execute();
		}
	}

}
