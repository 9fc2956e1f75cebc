package com.agentobs.query.performance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.agentobs.query.fleetdata.Change.Metric;

final class PerformanceResponses {

	private PerformanceResponses() {
	}

	// GET /api/v1/performance/overview
	record Overview(Metric latencyP50, Metric latencyP90, Metric latencyP95, Metric latencyP99, Metric errorRate,
			Metric throughputRpm, Metric requestCount, Metric sloCompliancePct, List<OverTime> overTime) {
	}

	record OverTime(Instant timestamp, Double p50, Double p90, Double p99, double throughputRpm, Double errorRate) {
	}

	// GET /api/v1/performance/latency-heatmap
	record LatencyHeatmap(List<String> agents, List<Instant> timeBuckets, List<List<Double>> heatmap,
			String percentile) {
	}

	// GET /api/v1/performance/environment-parity (one row)
	record EnvironmentRow(String environmentName, Double avgLatencyP90, Double errorRate, long requestCount,
			Double parityScore) {
	}

	// GET /api/v1/performance/version-comparison (one row)
	record VersionRow(String version, long requestCount, Double avgLatency, Double p50, Double p90, Double p99,
			Double errorRate, BigDecimal costPerRequest) {
	}

}
