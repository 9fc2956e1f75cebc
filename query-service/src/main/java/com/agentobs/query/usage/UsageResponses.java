package com.agentobs.query.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.agentobs.query.fleetdata.Change.Metric;

final class UsageResponses {

	private UsageResponses() {
	}

	// GET /api/v1/usage/overview
	record Overview(Metric totalApiCalls, Metric uniqueUsers, Metric activeAgents, Metric avgCallsPerUser,
			List<DepartmentCalls> callsByDepartment, List<Point> callsOverTime) {
	}

	record DepartmentCalls(String department, long value, double pct) {
	}

	record Point(Instant timestamp, long value) {
	}

	// GET /api/v1/usage/intent-distribution (one row)
	record IntentRow(String department, String intent, long count, double pctOfDept, double pctOfTotal) {
	}

	// GET /api/v1/usage/top-agents (one row)
	record TopAgent(String agentId, String department, long requestCount, double pct, Double errorRate,
			BigDecimal costUsd) {
	}

	// GET /api/v1/usage/top-users (one row)
	record TopUser(String userId, long requestCount, long agentsUsed, BigDecimal costUsd, Instant lastSeenAt) {
	}

	// GET /api/v1/usage/adoption (one row)
	record AdoptionPoint(Instant timestamp, long activeUsers, long newUsers, long cumulativeUsers,
			long activeAgents) {
	}

}
