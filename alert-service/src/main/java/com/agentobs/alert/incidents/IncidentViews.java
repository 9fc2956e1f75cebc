package com.agentobs.alert.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The read models of the Incidents tab (one record per endpoint; the route above each). */
final class IncidentViews {

	private IncidentViews() {
	}

	// GET /api/v1/incidents (items)
	record IncidentItem(UUID incidentId, String title, String severity, String status, String department,
			String agentId, String cause, String assignee, Instant detectedAt, Instant acknowledgedAt,
			Instant mitigatedAt, Instant resolvedAt, Instant closedAt, Double mttaMinutes, Double mttrMinutes,
			long alertCount, String postmortemStatus) {
	}

	// GET /api/v1/incidents/{incident_id}
	record IncidentDetail(IncidentItem incident, List<IncidentEvent> events, List<LinkedAlert> alerts,
			Postmortem postmortem) {
	}

	record IncidentEvent(UUID eventId, String eventType, String message, String actor, Instant occurredAt,
			Map<String, Object> data) {
	}

	record LinkedAlert(UUID alertId, String title, String severity, String status, Instant firedAt,
			Instant resolvedAt) {
	}

	// GET /api/v1/postmortems (items); also inside an incident's detail
	record Postmortem(UUID postmortemId, UUID incidentId, String incidentTitle, String severity, String status,
			String summary, String rootCause, String author, Instant createdAt, Instant publishedAt,
			List<ActionItem> actionItems, long actionItemsOpen) {
	}

	record ActionItem(UUID actionItemId, String title, String owner, String status, String dueDate) {
	}

	// GET /api/v1/incidents/kpis
	record IncidentKpis(long openIncidents, Map<String, Long> openBySeverity, long incidentsInRange,
			Double mttaMinutes, Double mttrMinutes, Double postmortemCompletionPct, Double errorBudgetRemainingPct,
			Double sloCompliancePct, long firingAlerts) {
	}

	// GET /api/v1/incidents/mttr
	record MttrView(List<SeverityStats> bySeverity, List<Map<String, Object>> weekly) {
	}

	record SeverityStats(String severity, long incidents, Double mttaMedianMinutes, Double mttaP90Minutes,
			Double mttrMedianMinutes, Double mttrP90Minutes) {
	}

	// GET /api/v1/incidents/by-department
	record DepartmentSeverity(String department, long sev1, long sev2, long sev3, long sev4, long total) {
	}

	// GET /api/v1/incidents/top-causes
	record Cause(String cause, long incidents, double totalMinutes) {
	}

}
