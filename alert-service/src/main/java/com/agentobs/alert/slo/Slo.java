package com.agentobs.alert.slo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

// GET /api/v1/slo (items, with their current state in SloStatus)
/**
 * An SLO. Event-based ({@code availability}: share of successful requests; {@code latency}: share
 * under {@code threshold} ms) SLOs carry burn-rate alerting; the compliance views
 * ({@code latency_p90} &lt; threshold ms, {@code error_rate} &lt; threshold %, {@code quality} &gt;
 * threshold) measure the share of hourly windows meeting target.
 */
public record Slo(UUID sloId, String name, String sli, BigDecimal objectivePct, BigDecimal threshold,
		String scopeType, String scopeValue, int windowDays, Instant createdAt) {

	public static final Set<String> EVENT_BASED = Set.of("availability", "latency");

	public static final Set<String> SLIS = Set.of("availability", "latency", "latency_p90", "error_rate", "quality");

	public boolean eventBased() {
		return EVENT_BASED.contains(this.sli);
	}

	/** The error budget as a ratio: 1 − objective (99.5 % → 0.005). */
	public double budget() {
		return 1 - this.objectivePct.doubleValue() / 100;
	}

	public String department() {
		return "department".equals(this.scopeType) ? this.scopeValue : null;
	}

	public String agentId() {
		return "agent".equals(this.scopeType) ? this.scopeValue : null;
	}

}
