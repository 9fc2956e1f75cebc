package com.agentobs.alert.slo;

import java.util.UUID;

// GET /api/v1/slo (items)
/** An SLO with its state over its window: compliance, error budget remaining (negative = overspent), met. */
public record SloStatus(UUID sloId, String name, String sli, double objectivePct, Double threshold,
		String scopeType, String scopeValue, int windowDays, boolean eventBased, Double compliancePct,
		Double errorBudgetRemainingPct, Boolean isMet, String note) {
}
