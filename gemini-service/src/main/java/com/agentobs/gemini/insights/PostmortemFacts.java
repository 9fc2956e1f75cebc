package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Turns an incident's records into the fact sheet a postmortem draft is written from: what it
 * was (title, severity, scope, cause), when (detected, acknowledged, mitigated, resolved, and the
 * minutes to acknowledge and resolve as the incident detail computes them), its attached alerts
 * with value and threshold, every timeline event, and the scope's traffic over the incident
 * window against the window of the same length before it. Times and event messages are text
 * facts, so the digits inside them are never read as claims.
 */
@Component
class PostmortemFacts {

	/** At most this many attached alerts are named; the count covers them all. */
	static final int MAX_ALERTS = 5;

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final IncidentReads reads;

	PostmortemFacts(IncidentReads reads) {
		this.reads = reads;
	}

	/** One event of the incident's timeline, as recorded. */
	record TimelineEntry(Instant at, String eventType, String text) {
	}

	/** The sheet the writers may quote, and the timeline every draft lists unchanged. */
	record IncidentSheet(UUID incidentId, FactSheet sheet, List<TimelineEntry> timeline) {
	}

	Optional<IncidentSheet> build(UUID workspaceId, UUID incidentId) {
		return this.reads.incident(workspaceId, incidentId).map((incident) -> sheet(workspaceId, incident));
	}

