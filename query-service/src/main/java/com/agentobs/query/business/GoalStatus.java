package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A goal's status from its projection against the target: {@code achieved} once the current value
 * reaches the target; otherwise the value projected to the target date is compared with the target:
 * ≥ 100 % on track, 90–100 % at risk, &lt; 90 % off track. Boundaries belong to the better status
 * (exactly 90 % is at risk, exactly 100 % on track), so a goal is never flagged for rounding noise.
 */
public enum GoalStatus {

	ON_TRACK("on_track"), AT_RISK("at_risk"), OFF_TRACK("off_track"), ACHIEVED("achieved");

	static final BigDecimal AT_RISK_FROM_PCT = BigDecimal.valueOf(90);

	static final BigDecimal ON_TRACK_FROM_PCT = BigDecimal.valueOf(100);

	private final String code;

	GoalStatus(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** The status of a projection that is {@code pctOfTarget} % of the target (goal not yet achieved). */
	static GoalStatus fromProjectedPct(BigDecimal pctOfTarget) {
		if (pctOfTarget.compareTo(ON_TRACK_FROM_PCT) >= 0) {
			return ON_TRACK;
		}
		return (pctOfTarget.compareTo(AT_RISK_FROM_PCT) >= 0) ? AT_RISK : OFF_TRACK;
	}

	/**
	 * @param accumulating true for metrics that add up over the period (value, hours, outcomes): the
	 * projection adds the recent daily pace for the days left; false (ROI %): the current level is the
	 * projection
	 * @param dailyPace the metric's recent gain per day (accumulating metrics only)
	 */
	static Projection project(boolean accumulating, BigDecimal current, BigDecimal target, BigDecimal dailyPace,
			LocalDate today, LocalDate targetDate) {
		BigDecimal projected = current;
		if (accumulating) {
			long daysLeft = Math.max(0, ChronoUnit.DAYS.between(today, targetDate));
			projected = current.add(dailyPace.multiply(BigDecimal.valueOf(daysLeft)));
		}
		BigDecimal pct = projected.multiply(BigDecimal.valueOf(100)).divide(target, 4, RoundingMode.HALF_UP);
		GoalStatus status = (current.compareTo(target) >= 0) ? ACHIEVED : fromProjectedPct(pct);
		return new Projection(projected, pct, status);
	}

	record Projection(BigDecimal projected, BigDecimal pctOfTarget, GoalStatus status) {
	}

}
