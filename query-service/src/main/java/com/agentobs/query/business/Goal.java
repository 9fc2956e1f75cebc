package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A row of {@code business_goals} (status and current value as the business job last stored them). */
record Goal(UUID goalId, @JsonIgnore UUID departmentId, String department, String name, String metric, String unit,
		BigDecimal baselineValue, BigDecimal targetValue, BigDecimal currentValue, LocalDate startDate,
		LocalDate targetDate, String status, List<String> linkedAgentIds, UUID ownerUserId, Instant closedAt,
		Instant createdAt) {

	static final List<String> METRICS = List.of("value_usd", "hours_saved", "successful_outcomes", "roi_pct");

	boolean closed() {
		return this.closedAt != null;
	}

	/** value, hours and outcomes add up over the period; ROI % is a level. */
	boolean accumulating() {
		return !"roi_pct".equals(this.metric);
	}

	static String unitOf(String metric) {
		return switch (metric) {
			case "value_usd" -> "usd";
			case "hours_saved" -> "hours";
			case "successful_outcomes" -> "outcomes";
			default -> "pct";
		};
	}

}