	private IncidentSheet sheet(UUID workspaceId, IncidentReads.Incident incident) {
		List<Fact> facts = new ArrayList<>();
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(Evidence.chart("incidents", "Incident timeline"));
		facts.add(Fact.text("incident_title", "Incident", incident.title()));
		facts.add(Fact.text("severity", "Severity", incident.severity()));
		facts.add(Fact.text("status", "Status", incident.status()));
		facts.add(Fact.text("scope", "Affected scope", scope(incident)));
		if (incident.agentId() != null) {
			evidence.add(Evidence.agent(incident.agentId()));
		}
		if (incident.cause() != null && !incident.cause().isBlank()) {
			facts.add(Fact.text("cause", "Cause recorded on the incident", incident.cause()));
		}
		facts.add(Fact.text("detected_at", "Detected", TIME.format(incident.detectedAt())));
		time(facts, "acknowledged_at", "Acknowledged", incident.acknowledgedAt());
		time(facts, "mitigated_at", "Mitigated", incident.mitigatedAt());
		time(facts, "resolved_at", "Resolved", incident.resolvedAt());
		minutes(facts, "minutes_to_acknowledge", "Minutes from detection to acknowledgement", incident.detectedAt(),
				incident.acknowledgedAt());
		minutes(facts, "minutes_to_resolve", "Minutes from detection to resolution", incident.detectedAt(),
				incident.resolvedAt());

		List<IncidentReads.Alert> alerts = this.reads.alerts(workspaceId, incident.id());
		facts.add(Fact.count("alerts_attached", "Alerts attached", alerts.size()));
		for (int i = 0; i < Math.min(alerts.size(), MAX_ALERTS); i++) {
			IncidentReads.Alert alert = alerts.get(i);
			String key = "alert_" + (i + 1);
			facts.add(Fact.text(key, "Attached alert", alert.title()));
			String unit = unit(alert);
			if (alert.measure() != null) {
				facts.add(Fact.text(key + "_measure", "Its measure", alert.measure()));
			}
			if (alert.value() != null) {
				facts.add(Fact.measure(key + "_value", "Its value when evaluated", alert.value(), unit));
			}
			if (alert.threshold() != null) {
				facts.add(Fact.measure(key + "_threshold", "Its threshold", alert.threshold(), unit));
			}
		}

		List<IncidentReads.Event> events = this.reads.events(workspaceId, incident.id());
		facts.add(Fact.count("timeline_events", "Events on the timeline", events.size()));
		List<TimelineEntry> timeline = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			IncidentReads.Event event = events.get(i);
			String text = (event.message() != null && !event.message().isBlank()) ? event.message() : event.type();
			facts.add(Fact.text("event_" + (i + 1) + "_at", "Event time", TIME.format(event.occurredAt())));
			facts.add(Fact.text("event_" + (i + 1), "Event " + event.type(), text));
			timeline.add(new TimelineEntry(event.occurredAt(), event.type(), text));
		}
		traffic(workspaceId, incident, facts);
		return new IncidentSheet(incident.id(), new FactSheet("incidents", facts, evidence), List.copyOf(timeline));
	}

	/**
	 * The incident window runs from the hour it was detected to the end of the hour it was
	 * resolved (or of the current hour while it is open): the rollup's grain. The window before
	 * is as long and ends where it starts.
	 */
	private void traffic(UUID workspaceId, IncidentReads.Incident incident, List<Fact> facts) {
		Instant from = incident.detectedAt().truncatedTo(ChronoUnit.HOURS);
		Instant end = (incident.resolvedAt() != null) ? incident.resolvedAt() : Instant.now();
		Instant to = end.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		Duration length = Duration.between(from, to);
		IncidentReads.Traffic during = this.reads.traffic(workspaceId, incident.agentId(), incident.department(), from, to);
		IncidentReads.Traffic before = this.reads.traffic(workspaceId, incident.agentId(), incident.department(),
				from.minus(length), from);
		facts.add(Fact.text("window_from", "Incident window start", TIME.format(from)));
		facts.add(Fact.text("window_to", "Incident window end", TIME.format(to)));
		facts.add(Fact.count("window_hours", "Hours in the incident window", length.toHours()));
		facts.add(Fact.count("requests_during", "Requests in the incident window", during.requests()));
		facts.add(Fact.count("requests_before", "Requests in the window before", before.requests()));
		if (during.requests() > 0) {
			facts.add(Fact.count("errors_during", "Failed requests in the incident window", during.errors()));
			facts.add(Fact.pct("error_rate_during_pct", "Failed share in the incident window",
					ratio(BigDecimal.valueOf(during.errors()), during.requests()).multiply(HUNDRED)));
			facts.add(Fact.ms("avg_latency_during_ms", "Average latency in the incident window",
					ratio(during.latencySumMs(), during.requests())));
			facts.add(Fact.usd("cost_during_usd", "Cost in the incident window", during.costUsd(), 2));
		}
		if (before.requests() > 0) {
			facts.add(Fact.pct("error_rate_before_pct", "Failed share in the window before",
					ratio(BigDecimal.valueOf(before.errors()), before.requests()).multiply(HUNDRED)));
			facts.add(Fact.ms("avg_latency_before_ms", "Average latency in the window before",
					ratio(before.latencySumMs(), before.requests())));
		}
	}

	private static String scope(IncidentReads.Incident incident) {
		if (incident.agentId() != null) {
			return "agent " + incident.agentId();
		}
		return (incident.department() != null) ? "department " + incident.department() : "the fleet";
	}

	/** The alert's unit from its rule: percentages for rates, ms for latency, USD for cost, else the measure's own. */
	private static String unit(IncidentReads.Alert alert) {
		if ("burn_rate".equals(alert.kind())) {
			return "burn_rate";
		}
		String measure = (alert.measure() != null) ? alert.measure() : "";
		if (measure.endsWith("_rate") || measure.endsWith("_pct")) {
			return "pct";
		}
		if (measure.contains("latency")) {
			return "ms";
		}
		return measure.contains("cost") ? "usd" : "value";
	}

	private static void time(List<Fact> facts, String key, String label, Instant at) {
		if (at != null) {
			facts.add(Fact.text(key, label, TIME.format(at)));
		}
	}

	/** Minutes to one decimal, like the incident detail's MTTA and MTTR. */
	private static void minutes(List<Fact> facts, String key, String label, Instant from, Instant to) {
		if (to != null) {
			facts.add(Fact.minutes(key, label,
					BigDecimal.valueOf(Duration.between(from, to).toMillis()).divide(BigDecimal.valueOf(60_000),
							MathContext.DECIMAL64)));
		}
	}

	private static BigDecimal ratio(BigDecimal numerator, long denominator) {
		return numerator.divide(BigDecimal.valueOf(denominator), 10, RoundingMode.HALF_UP);
	}

}
