package com.agentobs.query.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.agentobs.query.fleetdata.Change.Metric;

final class CostBreakdownResponses {

	private CostBreakdownResponses() {
	}

	// GET /api/v1/cost/by-intent (one row per intent)
	record IntentCost(String intent, BigDecimal totalCost, long requestCount, BigDecimal costPerRequest,
			double pctOfCost, Double costChange, long tokens) {
	}

	// GET /api/v1/cost/token-usage
	record TokenUsage(Metric tokensInput, Metric tokensOutput, Metric tokensTotal, Double outputInputRatio,
			List<TokenPoint> overTime) {
	}

	record TokenPoint(Instant timestamp, long tokensInput, long tokensOutput) {
	}

}
