package com.agentobs.query.home;

import java.time.Instant;
import java.util.List;

// GET /api/v1/slo/compliance-dashboard
record SloComplianceResponse(List<Slo> slos) {

	record Slo(String sloId, String name, String sli, String comparator, double target, Double currentValue,
			Boolean isMet, Double compliancePct, Double errorBudgetRemainingPct, List<TrendPoint> trend,
			List<DepartmentValue> byDepartment, String note) {
	}

	record TrendPoint(Instant timestamp, Double value) {
	}

	record DepartmentValue(String department, Double currentValue, Boolean isMet) {
	}

}
