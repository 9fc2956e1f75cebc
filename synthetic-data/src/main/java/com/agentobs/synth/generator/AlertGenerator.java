package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.Rng;

/**
 * The Incidents tab's demo data: notification channels, SLOs (event-based availability 95 % (the seeded
 * traffic fails about 4 % of requests, so the budget burns near 0.8× and pages only in incident windows) and
 * "99 % under 5 s" for burn-rate alerting; the plan's three compliance views), rules of the three kinds (the
 * two error-rate anomaly rules are the ones bench/anomaly-recall-seeded.sh replays), about 400 resolved alerts
 * over the history, one incident per injected incident window of the plan (30: 2 sev1, 6 sev2, 12 sev3,
 * 10 sev4; their anomaly alerts on the window's agents) with timelines, MTTR medians sev1 45 min / sev2 2 h /
 * sev3 6 h / sev4 24 h (±10 %), postmortems for every sev1/sev2 with 25 action items (40 % open), and three
 * alerts firing at the end of the history whose conditions hold on the seeded traffic (the HR
 * runaway agent's spend, the slowest agent's P90, a problem agent's error rate; the last one
 * silenced). Runs after the rollups: two thresholds are derived from the seeded traffic.
 */
final class AlertGenerator implements Generator {

	private static final long MINUTE = 60_000L;

	private static final String[] SEVERITIES = { "sev1", "sev2", "sev3", "sev4" };

	/** Median minutes to acknowledge / to resolve per severity. */
	private static final double[] MTTA = { 6, 12, 35, 120 };

	private static final double[] MTTR = { 45, 120, 360, 1440 };

	/** Causes of an incident window (failed and slowed requests); sev1 windows are provider outages. */
	private static final String[] CAUSES = { "error_spike", "latency", "provider_outage", "deployment", "slo_burn" };

	private static final String INSERT_CHANNEL = """
			INSERT INTO notification_channels (id, workspace_id, name, kind, url, is_enabled, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'seed', ?)
			""";

	private static final String INSERT_SLO = """
			INSERT INTO slos (id, workspace_id, name, sli, objective_pct, threshold, scope_type, scope_value, window_days,
			    created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 30, 'seed', ?)
			""";

	private static final String INSERT_RULE = """
			INSERT INTO alert_rules (id, workspace_id, name, kind, severity, measure, comparator, threshold,
			    resolve_threshold, window_minutes, for_minutes, group_by, filters, slo_id, burn_windows, z_threshold,
			    min_volume, direction, channel_ids, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::uuid[], 'seed', ?)
			""";

