package com.agentobs.alert.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.alert.engine.AlertStore.ActiveAlert;
import com.agentobs.alert.incidents.IncidentStore;
import com.agentobs.alert.notify.NotificationOutbox;
import com.agentobs.alert.rules.AlertRule;
import com.agentobs.contracts.hash.Sha256;

import org.springframework.stereotype.Component;

/**
 * Applies one evaluation of a rule to its alerts, inside the workspace transaction that locked
 * them: pending → firing (after {@code for_minutes}) → resolved (after enough clear evaluations,
 * {@link #clearsToResolve}); dedup by fingerprint (rule + scope labels); silences and inhibition
 * decided at each evaluation; a paging alert (sev1/sev2) opens or joins its group's incident;
 * notifications queued in the same transaction (stream always, channels unless suppressed, a
 * repeat after {@code repeat_interval_minutes} while firing).
 */
@Component
class AlertPipeline {

	private static final Set<String> PAGING = Set.of("sev1", "sev2");

	private final AlertStore alerts;

	private final IncidentStore incidents;

	private final NotificationOutbox outbox;

	AlertPipeline(AlertStore alerts, IncidentStore incidents, NotificationOutbox outbox) {
		this.alerts = alerts;
		this.incidents = incidents;
		this.outbox = outbox;
	}

	/** Consecutive clear evaluations before a firing alert resolves: burn-rate windows are already smoothed. */
	static int clearsToResolve(AlertRule rule) {
		return "burn_rate".equals(rule.kind()) ? 1 : 2;
	}

	static String fingerprint(UUID ruleId, Scope scope) {
		return Sha256.hex(ruleId + "|" + nz(scope.agentId()) + "|" + nz(scope.department()) + "|"
				+ nz(scope.environment()));
	}

	/** Alerts of one rule in one department (or fleet-wide) form one group: one incident, one page. */
	static String groupKey(UUID ruleId, Scope scope) {
		return "rule:" + ruleId + ((scope.department() != null) ? ":dept:" + scope.department() : "");
	}

	void apply(UUID ws, AlertRule rule, List<Observation> observations, Instant now) {
		Map<String, ActiveAlert> active = new HashMap<>();
		for (ActiveAlert a : this.alerts.lockActive(ws, rule.ruleId())) {
			active.put(a.fingerprint(), a);
		}
		for (Observation o : observations) {
			String fp = fingerprint(rule.ruleId(), o.scope());
			ActiveAlert current = active.remove(fp);
			step(ws, rule, o, current, fp, now);
		}
		// a group that vanished from the data (no traffic, filtered out) counts as clear
		for (ActiveAlert left : active.values()) {
			step(ws, rule, Observation.clear(left.scope(), null, null, left.severity()), left, left.fingerprint(),
					now);
		}
	}

	private void step(UUID ws, AlertRule rule, Observation o, ActiveAlert a, String fp, Instant now) {
		String title = rule.name() + " · " + o.scope().describe();
		if (o.breached()) {
			if (a == null) {
				boolean fireNow = rule.forMinutes() == 0;
				String status = fireNow ? "firing" : "pending";
				this.alerts.insert(ws, rule.ruleId(), fp, groupKey(rule.ruleId(), o.scope()), title, o.severity(),
						status, o.scope(), o.value(), o.threshold(), now).ifPresent((id) -> {
							if (fireNow) {
								ActiveAlert created = new ActiveAlert(id, fp, "firing", o.severity(), title, now, now, 0,
										null, 0, null, null, null, o.scope());
								fire(ws, rule, o, created, now);
							}
						});
				return;
			}
			ActiveAlert next = a.withSeverity(moreSevere(a.severity(), o.severity()), title)
				.withStatus(a.status(), a.firedAt(), 0);
			if ("pending".equals(a.status())) {
				if (!now.isBefore(a.startedAt().plus(Duration.ofMinutes(rule.forMinutes())))) {
					fire(ws, rule, o, next.withStatus("firing", now, 0), now);
					return;
				}
				this.alerts.update(ws, next, o.value(), o.threshold(), now);
				return;
			}
			next = suppress(ws, rule, next, now);
			// first notice once a silence or inhibition lifts, then one repeat per repeat interval
			if (!next.suppressed() && (next.lastNotifiedAt() == null
					|| !now.isBefore(next.lastNotifiedAt().plus(Duration.ofMinutes(rule.repeatIntervalMinutes()))))) {
				notifyChannels(ws, rule, next, o, "firing", next.notifySeq() + 1, now);
				next = next.notified(now, next.notifySeq() + 1);
			}
			this.alerts.update(ws, next, o.value(), o.threshold(), now);
			return;
		}
		if (a == null) {
			return;
		}
		if (!o.cleared()) {
			this.alerts.update(ws, a.withStatus(a.status(), a.firedAt(), 0), o.value(), o.threshold(), now);
			return;
		}
		if ("pending".equals(a.status())) {
			this.alerts.update(ws, a.withStatus("resolved", null, 0), o.value(), o.threshold(), now);
			return;
		}
		int clears = a.clearCount() + 1;
		if (clears < clearsToResolve(rule)) {
			this.alerts.update(ws, a.withStatus("firing", a.firedAt(), clears), o.value(), o.threshold(), now);
			return;
		}
		resolve(ws, rule, a.withStatus("resolved", a.firedAt(), clears), o, now);
	}

