package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * ROI % = (value − cost) ÷ cost × 100, rounded to one decimal. With no cost the ratio is undefined,
 * so the percentage is {@code null} and {@link #note} says why (a 0-cost department is not "infinite ROI").
 */
public record Roi(BigDecimal value, BigDecimal cost, Double pct, String note) {

	static final String NO_COST_NOTE = "No cost in the window, so ROI is undefined";

	static Roi of(BigDecimal value, BigDecimal cost) {
		if (cost == null || cost.signum() == 0) {
			return new Roi(value, cost, null, NO_COST_NOTE);
		}
		BigDecimal pct = value.subtract(cost)
			.multiply(BigDecimal.valueOf(100))
			.divide(cost, 1, RoundingMode.HALF_UP);
		return new Roi(value, cost, pct.doubleValue(), null);
	}

}