	private static final String INSERT_INCIDENT = """
			INSERT INTO incidents (id, workspace_id, title, severity, status, group_key, department, agent_id, cause,
			    assignee, declared_by, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'alert-service', ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_EVENT = """
			INSERT INTO incident_events (workspace_id, incident_id, event_type, message, actor, occurred_at)
			VALUES (?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_ALERT = """
			INSERT INTO alerts (workspace_id, rule_id, fingerprint, group_key, title, severity, status, labels, agent_id,
			    department, value, threshold, started_at, fired_at, resolved_at, last_evaluated_at, incident_id,
			    silence_id, acknowledged_at, acknowledged_by, last_notified_at, notify_seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
			""";

	private static final String INSERT_POSTMORTEM = """
			INSERT INTO postmortems (id, workspace_id, incident_id, status, summary, root_cause, author, created_at,
			    published_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_ITEM = """
			INSERT INTO postmortem_action_items (workspace_id, postmortem_id, title, owner, status, due_date, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_SILENCE = """
			INSERT INTO alert_silences (id, workspace_id, matchers, starts_at, ends_at, comment, created_by, created_at)
			VALUES (?, ?, ?::jsonb, ?, ?, 'Known issue, fix rolling out', 'seed', ?)
			""";

	/** Per agent over the last hour of the history: cost and P90 latency (raw traces, one hour). */
	private static final String LAST_HOUR = """
			SELECT agent_id, sum(cost_usd * sample_rate) AS cost,
			    percentile_cont(0.9) WITHIN GROUP (ORDER BY latency_ms) AS p90,
			    sum(sample_rate) FILTER (WHERE status <> 'success')::float / nullif(sum(sample_rate), 0) AS error_rate
			FROM traces WHERE workspace_id = ? AND timestamp >= ? AND timestamp < ?
			GROUP BY agent_id
			""";

	/** The seeded error-rate anomaly rules: one hour, z >= 4 (and as significant on the counts), 20 requests. */
	static final int ANOMALY_WINDOW_MINUTES = 60;

	static final double ANOMALY_Z = 4.0;

	static final int ANOMALY_MIN_VOLUME = 20;

	@Override
	public String name() {
		return "alerts";
	}

	@Override
	public List<String> tables() {
		return List.of("alert_rules", "incidents", "alert_silences", "notification_channels", "slos");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("slos", "8");
		rows.put("alert_rules", "8");
		rows.put("alerts", "≈ 400");
		rows.put("incidents", String.valueOf(plan.incidentWindows().size()));
		rows.put("postmortems", "8");
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = plan.workspaceId();
		Rng rng = Rng.of(plan.options().seed(), "alerts");
		long saltHi = ws.getMostSignificantBits();
		long start = plan.startMillis();
		Map<String, Long> rows = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			// the history ends at the last seeded trace (the plan's end may lie later today, with no traffic yet)
			long now = lastTrace(c, ws, plan.nowMillis());
			UUID inApp = rng.uuid(saltHi, 1);
			UUID webhook = rng.uuid(saltHi, 2);
			try (PreparedStatement ps = c.prepareStatement(INSERT_CHANNEL)) {
				channel(ps, inApp, ws, "In-app", "in_app", null, true, start);
				// a local sink; enable it (and point it somewhere real) to receive signed webhooks
				channel(ps, webhook, ws, "On-call webhook", "webhook", "http://127.0.0.1:9099/agentobs-alerts", false,
						start);
				ps.executeBatch();
			}
			rows.put("notification_channels", 2L);

			UUID availability = rng.uuid(saltHi, 10);
			UUID latency = rng.uuid(saltHi, 11);
			try (PreparedStatement ps = c.prepareStatement(INSERT_SLO)) {
				slo(ps, availability, ws, "Availability 95 %", "availability", 95, null, "fleet", null, start);
				slo(ps, latency, ws, "99 % of requests under 5 s", "latency", 99, 5000.0, "fleet", null, start);
				slo(ps, rng.uuid(saltHi, 12), ws, "Latency P90 < 2 s", "latency_p90", 95, 2000.0, "fleet", null, start);
				slo(ps, rng.uuid(saltHi, 13), ws, "Error rate < 2 %", "error_rate", 95, 2.0, "fleet", null, start);
				slo(ps, rng.uuid(saltHi, 14), ws, "Quality > 80", "quality", 95, 80.0, "fleet", null, start);
				int k = 15;
				for (String dept : List.of("engineering", "sales", "support")) {
					slo(ps, rng.uuid(saltHi, k++), ws, "Availability 95 % · " + dept, "availability", 95, null,
							"department", dept, start);
				}
				ps.executeBatch();
			}
			rows.put("slos", 8L);

			Map<String, double[]> lastHour = lastHour(c, ws, now);
			AgentPlan runaway = plan.agents().stream().filter(AgentPlan::runaway).findFirst().orElse(null);
			AgentPlan slowest = null;
			double slowestP90 = 0;
			for (AgentPlan a : plan.agents()) {
				double[] v = lastHour.get(a.agentId());
				if (v != null && v[1] > slowestP90 && a != runaway) {
					slowest = a;
					slowestP90 = v[1];
				}
			}
			AgentPlan problem = null;
			for (AgentPlan a : plan.agents()) {
				if (problem == null && a.problem() && a != slowest && a != runaway) {
					problem = a;
				}
			}
			double runawayCost = (runaway != null && lastHour.containsKey(runaway.agentId()))
					? lastHour.get(runaway.agentId())[0] : 0;

			String channels = "{" + inApp + "}";
			UUID burn = rng.uuid(saltHi, 30);
			UUID latencyBurn = rng.uuid(saltHi, 31);
			UUID errorRate = rng.uuid(saltHi, 32);
			UUID hrSpend = rng.uuid(saltHi, 33);
			UUID p90 = rng.uuid(saltHi, 34);
			UUID traffic = rng.uuid(saltHi, 35);
			UUID errorAnomaly = rng.uuid(saltHi, 36);
			UUID agentAnomaly = rng.uuid(saltHi, 37);
			String workbook = """
					[{"long_minutes":60,"short_minutes":5,"factor":14.4,"severity":"sev2"},
					 {"long_minutes":360,"short_minutes":30,"factor":6,"severity":"sev2"},
					 {"long_minutes":4320,"short_minutes":360,"factor":1,"severity":"sev3"}]""";
			try (PreparedStatement ps = c.prepareStatement(INSERT_RULE)) {
				rule(ps, burn, ws, "Fleet availability budget burn", "burn_rate", "sev2", null, null, null, null, 5, 0,
						"fleet", "{}", availability, workbook, null, null, null, channels, start);
				rule(ps, latencyBurn, ws, "Slow-request budget burn", "burn_rate", "sev2", null, null, null, null, 5, 0,
						"fleet", "{}", latency, workbook, null, null, null, channels, start);
				rule(ps, errorRate, ws, "Agent error rate above 8 %", "threshold", "sev3", "error_rate", ">", 8.0, 5.0,
						60, 10, "agent", "{}", null, null, null, null, null, channels, start);
				rule(ps, hrSpend, ws, "HR agent spend per hour", "threshold", "sev2", "cost_usd", ">",
						round(Math.max(0.01, runawayCost * 0.5)), null, 60, 0, "agent", "{\"department\":\"hr\"}", null,
						null, null, null, null, channels, start);
				String p90Filter = (slowest != null) ? "{\"agent_id\":\"" + slowest.agentId() + "\"}" : "{}";
				rule(ps, p90, ws, "P90 latency spike", "threshold", "sev3", "p90_latency_ms", ">",
						(double) Math.max(500, Math.round(slowestP90 * 0.8)), null, 60, 0, "agent", p90Filter, null, null,
						null, null, null, channels, start);
				rule(ps, traffic, ws, "Department traffic drop", "anomaly", "sev4", "request_count", null, null, null, 60,
						15, "department", "{}", null, null, 4.0, 20, "down", channels, start);
				// the two error-rate anomaly rules bench/anomaly-recall-seeded.sh replays (ANOMALY_* there)
				rule(ps, errorAnomaly, ws, "Department error-rate anomaly", "anomaly", "sev3", "error_rate", null, null,
						null, ANOMALY_WINDOW_MINUTES, 0, "department", "{}", null, null, ANOMALY_Z, ANOMALY_MIN_VOLUME,
						"up", channels, start);
				rule(ps, agentAnomaly, ws, "Agent error-rate anomaly", "anomaly", "sev3", "error_rate", null, null,
						null, ANOMALY_WINDOW_MINUTES, 0, "agent", "{}", null, null, ANOMALY_Z, ANOMALY_MIN_VOLUME, "up",
						channels, start);
				ps.executeBatch();
			}
			rows.put("alert_rules", 8L);
			Map<UUID, String> ruleNames = Map.of(burn, "Fleet availability budget burn", latencyBurn,
					"Slow-request budget burn", errorRate, "Agent error rate above 8 %", hrSpend,
					"HR agent spend per hour", p90, "P90 latency spike", traffic, "Department traffic drop", errorAnomaly,
					"Department error-rate anomaly", agentAnomaly, "Agent error-rate anomaly");

			// incidents: one per injected incident window, detected 8 minutes in, on the window's first agent
			List<Incident> incidents = new ArrayList<>();
			int n = 0;
			for (OrgPlan.Window w : plan.incidentWindows()) {
				long detected = w.fromMillis() + 8 * MINUTE;
				if (detected >= now) {
					continue;
				}
				int s = List.of(SEVERITIES).indexOf(w.severity());
				AgentPlan agent = plan.agents().get(w.agents().get(0));
				Incident incident = new Incident(rng.uuid(saltHi, 100 + n), w.severity(), s, detected, agent,
						(s == 0) ? "provider_outage" : CAUSES[rng.nextInt(CAUSES.length)], rng);
				incident.window = w;
				incidents.add(incident);
				n++;
			}
			long events = 0;
			try (PreparedStatement inc = c.prepareStatement(INSERT_INCIDENT);
					PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
				for (Incident i : incidents) {
					events += i.write(inc, ev, ws);
				}
				inc.executeBatch();
				ev.executeBatch();
			}
			rows.put("incidents", (long) incidents.size());
			rows.put("incident_events", events);

			// postmortems for every sev1/sev2, 25 action items (40 % open)
			long items = 0;
			int pmIndex = 0;
			try (PreparedStatement pm = c.prepareStatement(INSERT_POSTMORTEM);
					PreparedStatement it = c.prepareStatement(INSERT_ITEM)) {
				for (Incident i : incidents) {
					if (i.sev > 1) {
						continue;
					}
					UUID id = rng.uuid(saltHi, 500 + pmIndex);
					String status = (pmIndex < 6) ? "published" : (pmIndex == 6) ? "in_review" : "draft";
					pm.setObject(1, id);
					pm.setObject(2, ws);
					pm.setObject(3, i.id);
					pm.setString(4, status);
					pm.setString(5, "%s on %s: %s requests failed or slowed for %d minutes.".formatted(
							i.severity.toUpperCase(), i.agent.agentId(), i.cause.replace('_', ' '), i.mttr / MINUTE));
					pm.setString(6, rootCause(i.cause));
					pm.setString(7, i.assignee);
					pm.setTimestamp(8, new Timestamp(i.resolved + 2 * OrgPlan.DAY_MS / 24));
					pm.setTimestamp(9, "published".equals(status) ? new Timestamp(i.resolved + 2 * OrgPlan.DAY_MS) : null);
					pm.addBatch();
					int count = (pmIndex < 1) ? 4 : 3;
					for (int k = 0; k < count && items < 25; k++, items++) {
						it.setObject(1, ws);
						it.setObject(2, id);
						it.setString(3, ACTION_ITEMS[(int) (items % ACTION_ITEMS.length)]);
						it.setString(4, i.assignee);
						it.setString(5, (items % 5 < 2) ? "open" : "done");
						it.setObject(6, new java.sql.Date(i.resolved + 14 * OrgPlan.DAY_MS), Types.DATE);
						it.setTimestamp(7, new Timestamp(i.resolved + OrgPlan.DAY_MS));
						it.addBatch();
					}
					pmIndex++;
				}
				pm.executeBatch();
				it.executeBatch();
			}
			rows.put("postmortems", (long) pmIndex);
			rows.put("postmortem_action_items", items);

			// ~400 resolved alerts: incident alerts first (the anomaly rule of the window's scope on its agents, up to
			// three, plus the burn-rate or latency rule its cause trips), then background alerts of the threshold and
			// burn-rate rules (the anomaly rules alert only in incident windows, as their replay does)
			long alerts = 0;
			try (PreparedStatement ps = c.prepareStatement(INSERT_ALERT)) {
				for (Incident i : incidents) {
					OrgPlan.Window w = i.window;
					UUID anomalyRule = (w.agents().size() > 2) ? errorAnomaly : agentAnomaly;
					int count = Math.min(3, w.agents().size());
					for (int k = 0; k < count; k++) {
						AgentPlan agent = plan.agents().get(w.agents().get(k));
						alert(ps, ws, anomalyRule, ruleNames.get(anomalyRule), agent, i.severity,
								i.detected - (1 + k) * MINUTE, Math.min(w.toMillis() + 60 * MINUTE, now - MINUTE), i.id,
								null, k, rng);
						alerts++;
					}
					UUID rule = switch (i.cause) {
						case "latency" -> p90;
						case "slo_burn", "provider_outage" -> burn;
						default -> errorRate;
					};
					alert(ps, ws, rule, ruleNames.get(rule), i.agent, i.severity, i.detected + 2 * MINUTE,
							i.resolved - 5 * MINUTE, i.id, null, count, rng);
					alerts++;
				}
				UUID[] background = { errorRate, errorRate, p90, latencyBurn };
				String[] severity = { "sev3", "sev3", "sev3", "sev3" };
				while (alerts < 397) {
					int r = rng.nextInt(background.length);
					AgentPlan agent = plan.agents().get(rng.nextInt(plan.agents().size()));
					long at = start + (long) (rng.nextDouble() * (now - start - 2 * 3_600_000L));
					long duration = (long) ((10 + rng.nextDouble() * 170) * MINUTE);
					alert(ps, ws, background[r], ruleNames.get(background[r]), agent, severity[r], at, at + duration, null, null, (int) alerts, rng);
					alerts++;
				}
				// firing now: the HR runaway agent's spend (opens an incident), the slowest agent's P90, a problem
				// agent's error rate (silenced)
				if (runaway != null) {
					UUID incident = rng.uuid(saltHi, 900);
					Incident open = new Incident(incident, "sev2", 1, now - 25 * MINUTE, runaway, "cost_overrun", rng);
					try (PreparedStatement inc = c.prepareStatement(INSERT_INCIDENT);
							PreparedStatement ev = c.prepareStatement(INSERT_EVENT)) {
						open.writeOpen(inc, ev, ws, "rule:" + hrSpend + ":dept:hr");
						inc.executeBatch();
						ev.executeBatch();
					}
					rows.merge("incidents", 1L, Long::sum);
					firing(ps, ws, hrSpend, runaway, "sev2", now - 25 * MINUTE, runawayCost, runawayCost * 0.5, incident,
							null, "HR agent spend per hour");
					alerts++;
				}
				if (slowest != null) {
					firing(ps, ws, p90, slowest, "sev3", now - 12 * MINUTE, slowestP90, Math.round(slowestP90 * 0.8),
							null, null, "P90 latency spike");
					alerts++;
				}
				if (problem != null) {
					UUID silence = rng.uuid(saltHi, 950);
					try (PreparedStatement si = c.prepareStatement(INSERT_SILENCE)) {
						si.setObject(1, silence);
						si.setObject(2, ws);
						si.setString(3, "{\"agent_id\":\"" + problem.agentId() + "\"}");
						si.setTimestamp(4, new Timestamp(now - 40 * MINUTE));
						si.setTimestamp(5, new Timestamp(now + 4 * 3_600_000L));
						si.setTimestamp(6, new Timestamp(now - 40 * MINUTE));
						si.executeUpdate();
					}
					rows.put("alert_silences", 1L);
					double[] v = lastHour.getOrDefault(problem.agentId(), new double[] { 0, 0, 0.1 });
					firing(ps, ws, errorRate, problem, "sev3", now - 35 * MINUTE, 100 * v[2], 8.0, null, silence,
							"Agent error rate above 8 %");
					alerts++;
				}
				ps.executeBatch();
			}
			rows.put("alerts", alerts);
			c.commit();
		}
		return rows;
	}

	private static final String[] ACTION_ITEMS = { "Add a canary stage before full rollout",
			"Alert on provider 5xx rate per model", "Cap retries to stop the retry storm", "Raise the timeout budget",
			"Add a runbook link to the page", "Pin the model version in production", "Load-test the new prompt chain",
			"Add a per-agent spend cap" };

	private static String rootCause(String cause) {
		return switch (cause) {
			case "error_spike" -> "A prompt template change returned malformed tool calls; the agent retried until it failed.";
			case "latency" -> "The provider's region was saturated; requests queued behind retries.";
			case "provider_outage" -> "The model provider returned 5xx for 40 minutes; no failover was configured.";
			case "deployment" -> "v2.1 shipped without the cache warm-up step.";
			case "cost_overrun" -> "A loop in the planner step multiplied token usage fivefold.";
			case "slo_burn" -> "Timeouts from a downstream CRM API consumed the monthly error budget in hours.";
			default -> "Traffic from a batch job arrived without rate limiting.";
		};
	}

	private static void channel(PreparedStatement ps, UUID id, UUID ws, String name, String kind, String url,
			boolean enabled, long at) throws SQLException {
		ps.setObject(1, id);
		ps.setObject(2, ws);
		ps.setString(3, name);
		ps.setString(4, kind);
		ps.setString(5, url);
		ps.setBoolean(6, enabled);
		ps.setTimestamp(7, new Timestamp(at));
		ps.addBatch();
	}

	private static void slo(PreparedStatement ps, UUID id, UUID ws, String name, String sli, double objective,
			Double threshold, String scopeType, String scopeValue, long at) throws SQLException {
		ps.setObject(1, id);
		ps.setObject(2, ws);
		ps.setString(3, name);
		ps.setString(4, sli);
		ps.setDouble(5, objective);
		ps.setObject(6, threshold, Types.NUMERIC);
		ps.setString(7, scopeType);
		ps.setString(8, scopeValue);
		ps.setTimestamp(9, new Timestamp(at));
		ps.addBatch();
	}

	private static void rule(PreparedStatement ps, UUID id, UUID ws, String name, String kind, String severity,
			String measure, String comparator, Double threshold, Double resolve, int window, int forMinutes,
			String groupBy, String filters, UUID slo, String burn, Double z, Integer minVolume, String direction,
			String channels, long at) throws SQLException {
		ps.setObject(1, id);
		ps.setObject(2, ws);
		ps.setString(3, name);
		ps.setString(4, kind);
		ps.setString(5, severity);
		ps.setString(6, measure);
		ps.setString(7, comparator);
		ps.setObject(8, threshold, Types.NUMERIC);
		ps.setObject(9, resolve, Types.NUMERIC);
		ps.setInt(10, window);
		ps.setInt(11, forMinutes);
		ps.setString(12, groupBy);
		ps.setString(13, filters);
		ps.setObject(14, slo);
		ps.setString(15, burn);
		ps.setObject(16, z, Types.NUMERIC);
		ps.setObject(17, minVolume, Types.INTEGER);
		ps.setString(18, direction);
		ps.setString(19, channels);
		ps.setTimestamp(20, new Timestamp(at));
		ps.addBatch();
	}

	private static void alert(PreparedStatement ps, UUID ws, UUID rule, String ruleName, AgentPlan agent,
			String severity, long fired, long resolved, UUID incident, UUID silence, int salt, Rng rng)
			throws SQLException {
		String dept = agent.department().spec().code();
		ps.setObject(1, ws);
		ps.setObject(2, rule);
		ps.setString(3, sha256(rule + "|" + agent.agentId() + "|" + salt + "|" + fired));
		ps.setString(4, "rule:" + rule + ":dept:" + dept);
		ps.setString(5, ruleName + " · " + agent.agentId());
		ps.setString(6, severity);
		ps.setString(7, "resolved");
		ps.setString(8, "{\"agent_id\":\"%s\",\"department\":\"%s\"}".formatted(agent.agentId(), dept));
		ps.setString(9, agent.agentId());
		ps.setString(10, dept);
		ps.setObject(11, round(5 + rng.nextDouble() * 20), Types.NUMERIC);
		ps.setObject(12, 8.0, Types.NUMERIC);
		ps.setTimestamp(13, new Timestamp(fired - 2 * MINUTE));
		ps.setTimestamp(14, new Timestamp(fired));
		ps.setTimestamp(15, new Timestamp(Math.max(resolved, fired + MINUTE)));
		ps.setTimestamp(16, new Timestamp(Math.max(resolved, fired + MINUTE)));
		ps.setObject(17, incident);
		ps.setObject(18, silence);
		ps.setTimestamp(19, (incident != null) ? new Timestamp(fired + 5 * MINUTE) : null);
		ps.setString(20, (incident != null) ? "oncall@agentobs.dev" : null);
		ps.setTimestamp(21, new Timestamp(fired));
		ps.addBatch();
	}

	private static void firing(PreparedStatement ps, UUID ws, UUID rule, AgentPlan agent, String severity,
			long fired, double value, double threshold, UUID incident, UUID silence, String ruleName)
			throws SQLException {
		String dept = agent.department().spec().code();
		ps.setObject(1, ws);
		ps.setObject(2, rule);
		// the evaluator's fingerprint (sha-256 of "rule|agent|department|"), so the live evaluator continues
		// this alert, or resolves it once its condition stops holding, rather than opening a second one
		ps.setString(3, sha256(rule + "|" + agent.agentId() + "|" + dept + "|"));
		ps.setString(4, "rule:" + rule + ":dept:" + dept);
		ps.setString(5, ruleName + " · " + agent.agentId());
		ps.setString(6, severity);
		ps.setString(7, "firing");
		ps.setString(8, "{\"agent_id\":\"%s\",\"department\":\"%s\"}".formatted(agent.agentId(), dept));
		ps.setString(9, agent.agentId());
		ps.setString(10, dept);
		ps.setObject(11, round(value), Types.NUMERIC);
		ps.setObject(12, threshold, Types.NUMERIC);
		ps.setTimestamp(13, new Timestamp(fired - MINUTE));
		ps.setTimestamp(14, new Timestamp(fired));
		ps.setTimestamp(15, null);
		ps.setTimestamp(16, new Timestamp(fired));
		ps.setObject(17, incident);
		ps.setObject(18, silence);
		ps.setTimestamp(19, null);
		ps.setString(20, null);
		ps.setTimestamp(21, (silence == null) ? new Timestamp(fired) : null);
		ps.addBatch();
	}

	private static long lastTrace(Connection c, UUID ws, long fallback) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT max(timestamp) FROM traces WHERE workspace_id = ?")) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				Timestamp last = rs.next() ? rs.getTimestamp(1) : null;
				return (last != null) ? Math.min(fallback, last.getTime() + 1) : fallback;
			}
		}
	}

	private static Map<String, double[]> lastHour(Connection c, UUID ws, long now) throws SQLException {
		Map<String, double[]> out = new LinkedHashMap<>();
		try (PreparedStatement ps = c.prepareStatement(LAST_HOUR)) {
			ps.setObject(1, ws);
			ps.setTimestamp(2, new Timestamp(now - 60 * MINUTE));
			ps.setTimestamp(3, new Timestamp(now));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.put(rs.getString(1), new double[] { rs.getDouble(2), rs.getDouble(3), rs.getDouble(4) });
				}
			}
		}
		return out;
	}

	static String sha256(String value) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double round(double v) {
		return Math.round(v * 10_000) / 10_000.0;
	}

	/** One seeded incident and its timeline. */
	private static final class Incident {

		final UUID id;

		final String severity;

		final int sev;

		final long detected;

		final AgentPlan agent;

		final String cause;

		final long mtta;

		final long mttr;

		final long resolved;

		final String assignee;

		/** The injected incident window it reports (null for the open one). */
		OrgPlan.Window window;

		Incident(UUID id, String severity, int sev, long detected, AgentPlan agent, String cause, Rng rng) {
			this.id = id;
			this.severity = severity;
			this.sev = sev;
			this.detected = detected;
			this.agent = agent;
			this.cause = cause;
			this.mtta = (long) (MTTA[sev] * (0.7 + 0.6 * rng.nextDouble()) * MINUTE);
			this.mttr = (long) (MTTR[sev] * (0.9 + 0.2 * rng.nextDouble()) * MINUTE);
			this.resolved = detected + this.mttr;
			this.assignee = List.of("maya.chen@agentobs.dev", "li.wei@agentobs.dev", "sam.okafor@agentobs.dev",
					"oncall@agentobs.dev").get(rng.nextInt(4));
		}

		String title() {
			return switch (this.cause) {
				case "error_spike" -> "Error spike on " + this.agent.agentId();
				case "latency" -> "Latency degradation on " + this.agent.agentId();
				case "provider_outage" -> "Model provider outage affecting " + this.agent.department().spec().name();
				case "deployment" -> "Bad rollout of " + this.agent.agentId();
				case "cost_overrun" -> "Runaway spend on " + this.agent.agentId();
				case "slo_burn" -> "Availability budget burning fast";
				default -> "Traffic anomaly in " + this.agent.department().spec().name();
			};
		}

		int write(PreparedStatement inc, PreparedStatement ev, UUID ws) throws SQLException {
			long ack = this.detected + this.mtta;
			long mitigated = this.detected + (this.mtta + this.mttr) / 2;
			long closed = this.resolved + OrgPlan.DAY_MS;
			row(inc, ws, "closed", null, ack, mitigated, this.resolved, closed);
			int n = 0;
			n += event(ev, ws, "opened", title(), "alert-service", this.detected);
			n += event(ev, ws, "alert_fired", "Alert fired on " + this.agent.agentId(), "alert-service",
					this.detected + MINUTE);
			n += event(ev, ws, "acknowledged", "On it", this.assignee, ack);
			if (this.sev <= 2) {
				n += event(ev, ws, "assigned", "Assigned to " + this.assignee, this.assignee, ack + MINUTE);
			}
			n += event(ev, ws, "mitigated", "Rolled back to the previous version", this.assignee, mitigated);
			n += event(ev, ws, "resolved", "Error rate back under target for 30 minutes", this.assignee, this.resolved);
			if (this.sev <= 1) {
				n += event(ev, ws, "note", "Postmortem scheduled", this.assignee, this.resolved + 10 * MINUTE);
			}
			n += event(ev, ws, "closed", "Closed", this.assignee, closed);
			return n;
		}

		void writeOpen(PreparedStatement inc, PreparedStatement ev, UUID ws, String groupKey) throws SQLException {
			row(inc, ws, "open", groupKey, null, null, null, null);
			event(ev, ws, "opened", title(), "alert-service", this.detected);
			event(ev, ws, "alert_fired", "HR agent spend per hour · " + this.agent.agentId(), "alert-service",
					this.detected);
		}

		private void row(PreparedStatement inc, UUID ws, String status, String groupKey, Long ack, Long mitigated,
				Long resolvedAt, Long closed) throws SQLException {
			inc.setObject(1, this.id);
			inc.setObject(2, ws);
			inc.setString(3, title());
			inc.setString(4, this.severity);
			inc.setString(5, status);
			inc.setString(6, groupKey);
			inc.setString(7, this.agent.department().spec().code());
			inc.setString(8, this.agent.agentId());
			inc.setString(9, this.cause);
			inc.setString(10, (ack != null) ? this.assignee : null);
			inc.setTimestamp(11, new Timestamp(this.detected));
			inc.setTimestamp(12, (ack != null) ? new Timestamp(ack) : null);
			inc.setTimestamp(13, (mitigated != null) ? new Timestamp(mitigated) : null);
			inc.setTimestamp(14, (resolvedAt != null) ? new Timestamp(resolvedAt) : null);
			inc.setTimestamp(15, (closed != null) ? new Timestamp(closed) : null);
			inc.setTimestamp(16, new Timestamp(this.detected));
			inc.addBatch();
		}

		private int event(PreparedStatement ev, UUID ws, String type, String message, String actor, long at)
				throws SQLException {
			ev.setObject(1, ws);
			ev.setObject(2, this.id);
			ev.setString(3, type);
			ev.setString(4, message);
			ev.setString(5, actor);
			ev.setTimestamp(6, new Timestamp(at));
			ev.addBatch();
			return 1;
		}

	}

}
