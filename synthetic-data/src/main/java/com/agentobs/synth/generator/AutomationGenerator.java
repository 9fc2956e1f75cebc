package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.Rng;

/**
 * The Automations tab's demo data: the eight demo playbooks (error-spike rollback, budget-overrun
 * throttle, PII-spike quarantine, nightly re-evaluation, weekly cost report, stale-agent
 * deprecation, latency autoscale, canary auto-advance) with their first version, about 300
 * executions over the history (88 % succeeded, 7 % failed, 80 % of those on two steps: the
 * error-spike rollback's version rollback (its rate limit rolled back) and the nightly
 * re-evaluation's backfill; 5 % cancelled or skipped by the cooldown), each playbook's first run
 * a success, their steps with logs and the playbook-actor audit rows, the claimed schedule slots,
 * two scheduled runs due within 24 h, and 8 of the resolved incidents (the fastest ones) marked as
 * resolved by an alert-triggered run (11.6). Runs after the alerts generator.
 */
final class AutomationGenerator implements Generator {

	private static final long SECOND = 1000L;

	private static final long MINUTE = 60 * SECOND;

	private static final long DAY = 24 * 60 * MINUTE;

	private static final int TARGET = 300;

	private record Step(String type, String params, String onFailure, boolean approval, String owner,
			String target) {
	}

	private record Book(String name, String description, String trigger, String config, String condition,
			int cooldown, List<Step> steps, double weight, int failingStep) {
	}

	@Override
	public String name() {
		return "automations";
	}

