package com.agentobs.query.home;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

// GET /api/v1/metrics/home-kpis
record HomeKpisResponse(TotalRequests totalRequests, AvgLatency avgLatency, ErrorRate errorRate, TotalCost totalCost,
		QualityScore avgQualityScore) {

	record TotalRequests(long value, Double change, String changeLabel, List<DepartmentShare> byDepartment,
			List<Point> sparkline) {
	}

	record DepartmentShare(String department, long value, double pct) {
	}

	record Point(Instant timestamp, long value) {
	}

	record AvgLatency(Double value, Double p50, Double p90, Double p95, Double p99, Double change,
			String changeLabel) {
	}

	record ErrorRate(Double value, Double change, String changeLabel, ErrorBreakdown errorBreakdown) {
	}

	record ErrorBreakdown(long timeout, long rateLimit, long serverError) {
	}

	record TotalCost(BigDecimal value, Double change, String changeLabel, List<ProviderCost> byProvider,
			List<CostPoint> sparkline) {
	}

	/** Cost in a bucket, USD to the cent. */
	record CostPoint(Instant timestamp, BigDecimal value) {
	}

	record ProviderCost(String provider, BigDecimal cost, double pct) {
	}

	/** The automated evaluators' average and band distribution; null values with a note when nothing was scored. */
	record QualityScore(Double value, Double change, String changeLabel, Object distribution, String note) {
	}

}
