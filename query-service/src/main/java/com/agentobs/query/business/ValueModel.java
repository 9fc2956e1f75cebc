package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What one successful request of a department's agents is worth: {@code per_outcome} a fixed dollar
 * value, {@code hours_saved} hours saved × loaded hourly rate (which also counts hours saved).
 */
public record ValueModel(UUID id, @JsonIgnore UUID departmentId, String department, String modelType,
		BigDecimal valuePerOutcomeUsd, BigDecimal hoursPerOutcome, BigDecimal hourlyRateUsd, String outcomeLabel,
		Instant updatedAt) {

	static final String PER_OUTCOME = "per_outcome";

	static final String HOURS_SAVED = "hours_saved";

	/** Dollars per successful outcome. */
	BigDecimal unitValueUsd() {
		return HOURS_SAVED.equals(this.modelType) ? this.hoursPerOutcome.multiply(this.hourlyRateUsd)
				: this.valuePerOutcomeUsd;
	}

	/** Hours saved per successful outcome (0 for a per-outcome model). */
	BigDecimal unitHours() {
		return HOURS_SAVED.equals(this.modelType) ? this.hoursPerOutcome : BigDecimal.ZERO;
	}

}
