package com.agentobs.alert.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns trigger occurrences into executions: an {@code alerts:events} firing record, a due
 * schedule slot, a metric window over its threshold, or a manual run. Each occurrence has a key
 * ({@code trigger_key}, unique per playbook), so a redelivered event or a second engine claiming
 * the same slot adds nothing. The CEL condition filters; a run inside the cooldown is recorded as
 * {@code skipped (cooldown)}.
 */
@Component
class AutomationTriggers {

	private static final List<String> SEVERITY_ORDER = List.of("sev1", "sev2", "sev3", "sev4");

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final PlaybookStore playbooks;

	private final ExecutionStore executions;

	private final StepCatalog catalog;

	private final Conditions conditions;

	private final Clock clock;

	AutomationTriggers(WorkspaceTransactions transactions, JdbcClient jdbc, PlaybookStore playbooks,
			ExecutionStore executions, StepCatalog catalog, Conditions conditions, Clock clock) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.playbooks = playbooks;
		this.executions = executions;
		this.catalog = catalog;
		this.conditions = conditions;
		this.clock = clock;
	}

	/**
	 * Starts (queues) a run of {@code playbook} for one occurrence; inside a workspace transaction.
	 * Empty when the condition does not match or this occurrence already has its execution.
	 */
	Optional<UUID> fire(UUID ws, Playbook playbook, String source, String triggerKey, Map<String, Object> event,
			String triggeredBy, Instant scheduledFor, UUID incidentId) {
		PlaybookDefinition d = playbook.definition();
		if (!this.conditions.matches(d.condition(), event)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		boolean cooling = d.cooldownSeconds() > 0 && this.executions.lastStarted(ws, playbook.playbookId())
			.filter((last) -> last.plusSeconds(d.cooldownSeconds()).isAfter(now))
			.isPresent();
		ExecutionStore.NewExecution n = new ExecutionStore.NewExecution(playbook.playbookId(), playbook.version(),
				"live", source, triggerKey, event, triggeredBy, scheduledFor, cooling ? "skipped" : "queued",
				cooling ? "cooldown" : null, incidentId);
		Optional<UUID> id = this.executions.create(ws, n, d.steps(), cooling ? "skipped" : "pending", now,
				this.catalog);
		id.ifPresent((x) -> this.playbooks.touchTriggered(ws, playbook.playbookId(), now));
		return id;
	}

	/** An {@code alerts:events} record: starts every enabled alert / SLO-breach playbook it matches. */
	int onAlertEvent(Map<String, String> fields) {
		if (!"alert.firing".equals(fields.get("event")) || "true".equals(fields.get("silenced"))) {
			return 0;
		}
		UUID ws;
		try {
			ws = UUID.fromString(fields.get("workspace_id"));
		}
		catch (RuntimeException ex) {
			return 0;
		}
		Map<String, Object> event = new LinkedHashMap<>(fields);
		fields.forEach((k, v) -> {
			if (List.of("value", "threshold").contains(k)) {
				try {
					event.put(k, Double.parseDouble(v));
				}
				catch (NumberFormatException ex) {
					// left as text
				}
			}
		});
		String key = "event:" + fields.getOrDefault("dedup_key", fields.get("alert_id") + ":" + fields.get("occurred_at"));
		return this.transactions.inWorkspace(ws, () -> {
			int started = 0;
			for (Playbook p : this.playbooks.enabledWithTrigger(ws, List.of("alert", "slo_breach"))) {
				if (!matchesAlert(p, fields)) {
					continue;
				}
				UUID incident = parse(fields.get("incident_id"));
				if (fire(ws, p, p.definition().triggerType(), key, event, "alert:" + fields.get("alert_id"), null,
						incident).isPresent()) {
					started++;
				}
			}
			return started;
		});
	}

	private static boolean matchesAlert(Playbook p, Map<String, String> fields) {
		Map<String, Object> config = p.definition().triggerConfig();
		if ("slo_breach".equals(p.definition().triggerType()) && !"burn_rate".equals(fields.get("rule_kind"))) {
			return false;
		}
		if (config.get("rule_id") != null && !String.valueOf(config.get("rule_id")).equals(fields.get("rule_id"))) {
			return false;
		}
		if (config.get("agent_id") != null && !String.valueOf(config.get("agent_id")).equals(fields.get("agent_id"))) {
			return false;
		}
		if (config.get("severity") instanceof String min && SEVERITY_ORDER.contains(min)) {
			int at = SEVERITY_ORDER.indexOf(fields.get("severity"));
			return at >= 0 && at <= SEVERITY_ORDER.indexOf(min);
		}
		return true;
	}

	/**
	 * Claims the due schedule slots of a workspace: each slot once (its lease row is the proof),
	 * the next slot computed from now, so a run missed during downtime happens once on catch-up.
	 */
	int onSchedules(UUID ws, String holder) {
		Instant now = this.clock.instant();
		return this.transactions.inWorkspace(ws, () -> {
			int started = 0;
			for (Playbook p : this.playbooks.dueSchedules(ws, now)) {
				Instant slot = p.nextRunAt();
				int claimed = this.jdbc.sql("""
						INSERT INTO playbook_schedule_leases (workspace_id, playbook_id, scheduled_for, claimed_by)
						VALUES (:ws, :playbook, :slot, :holder) ON CONFLICT DO NOTHING
						""")
					.param("ws", ws)
					.param("playbook", p.playbookId())
					.param("slot", Timestamp.from(slot))
					.param("holder", holder)
					.update();
				if (claimed == 1) {
					Map<String, Object> event = new LinkedHashMap<>();
					event.put("scheduled_for", slot.toString());
					event.put("late_ms", Duration.between(slot, now).toMillis());
					Optional<UUID> id = fire(ws, p, "schedule", "schedule:" + slot, event, "schedule", slot, null);
					id.ifPresent((execution) -> this.jdbc.sql("""
							UPDATE playbook_schedule_leases SET execution_id = :execution
							WHERE workspace_id = :ws AND playbook_id = :playbook AND scheduled_for = :slot
							""")
						.param("execution", execution)
						.param("ws", ws)
						.param("playbook", p.playbookId())
						.param("slot", Timestamp.from(slot))
						.update());
					started += id.isPresent() ? 1 : 0;
				}
				this.playbooks.setNextRun(ws, p.playbookId(), nextRun(p.definition(), now));
			}
			return started;
		});
	}

	/** The first slot after {@code after} (UTC), or null when the playbook is not scheduled. */
	static Instant nextRun(PlaybookDefinition d, Instant after) {
		if (!"schedule".equals(d.triggerType())) {
			return null;
		}
		var next = d.cron().next(after.atZone(ZoneOffset.UTC));
		return (next != null) ? next.toInstant() : null;
	}

	/** Checks the metric-threshold playbooks of a workspace over their windows. */
	int onMetrics(UUID ws) {
		Instant now = this.clock.instant();
		return this.transactions.inWorkspace(ws, () -> {
			int started = 0;
			for (Playbook p : this.playbooks.enabledWithTrigger(ws, List.of("metric_threshold"))) {
				Map<String, Object> config = p.definition().triggerConfig();
				int window = ((Number) config.getOrDefault("window_minutes", 5)).intValue();
				String metric = String.valueOf(config.get("metric"));
				Object agent = config.get("agent_id");
				Double value = measure(ws, metric, (agent != null) ? agent.toString() : null,
						now.minus(Duration.ofMinutes(window)), now);
				if (value == null) {
					continue;
				}
				double threshold = ((Number) config.get("threshold")).doubleValue();
				boolean breached = "<".equals(config.getOrDefault("op", ">")) ? value < threshold : value > threshold;
				if (!breached) {
					continue;
				}
				Map<String, Object> event = new LinkedHashMap<>();
				event.put("metric", metric);
				event.put("value", value);
				event.put("threshold", threshold);
				event.put("window_minutes", window);
				if (agent != null) {
					event.put("agent_id", agent.toString());
				}
				long bucket = now.getEpochSecond() / (window * 60L);
				if (fire(ws, p, "metric_threshold", "metric:" + bucket, event, "metric:" + metric, null, null)
					.isPresent()) {
					started++;
				}
			}
			return started;
		});
	}

	private Double measure(UUID ws, String metric, String agentId, Instant from, Instant to) {
		String expression = switch (metric) {
			case "error_rate" -> "avg(CASE WHEN status = 'error' THEN 1.0 ELSE 0.0 END)";
			case "avg_latency_ms" -> "avg(latency_ms)";
			case "cost_usd" -> "sum(cost_usd)";
			default -> "count(*)";
		};
		return this.jdbc.sql("SELECT " + expression + """
				 FROM traces WHERE workspace_id = :ws AND timestamp >= :from AND timestamp < :to
				 AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)
				""")
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("agent", agentId)
			.query((rs, row) -> {
				double v = rs.getDouble(1);
				return rs.wasNull() ? null : v;
			})
			.optional()
			.orElse(null);
	}

	private static UUID parse(String value) {
		try {
			return (value != null && !value.isBlank()) ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
