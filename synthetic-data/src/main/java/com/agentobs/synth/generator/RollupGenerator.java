package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.synth.model.OrgPlan;

/**
 * traces_hourly / traces_daily over the whole history, by THE rollup function of V003 (the same one
 * processing-service calls), once at the end: the seeder never computes rollups itself.
 */
final class RollupGenerator implements Generator {

	private static final String REBUILD = "SELECT agentobs_rebuild_rollups(?, ?, ?)";

	private static final String COUNT = """
			SELECT (SELECT count(*) FROM traces_hourly WHERE workspace_id = ?),
			       (SELECT count(*) FROM traces_daily WHERE workspace_id = ?)
			""";

	@Override
	public String name() {
		return "rollups";
	}

	@Override
	public List<String> tables() {
		return List.of("traces_hourly", "traces_daily");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("traces_hourly, traces_daily", "rebuilt by agentobs_rebuild_rollups over %d days"
			.formatted(plan.days()));
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(REBUILD)) {
				ps.setObject(1, plan.workspaceId());
				ps.setTimestamp(2, new Timestamp(plan.startMillis()));
				ps.setTimestamp(3, new Timestamp(plan.nowMillis()));
				ps.execute();
			}
			Map<String, Long> rows = new LinkedHashMap<>();
			try (PreparedStatement ps = c.prepareStatement(COUNT)) {
				ps.setObject(1, plan.workspaceId());
				ps.setObject(2, plan.workspaceId());
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					rows.put("traces_hourly", rs.getLong(1));
					rows.put("traces_daily", rs.getLong(2));
				}
			}
			c.commit();
			return rows;
		}
	}

}
