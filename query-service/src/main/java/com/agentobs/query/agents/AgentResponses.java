package com.agentobs.query.agents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.agentobs.query.fleetdata.AgentDirectory;
import com.agentobs.query.fleetdata.Change.Metric;

final class AgentResponses {

	private AgentResponses() {
	}

	// GET /api/v1/agents (one row)
	record AgentSummary(String agentId, String name, String department, String environment, String version,
			String agentStatus, boolean isPaused, String model, String modelProvider, long requestCount,
			Double errorRate, Double latencyP90, BigDecimal costUsd) {
	}

	// GET /api/v1/agents/{agent_id}
	record AgentDetail(AgentDirectory.Agent agent, Headline metrics, List<VersionMetrics> versions) {
	}

	// GET /api/v1/agents/{agent_id}/metrics
	record AgentMetrics(Headline metrics, List<Point> overTime) {
	}

	record Headline(Metric requestCount, Metric errorRate, Metric latencyP50, Metric latencyP90, Metric latencyP99,
			Metric costUsd) {
	}

	record VersionMetrics(String version, long requestCount, Double errorRate, Double latencyP90) {
	}

	record Point(Instant timestamp, long requestCount, Double errorRate, Double latencyP90) {
	}

	// GET /api/v1/departments (one row)
	record DepartmentOption(String code, String name, BigDecimal budgetMonthlyUsd, long agentCount) {
	}

	// GET /api/v1/environments (one row)
	record EnvironmentOption(String name, String type, long agentCount) {
	}

	// GET /api/v1/versions (one row)
	record VersionOption(String version, long agentCount) {
	}

}