	@Override
	public List<String> tables() {
		return List.of("playbooks", "playbook_schedule_leases", "playbook_execution_steps", "playbook_executions",
				"playbook_versions");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("playbooks", "8");
		rows.put("playbook_executions", "≈ " + TARGET);
		rows.put("playbook_execution_steps", "≈ " + (TARGET * 2));
		rows.put("incidents (resolved by a playbook)", "8");
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = plan.workspaceId();
		Rng rng = Rng.of(plan.options().seed(), "automations");
		long saltHi = ws.getMostSignificantBits() ^ 0x5eedL;
		long start = plan.startMillis();
		Map<String, Long> rows = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			long now = lastTrace(c, ws, plan.nowMillis());
			String channel = scalar(c, "SELECT id::text FROM notification_channels WHERE workspace_id = ? AND kind = 'in_app' LIMIT 1", ws);
			String evalRule = scalar(c, "SELECT id::text FROM evaluator_rules WHERE workspace_id = ? ORDER BY created_at LIMIT 1", ws);
			List<AgentPlan> agents = plan.agents();
			String problem = agents.stream().filter(AgentPlan::problem).map(AgentPlan::agentId).findFirst().orElse(agents.get(0).agentId());
			String runaway = agents.stream().filter(AgentPlan::runaway).map(AgentPlan::agentId).findFirst().orElse(agents.get(1 % agents.size()).agentId());
			String stale = agents.stream().filter(AgentPlan::deprecated).map(AgentPlan::agentId).findFirst().orElse(agents.get(agents.size() - 1).agentId());
			String slow = agents.get(agents.size() / 2).agentId();
			String notify = (channel != null) ? "{\"channel_id\":\"" + channel + "\",\"message\":\"%s\"}" : null;
			List<Book> books = books(notify, evalRule, problem, runaway, stale, slow);

			UUID[] ids = new UUID[books.size()];
			try (PreparedStatement pb = c.prepareStatement("""
					INSERT INTO playbooks (id, workspace_id, name, description, trigger_type, trigger_config, condition, steps,
					    cooldown_seconds, max_concurrent, approval_timeout_seconds, is_enabled, next_run_at, created_by,
					    created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, 1, 1800, TRUE, ?, 'seed', ?, ?)
					""");
					PreparedStatement pv = c.prepareStatement("""
							INSERT INTO playbook_versions (workspace_id, playbook_id, version, definition, created_by, created_at)
							VALUES (?, ?, 1, ?::jsonb, 'seed', ?)
							""")) {
				for (int i = 0; i < books.size(); i++) {
					Book b = books.get(i);
					ids[i] = rng.uuid(saltHi, 100 + i);
					Timestamp created = new Timestamp(start - DAY);
					pb.setObject(1, ids[i]);
					pb.setObject(2, ws);
					pb.setString(3, b.name());
					pb.setString(4, b.description());
					pb.setString(5, b.trigger());
					pb.setString(6, b.config());
					pb.setString(7, b.condition());
					pb.setString(8, stepsJson(b));
					pb.setInt(9, b.cooldown());
					pb.setTimestamp(10, "schedule".equals(b.trigger()) ? ts(nextSlot(b, Math.max(now, plan.nowMillis()))) : null);
					pb.setTimestamp(11, created);
					pb.setTimestamp(12, created);
					pb.addBatch();
					pv.setObject(1, ws);
					pv.setObject(2, ids[i]);
					pv.setString(3, definitionJson(b));
					pv.setTimestamp(4, created);
					pv.addBatch();
				}
				pb.executeBatch();
				pv.executeBatch();
			}
			rows.put("playbooks", (long) books.size());

			// when each execution was queued: schedule slots (the last 30 days of them) and weighted random times
			List<long[]> runs = new ArrayList<>();
			for (int i = 0; i < books.size(); i++) {
				if ("schedule".equals(books.get(i).trigger())) {
					for (long slot : slots(books.get(i), Math.max(start, now - 30 * DAY), now)) {
						runs.add(new long[] { i, slot });
					}
				}
			}
			double total = books.stream().filter((b) -> !"schedule".equals(b.trigger())).mapToDouble(Book::weight).sum();
			int free = Math.max(40, TARGET - runs.size());
			for (int i = 0; i < books.size(); i++) {
				Book b = books.get(i);
				if ("schedule".equals(b.trigger())) {
					continue;
				}
				int n = (int) Math.round(free * b.weight() / total);
				for (int k = 0; k < n; k++) {
					runs.add(new long[] { i, start + (long) (rng.nextDouble() * (now - start - 10 * MINUTE)) });
				}
			}
			runs.sort((x, y) -> Long.compare(x[1], y[1]));

			// the fastest resolved incidents get an alert-triggered run of the error-spike playbook
			List<Object[]> automated = new ArrayList<>();
			try (PreparedStatement ps = c.prepareStatement("""
					SELECT id, detected_at, resolved_at FROM incidents
					WHERE workspace_id = ? AND resolved_at IS NOT NULL
					ORDER BY resolved_at - detected_at, id LIMIT 8
					""")) {
				ps.setObject(1, ws);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						automated.add(new Object[] { rs.getObject(1, UUID.class), rs.getTimestamp(2).getTime(),
								rs.getTimestamp(3).getTime() });
					}
				}
			}

			long executions = 0;
			long steps = 0;
			long audits = 0;
			boolean[] seen = new boolean[books.size()];
			try (PreparedStatement pe = c.prepareStatement("""
					INSERT INTO playbook_executions (id, workspace_id, playbook_id, playbook_version, mode, status, reason, error,
					    trigger_source, trigger_key, trigger_payload, triggered_by, incident_id, approved_through, approved_by,
					    scheduled_for, queued_at, started_at, first_step_started_at, finished_at, created_at, updated_at)
					VALUES (?, ?, ?, 1, 'live', ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""");
					PreparedStatement psStep = c.prepareStatement("""
							INSERT INTO playbook_execution_steps (workspace_id, execution_id, step_index, action_type, params, status,
							    idempotency_key, action_id, rollback_action_id, owner_service, attempts, log, error, started_at,
							    finished_at)
							VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
							""");
					PreparedStatement pa = c.prepareStatement("""
							INSERT INTO action_audit_log (action_id, workspace_id, action_type, action_scope, actor_type, actor_subject,
							    target_type, target_id, action_params, status, result, rollback_action_id, playbook_execution_id,
							    idempotency_key, created_at, updated_at, completed_at)
							VALUES (?, ?, ?, ?, 'playbook', ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
							""");
					PreparedStatement pl = c.prepareStatement("""
							INSERT INTO playbook_schedule_leases (workspace_id, playbook_id, scheduled_for, claimed_by, claimed_at,
							    execution_id)
							VALUES (?, ?, ?, 'alert-seed', ?, ?)
							""");
					PreparedStatement pi = c.prepareStatement(
							"UPDATE incidents SET resolved_by_execution_id = ? WHERE workspace_id = ? AND id = ?")) {
				List<Object[]> all = new ArrayList<>();
				for (long[] r : runs) {
					all.add(new Object[] { (int) r[0], r[1], null });
				}
				for (Object[] inc : automated) {
					all.add(new Object[] { 0, (Long) inc[1] + rng.between(1, 3) * MINUTE, inc });
				}
				for (int n = 0; n < all.size(); n++) {
					int bi = (Integer) all.get(n)[0];
					long queued = (Long) all.get(n)[1];
					Object[] incident = (Object[]) all.get(n)[2];
					Book b = books.get(bi);
					UUID exec = rng.uuid(saltHi, 10_000 + n);
					double u = rng.nextDouble();
					// status: the first run of each playbook and every incident-resolving run succeed
					String status;
					int failAt = -1;
					if (!seen[bi] || incident != null || u < 0.88) {
						status = "succeeded";
					}
					else if (u < 0.95) {
						failAt = (b.failingStep() >= 0 && rng.nextDouble() < 0.85) ? b.failingStep() : b.steps().size() - 1;
						boolean rollback = "rollback".equals(b.steps().get(failAt).onFailure()) && failAt > 0;
						status = rollback ? "rolled_back" : "failed";
					}
					else {
						status = (b.cooldown() > 0 && rng.nextDouble() < 0.5) ? "skipped" : "cancelled";
					}
					seen[bi] = true;
					String source = "schedule".equals(b.trigger()) ? "schedule"
							: (incident != null) ? "alert" : (rng.nextDouble() < 0.08) ? "manual" : b.trigger();
					long started = queued + rng.between(300, 2500);
					long cursor = started;
					int approvedThrough = -1;
					String approver = null;
					List<Object[]> stepRows = new ArrayList<>();
					for (int s = 0; s < b.steps().size(); s++) {
						Step step = b.steps().get(s);
						String st;
						if ("skipped".equals(status) || ("cancelled".equals(status) && s > 0)) {
							st = "skipped";
						}
						else if ("cancelled".equals(status)) {
							st = step.approval() ? "skipped" : "succeeded";
						}
						else if (failAt >= 0 && s > failAt) {
							st = "continue".equals(b.steps().get(failAt).onFailure()) ? "succeeded" : "pending";
						}
						else if (s == failAt) {
							st = "failed";
						}
						else {
							st = ("rolled_back".equals(status) && s < failAt) ? "rolled_back" : "succeeded";
						}
						if (step.approval() && !"skipped".equals(st)) {
							cursor += rng.between(2, 12) * MINUTE;
							approvedThrough = s;
							approver = "oncall@agentobs.dev";
						}
						long from = cursor;
						long to = from + rng.between(400, 6000);
						cursor = to;
						stepRows.add(new Object[] { s, step, st, from, to });
					}
					long finished = "skipped".equals(status) ? queued : cursor + rng.between(50, 400);
					String reason = switch (status) {
						case "failed", "rolled_back" -> "step_failed";
						case "skipped" -> "cooldown";
						case "cancelled" -> "cancelled";
						default -> null;
					};
					String error = (failAt >= 0) ? failureMessage(b.steps().get(failAt).type()) : null;
					String key = "schedule".equals(source) ? "schedule:" + Instant.ofEpochMilli(queued)
							: source + ":" + exec;
					pe.setObject(1, exec);
					pe.setObject(2, ws);
					pe.setObject(3, ids[bi]);
					pe.setString(4, status);
					pe.setString(5, reason);
					pe.setString(6, error);
					pe.setString(7, source);
					pe.setString(8, key);
					pe.setString(9, payload(source, b, queued, incident));
					pe.setString(10, "manual".equals(source) ? "operator@agentobs.dev" : source);
					pe.setObject(11, (incident != null) ? incident[0] : null);
					pe.setInt(12, approvedThrough);
					pe.setString(13, approver);
					pe.setTimestamp(14, "schedule".equals(source) ? new Timestamp(queued) : null);
					pe.setTimestamp(15, new Timestamp(queued));
					pe.setTimestamp(16, new Timestamp("skipped".equals(status) ? queued : started));
					pe.setTimestamp(17, "skipped".equals(status) ? null : new Timestamp(started));
					pe.setTimestamp(18, new Timestamp(finished));
					pe.setTimestamp(19, new Timestamp(queued));
					pe.setTimestamp(20, new Timestamp(finished));
					pe.addBatch();
					executions++;
					for (Object[] sr : stepRows) {
						int s = (Integer) sr[0];
						Step step = (Step) sr[1];
						String st = (String) sr[2];
						long from = (Long) sr[3];
						long to = (Long) sr[4];
						boolean ran = List.of("succeeded", "failed", "rolled_back").contains(st);
						UUID actionId = ran ? rng.uuid(saltHi ^ 0xa11L, n * 32L + s) : null;
						UUID rollbackId = "rolled_back".equals(st) ? rng.uuid(saltHi ^ 0xb22L, n * 32L + s) : null;
						String idem = "playbook:" + exec + ":" + s;
						String stepError = "failed".equals(st) ? error : null;
						psStep.setObject(1, ws);
						psStep.setObject(2, exec);
						psStep.setInt(3, s);
						psStep.setString(4, step.type());
						psStep.setString(5, step.params());
						psStep.setString(6, st);
						psStep.setString(7, idem);
						psStep.setObject(8, actionId);
						psStep.setObject(9, rollbackId);
						psStep.setString(10, step.owner());
						psStep.setInt(11, ran ? 1 : 0);
						psStep.setString(12, log(st, from, to, actionId, stepError, step.approval() && ran));
						psStep.setString(13, stepError);
						psStep.setTimestamp(14, ran ? new Timestamp(from) : null);
						psStep.setTimestamp(15, ran || "skipped".equals(st) ? new Timestamp(to) : null);
						psStep.addBatch();
						steps++;
						if (rollbackId != null) {
							// the rollback row first: the original points at it (rollback_action_id)
							long at = finished - rng.between(100, 300);
							audit(pa, rollbackId, ws, new Step("action.rollback", "{\"action_id\":\"" + actionId + "\"}",
									"stop", false, step.owner(), step.target()), ids[bi], "completed", null, null, exec,
									idem + ":rollback", at, at + 200);
							audits++;
						}
						if (ran) {
							audit(pa, actionId, ws, step, ids[bi], "failed".equals(st) ? "failed" : ("rolled_back".equals(st) ? "rolled_back" : "completed"),
									stepError, rollbackId, exec, idem, from, to);
							audits++;
						}
					}
					if ("schedule".equals(source)) {
						pl.setObject(1, ws);
						pl.setObject(2, ids[bi]);
						pl.setTimestamp(3, new Timestamp(queued));
						pl.setTimestamp(4, new Timestamp(queued));
						pl.setObject(5, exec);
						pl.addBatch();
					}
					if (incident != null) {
						pi.setObject(1, exec);
						pi.setObject(2, ws);
						pi.setObject(3, incident[0]);
						pi.addBatch();
					}
				}
				pe.executeBatch();
				psStep.executeBatch();
				pa.executeBatch();
				pl.executeBatch();
				pi.executeBatch();
			}
			c.commit();
			rows.put("playbook_executions", executions);
			rows.put("playbook_execution_steps", steps);
			rows.put("action_audit_log (playbook)", audits);
			rows.put("incidents (resolved by a playbook)", (long) automated.size());
		}
		return rows;
	}

	private static List<Book> books(String notify, String evalRule, String problem, String runaway, String stale,
			String slow) {
		Step note = (notify != null) ? new Step("notification.send", String.format(notify, "Playbook finished"), "continue",
				false, "alert", "notification_channel") : null;
		List<Book> list = new ArrayList<>();
		list.add(new Book("Error-spike rollback", "Throttles the agent, rolls back its last version, tells on-call.",
				"alert", "{\"severity\":\"sev3\"}", "has(event.agent_id)", 600,
				steps(new Step("agent.set_rate_limit", "{\"agent_id\":\"" + problem + "\",\"rate_limit_rpm\":30,\"reason\":\"error spike\"}", "rollback", false, "guardrail", "agent"),
						new Step("agent.rollback_version", "{\"agent_id\":\"" + problem + "\",\"reason\":\"error spike\"}", "rollback", false, "guardrail", "agent"), note),
				60, 1));
		list.add(new Book("Budget-overrun throttle", "Caps the request rate of an agent that burns its hourly budget.",
				"metric_threshold", "{\"metric\":\"cost_usd\",\"op\":\">\",\"threshold\":50,\"window_minutes\":60,\"agent_id\":\"" + runaway + "\"}",
				null, 3600,
				steps(new Step("agent.set_rate_limit", "{\"agent_id\":\"" + runaway + "\",\"rate_limit_rpm\":20,\"reason\":\"budget overrun\"}", "stop", false, "guardrail", "agent"), note),
				40, -1));
		list.add(new Book("PII-spike quarantine", "Quarantines an agent leaking PII, after an approval.",
				"alert", "{\"severity\":\"sev2\"}", "event.title.contains('PII') || event.rule_name.contains('PII')", 1800,
				steps(new Step("agent.quarantine", "{\"agent_id\":\"" + problem + "\",\"reason\":\"PII spike\"}", "stop", true, "guardrail", "agent"), note),
				25, -1));
		list.add(new Book("Nightly re-evaluation", "Re-scores the last day of traces with the first evaluator rule.",
				"schedule", "{\"cron\":\"0 0 2 * * *\"}", null, 0,
				steps(new Step("quality.backfill", "{\"rule_id\":\"" + (evalRule != null ? evalRule : "00000000-0000-0000-0000-000000000000")
						+ "\",\"from\":\"-P1D\",\"to\":\"now\"}", "stop", false, "evaluation", "evaluator_rule"), note),
				0, 0));
		list.add(new Book("Weekly cost report", "Posts the week's cost summary to the on-call channel.",
				"schedule", "{\"cron\":\"0 0 8 * * MON\"}", null, 0,
				steps(note != null ? new Step("notification.send", String.format(notify, "Weekly cost report is ready"), "stop", false, "alert", "notification_channel")
						: new Step("incident.declare", "{\"title\":\"Weekly cost review\",\"severity\":\"sev4\"}", "stop", false, "alert", "incident")),
				0, -1));
		list.add(new Book("Stale-agent deprecation", "Deprecates an agent without traffic for 30 days, after an approval.",
				"schedule", "{\"cron\":\"0 0 6 * * *\"}", null, 0,
				steps(new Step("agent.deprecate", "{\"agent_id\":\"" + stale + "\",\"deprecation_date\":\"2027-01-31\",\"reason\":\"no traffic for 30 days\"}", "stop", true, "guardrail", "agent"), note),
				0, -1));
		list.add(new Book("Latency autoscale", "Raises the rate limit of a slow agent's pool while P90 is high.",
				"alert", "{\"severity\":\"sev3\"}", "event.rule_name.contains('latency') || event.rule_name.contains('P90')", 900,
				steps(new Step("agent.set_rate_limit", "{\"agent_id\":\"" + slow + "\",\"rate_limit_rpm\":240,\"reason\":\"latency autoscale\"}", "stop", false, "guardrail", "agent"), note),
				50, -1));
		list.add(new Book("Canary auto-advance", "Advances a healthy canary to its next traffic step.",
				"metric_threshold", "{\"metric\":\"error_rate\",\"op\":\"<\",\"threshold\":0.01,\"window_minutes\":60,\"agent_id\":\"" + slow + "\"}",
				null, 86400,
				steps(new Step("canary.advance", "{\"agent_id\":\"" + slow + "\",\"reason\":\"healthy canary\"}", "rollback", false, "evaluation", "agent"), note),
				30, -1));
		return list;
	}

	private static List<Step> steps(Step... steps) {
		List<Step> list = new ArrayList<>();
		for (Step s : steps) {
			if (s != null) {
				list.add(s);
			}
		}
		return list;
	}

	private static String stepsJson(Book b) {
		List<String> out = new ArrayList<>();
		for (Step s : b.steps()) {
			out.add("{\"action_type\":\"" + s.type() + "\",\"params\":" + s.params() + ",\"timeout_s\":60,\"on_failure\":\""
					+ s.onFailure() + "\",\"requires_approval\":" + s.approval() + ",\"enabled\":true}");
		}
		return "[" + String.join(",", out) + "]";
	}

	private static String definitionJson(Book b) {
		return "{\"name\":" + quote(b.name()) + ",\"description\":" + quote(b.description()) + ",\"trigger_type\":\""
				+ b.trigger() + "\",\"trigger_config\":" + b.config() + ",\"condition\":"
				+ ((b.condition() != null) ? quote(b.condition()) : "null") + ",\"steps\":" + stepsJson(b)
				+ ",\"cooldown_seconds\":" + b.cooldown() + ",\"max_concurrent\":1,\"approval_timeout_seconds\":1800}";
	}

	private static String quote(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String failureMessage(String type) {
		return switch (type) {
			case "agent.rollback_version" -> "CONFLICT: The agent has no earlier configuration version to roll back to";
			case "quality.backfill" -> "UPSTREAM_TIMEOUT (HTTP 504): evaluation did not answer within PT1M";
			default -> "SERVICE_UNAVAILABLE (HTTP 503): the owning service was unreachable";
		};
	}

	private static String payload(String source, Book b, long queued, Object[] incident) {
		return switch (source) {
			case "schedule" -> "{\"scheduled_for\":\"" + Instant.ofEpochMilli(queued) + "\",\"late_ms\":" + (queued % 900) + "}";
			case "alert", "slo_breach" -> "{\"event\":\"alert.firing\",\"severity\":\"sev2\",\"title\":\"" + b.name()
					+ " condition\"" + ((incident != null) ? ",\"incident_id\":\"" + incident[0] + "\"" : "") + "}";
			case "metric_threshold" -> "{\"metric\":" + quote(String.valueOf(b.config().contains("cost_usd") ? "cost_usd" : "error_rate")) + "}";
			default -> "{\"requested_by\":\"operator@agentobs.dev\"}";
		};
	}

	private static String log(String status, long from, long to, UUID actionId, String error, boolean approved) {
		List<String> lines = new ArrayList<>();
		if (approved) {
			lines.add(line(from - MINUTE, "pending", "approved by oncall@agentobs.dev"));
		}
		switch (status) {
			case "succeeded" -> {
				lines.add(line(from, "running", "started by alert-seed"));
				lines.add(line(to, "succeeded", "completed (action " + actionId + ")"));
			}
			case "failed" -> {
				lines.add(line(from, "running", "started by alert-seed"));
				lines.add(line(to, "failed", "failed: " + error));
			}
			case "rolled_back" -> {
				lines.add(line(from, "running", "started by alert-seed"));
				lines.add(line(to, "succeeded", "completed (action " + actionId + ")"));
				lines.add(line(to + 5 * SECOND, "rolled_back", "rolled back after a later step failed"));
			}
			case "skipped" -> lines.add(line(to, "skipped", "not run"));
			default -> {
			}
		}
		return "[" + String.join(",", lines) + "]";
	}

	private static String line(long at, String status, String message) {
		return "{\"at\":\"" + Instant.ofEpochMilli(at) + "\",\"status\":\"" + status + "\",\"message\":" + quote(message) + "}";
	}

	private static void audit(PreparedStatement pa, UUID id, UUID ws, Step step, UUID playbook, String status,
			String error, UUID rollbackId, UUID exec, String key, long from, long to) throws SQLException {
		String target = step.params().replaceAll(".*\"(agent_id|channel_id|rule_id|experiment_id|action_id)\":\"([^\"]+)\".*", "$2");
		pa.setObject(1, id);
		pa.setObject(2, ws);
		pa.setString(3, step.type());
		pa.setString(4, "agent".equals(step.target()) ? "agent" : "fleet");
		pa.setString(5, "playbook:" + playbook);
		pa.setString(6, step.target());
		pa.setString(7, target.startsWith("{") ? null : target);
		pa.setString(8, step.params());
		pa.setString(9, status);
		pa.setString(10, (error != null) ? "{\"error\":{\"message\":" + quote(error) + "}}" : "{}");
		pa.setObject(11, rollbackId);
		pa.setObject(12, exec);
		pa.setString(13, key);
		pa.setTimestamp(14, new Timestamp(from));
		pa.setTimestamp(15, new Timestamp(to));
		pa.setTimestamp(16, new Timestamp(to));
		pa.addBatch();
	}

	/** The cron slots of a schedule playbook in [from, to) (only the forms the demo uses: daily at H, weekly Monday at H). */
	private static List<Long> slots(Book b, long from, long to) {
		List<Long> out = new ArrayList<>();
		long t = from;
		for (int guard = 0; guard < 400; guard++) {
			long next = nextSlot(b, t);
			if (next >= to) {
				break;
			}
			out.add(next);
			t = next + 1;
		}
		return out;
	}

	private static long nextSlot(Book b, long after) {
		String cron = b.config().replaceAll(".*\"cron\":\"([^\"]+)\".*", "$1");
		String[] f = cron.split(" ");
		int hour = Integer.parseInt(f[2]);
		boolean monday = f.length > 5 && "MON".equals(f[5]);
		ZonedDateTime t = Instant.ofEpochMilli(after).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(hour);
		while (t.toInstant().toEpochMilli() <= after || (monday && t.getDayOfWeek().getValue() != 1)) {
			t = t.plusDays(1);
		}
		return t.toInstant().toEpochMilli();
	}

	private static Timestamp ts(long millis) {
		return new Timestamp(millis);
	}

	private static String scalar(Connection c, String sql, UUID ws) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static long lastTrace(Connection c, UUID ws, long fallback) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT max(timestamp) FROM traces WHERE workspace_id = ?")) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
				return (t != null) ? Math.min(t.getTime(), fallback) : fallback;
			}
		}
	}

}
