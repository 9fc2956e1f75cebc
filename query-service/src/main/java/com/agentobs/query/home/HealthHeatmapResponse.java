package com.agentobs.query.home;

import java.time.Instant;
import java.util.List;
import java.util.Map;

// GET /api/v1/fleet/health-heatmap
record HealthHeatmapResponse(List<AgentRow> agents, List<Instant> timeBuckets, List<List<Integer>> heatmap,
		Map<String, List<Integer>> bands, String formula) {

	record AgentRow(String agentId, String name, String department, String environment, String version) {
	}

}
