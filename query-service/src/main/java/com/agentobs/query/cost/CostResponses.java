package com.agentobs.query.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

final class CostResponses {

	private CostResponses() {
	}

	// GET /api/v1/cost/by-department (one row)
	record DepartmentCost(String departmentCode, String departmentName, BigDecimal totalCost,
			BigDecimal budgetMonthly, Double budgetUsedPct, Double costTrend, List<AgentCost> topAgents) {
	}

	record AgentCost(String agentId, BigDecimal totalCost) {
	}

	// GET /api/v1/cost/provider-comparison (one row)
	record ProviderRow(String provider, String providerName, BigDecimal totalCost, long requestCount,
			Double avgLatency, Double p90Latency, BigDecimal costPerRequest, Double qualityScoreAvg) {
	}

	// GET /api/v1/cost/budget-tracking
	record BudgetTracking(BigDecimal currentPeriodCost, BigDecimal budgetLimit, BigDecimal budgetRemaining,
			int daysRemainingInPeriod, BigDecimal projectedEndOfPeriodCost, String alertStatus, Instant periodStart,
			Instant periodEnd, List<DepartmentBudget> departments) {
	}

	record DepartmentBudget(String departmentCode, BigDecimal currentPeriodCost, BigDecimal budgetLimit,
			BigDecimal budgetRemaining, BigDecimal projectedEndOfPeriodCost, String alertStatus) {
	}

	// GET /api/v1/cost/over-time (one row)
	record ModelCostPoint(Instant timestamp, String model, String modelProvider, BigDecimal costUsd,
			long requestCount) {
	}

}