	/**
	 * Resolves the unresolved alerts of a rule that was deleted or disabled (nothing evaluates it any
	 * more, so its alerts would otherwise stay firing): at once, with the usual resolved notifications.
	 */
	void retire(UUID ws, AlertRule rule, Instant now) {
		for (ActiveAlert a : this.alerts.lockActive(ws, rule.ruleId())) {
			Observation o = new Observation(a.scope(), null, null, a.severity(), false, true,
					"its rule was deleted or disabled");
			if ("pending".equals(a.status())) {
				this.alerts.update(ws, a.withStatus("resolved", null, 0), null, null, now);
			}
			else {
				resolve(ws, rule, a.withStatus("resolved", a.firedAt(), a.clearCount()), o, now);
			}
		}
	}

	private void resolve(UUID ws, AlertRule rule, ActiveAlert resolved, Observation o, Instant now) {
		this.outbox.enqueue(ws, resolved.id(), null, "resolved", 0,
				payload(ws, rule, resolved, o, "alert.resolved", now));
		if (!resolved.suppressed() && resolved.lastNotifiedAt() != null) {
			notifyChannels(ws, rule, resolved, o, "resolved", 0, now);
		}
		if (resolved.incidentId() != null) {
			this.incidents.event(ws, resolved.incidentId(), "alert_resolved", resolved.title(), "alert-service",
					Map.of("alert_id", resolved.id().toString()), now);
		}
		this.alerts.update(ws, resolved, o.value(), o.threshold(), now);
	}

	private void fire(UUID ws, AlertRule rule, Observation o, ActiveAlert firing, Instant now) {
		ActiveAlert a = suppress(ws, rule, firing, now);
		if (PAGING.contains(a.severity()) && !a.suppressed()) {
			IncidentStore.Attached incident = this.incidents.openOrAttach(ws, groupKey(rule.ruleId(), a.scope()),
					a.title(), a.severity(), a.scope().department(), a.scope().agentId(), causeOf(rule), now,
					"alert-service");
			this.incidents.event(ws, incident.incidentId(), "alert_fired",
					(o.summary() != null) ? o.summary() : a.title(), "alert-service",
					Map.of("alert_id", a.id().toString(), "severity", a.severity()), now);
			a = a.withIncident(incident.incidentId());
		}
		this.outbox.enqueue(ws, a.id(), null, "firing", 0, payload(ws, rule, a, o, "alert.firing", now));
		if (!a.suppressed()) {
			notifyChannels(ws, rule, a, o, "firing", 1, now);
			a = a.notified(now, 1);
		}
		this.alerts.update(ws, a, o.value(), o.threshold(), now);
	}

	private ActiveAlert suppress(UUID ws, AlertRule rule, ActiveAlert a, Instant now) {
		Map<String, String> labels = new LinkedHashMap<>(a.scope().labels());
		labels.put("rule_id", rule.ruleId().toString());
		labels.put("severity", a.severity());
		UUID silence = this.alerts.activeSilence(ws, labels, now);
		UUID inhibitor = (a.scope().agentId() != null) ? this.alerts.inhibitor(ws, a.id(), a.scope().department())
				: null;
		return a.withSuppression(silence, inhibitor);
	}

	/** An alert's first firing notice joins its group's batch (group wait / interval); repeats and resolutions go at once. */
	private void notifyChannels(UUID ws, AlertRule rule, ActiveAlert a, Observation o, String state, int seq,
			Instant at) {
		for (UUID channel : rule.channelIds()) {
			Map<String, Object> payload = payload(ws, rule, a, o, "alert." + state, at);
			if ("firing".equals(state) && seq == 1) {
				this.outbox.enqueueGrouped(ws, a.id(), channel, groupKey(rule.ruleId(), a.scope()), payload, at,
						Duration.ofSeconds(rule.groupWaitSeconds()), Duration.ofMinutes(rule.groupIntervalMinutes()));
			}
			else {
				this.outbox.enqueue(ws, a.id(), channel, state, seq, payload);
			}
		}
	}

	/** The notification and {@code alerts:events} record (its fields are listed in docs/ALERTS.md). */
	private static Map<String, Object> payload(UUID ws, AlertRule rule, ActiveAlert a, Observation o, String event,
			Instant at) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("event", event);
		p.put("workspace_id", ws.toString());
		p.put("alert_id", a.id().toString());
		p.put("rule_id", rule.ruleId().toString());
		p.put("rule_name", rule.name());
		p.put("rule_kind", rule.kind());
		p.put("title", a.title());
		p.put("severity", a.severity());
		p.put("status", a.status());
		p.put("fingerprint", a.fingerprint());
		p.put("labels", a.scope().labels());
		p.put("agent_id", a.scope().agentId());
		p.put("department", a.scope().department());
		p.put("environment", a.scope().environment());
		p.put("value", o.value());
		p.put("threshold", o.threshold());
		p.put("summary", o.summary());
		p.put("incident_id", (a.incidentId() != null) ? a.incidentId().toString() : null);
		p.put("silenced", a.silenceId() != null);
		p.put("inhibited", a.inhibitedBy() != null);
		p.put("occurred_at", at.toString());
		p.put("text", "[" + a.severity().toUpperCase() + "] " + ("alert.resolved".equals(event) ? "RESOLVED " : "")
				+ a.title() + ((o.summary() != null) ? " — " + o.summary() : ""));
		return p;
	}

	private static String causeOf(AlertRule rule) {
		if ("burn_rate".equals(rule.kind())) {
			return "slo_burn";
		}
		return switch (String.valueOf(rule.measure())) {
			case "error_rate", "error_count" -> "error_spike";
			case "avg_latency_ms", "p90_latency_ms" -> "latency";
			case "cost_usd", "tokens" -> "cost_overrun";
			case "request_count" -> "traffic_anomaly";
			case "violation_rate" -> "safety";
			default -> "other";
		};
	}

	private static String moreSevere(String a, String b) {
		return (b != null && b.compareTo(a) < 0) ? b : a;
	}

	private static String nz(String s) {
		return (s != null) ? s : "";
	}

}
