package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.OrgPlan.DepartmentPlan;
import com.agentobs.synth.model.Rng;

/**
 * Example executions of every action in the action catalogue (plan: "all actions have example
 * executions in the audit log"), plus the ones the scenarios imply: deprecations on their dates,
 * version rollbacks inside the incident windows, a rate limit on the runaway
 * HR agent. Later tabs' generators (playbooks, approvals…) add their own rows linked to these.
 */
final class AuditLogGenerator implements Generator {

	private static final String INSERT_ACTION = """
			INSERT INTO action_audit_log (action_id, workspace_id, action_type, action_scope, actor_user_id, actor_type,
			                              target_type, target_id, action_params, status, result, rollback_action_id,
			                              idempotency_key, created_at, updated_at, completed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?)
			""";

	private static final String SELECT_USER = "SELECT id FROM users WHERE lower(email) = lower(?)";

	/** action_type → scope (fleet | department | agent): the whole action catalogue. */
	static final Map<String, String> CATALOGUE = catalogue();

	private record Action(UUID id, String type, String scope, String actor, String actorType, String targetType,
			String targetId, String params, String status, String result, UUID rollbackOf, long at) {
	}

	private static Map<String, String> catalogue() {
		Map<String, String> c = new java.util.LinkedHashMap<>();
		for (String a : List.of("agent.pause", "agent.resume", "agent.deprecate", "agent.migrate_traffic",
				"agent.set_capacity_threshold", "agent.switch_model", "agent.set_rate_limit", "agent.scale",
				"agent.rollback_version", "agent.quarantine", "canary.start", "config.rollback",
				"config.reconcile_drift", "config.propose_change")) {
			c.put(a, "agent");
		}
		for (String a : List.of("department.set_budget", "department.set_budget_alerts", "goal.create", "goal.update",
				"goal.close", "goal.link_agents")) {
			c.put(a, "department");
		}
		for (String a : List.of("alert.acknowledge", "alert_rule.create", "alert_rule.update", "rubric.create",
				"rubric.update", "rubric.assign", "quality.set_threshold", "quality.set_promotion_gate",
				"evaluation.rerun", "evaluation.request_review", "guardrail_policy.create", "guardrail_policy.update",
				"guardrail_policy.set_mode", "violation.mark_false_positive", "value_model.update", "incident.declare",
				"incident.acknowledge", "incident.assign", "incident.escalate", "incident.resolve",
				"incident.run_playbook", "slo.create", "slo.configure", "postmortem.create",
				"postmortem.add_action_item", "experiment.create", "experiment.start", "experiment.pause",
				"experiment.stop", "experiment.set_traffic_split", "experiment.declare_winner",
				"experiment.promote_winner", "canary.advance", "canary.abort", "approval.approve", "approval.reject",
				"policy.create", "policy.update", "policy.enforce", "role.assign", "role.revoke", "playbook.create",
				"playbook.update", "playbook.enable", "playbook.disable", "playbook.run", "playbook.dry_run",
				"playbook.schedule", "execution.approve_step", "execution.cancel")) {
			c.put(a, "fleet");
		}
		return c;
	}

	@Override
	public String name() {
		return "audit";
	}

	@Override
	public List<String> tables() {
		return List.of("action_audit_log");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("action_audit_log", "≈ %d".formatted(CATALOGUE.size() * 2 + plan.agents().size() / 10));
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		Rng rng = Rng.of(plan.options().seed(), "audit");
		long saltHi = plan.workspaceId().getMostSignificantBits();
		long saltLo = plan.workspaceId().getLeastSignificantBits();
		List<Action> actions = new ArrayList<>();
		List<AgentPlan> agents = plan.agents();

		for (AgentPlan a : agents) {
			if (a.deprecated()) {
				String params = a.replacementIndex() >= 0
						? "{\"deprecation_date\": \"%s\", \"replacement_agent_id\": \"%s\"}".formatted(
								new Timestamp(a.deprecationAtMillis()).toInstant(), agents.get(a.replacementIndex()).id())
						: "{\"deprecation_date\": \"%s\"}".formatted(new Timestamp(a.deprecationAtMillis()).toInstant());
				actions.add(action(rng, saltHi, saltLo, "agent.deprecate", "agent", "admin", "user", "agent",
						a.agentId(), params, "completed", a.deprecationAtMillis() - 3 * OrgPlan.DAY_MS));
			}
			// the playbook rolls back the first agent of every incident window 40 minutes in
			for (OrgPlan.Window w : plan.incidentWindows()) {
				if (w.agents().get(0) == a.index() && w.fromMillis() + 40 * 60_000L < plan.historyEndMillis()) {
					actions.add(action(rng, saltHi, saltLo, "agent.rollback_version", "agent", null, "playbook", "agent",
							a.agentId(), "{\"to_version\": \"%s\", \"reason\": \"error spike\"}".formatted(a.version()),
							"completed", w.fromMillis() + 40 * 60_000L));
				}
			}
			if (a.runaway()) {
				actions.add(action(rng, saltHi, saltLo, "agent.set_rate_limit", "agent", "operator", "user", "agent",
						a.agentId(), "{\"rate_limit_rpm\": 60}", "completed", plan.nowMillis() - 2 * OrgPlan.DAY_MS));
			}
		}
		for (Map.Entry<String, String> entry : CATALOGUE.entrySet()) {
			int executions = rng.between(1, 3);
			for (int i = 0; i < executions; i++) {
				long at = plan.startMillis() + (long) (rng.nextDouble() * (plan.nowMillis() - plan.startMillis()));
				String targetType;
				String targetId;
				switch (entry.getValue()) {
					case "agent" -> {
						targetType = "agent";
						targetId = rng.pick(agents).agentId();
					}
					case "department" -> {
						DepartmentPlan d = rng.pick(plan.departments());
						targetType = "department";
						targetId = d.id().toString();
					}
					default -> {
						targetType = entry.getKey().substring(0, entry.getKey().indexOf('.'));
						targetId = rng.uuid(saltHi, saltLo).toString();
					}
				}
				double u = rng.nextDouble();
				String status = u < 0.88 ? "completed" : u < 0.94 ? "failed" : u < 0.97 ? "pending" : "rolled_back";
				boolean automated = entry.getKey().startsWith("playbook.run") || entry.getKey().startsWith("evaluation");
				String actor = automated ? null : rng.nextDouble() < 0.4 ? "admin" : "operator";
				actions.add(action(rng, saltHi, saltLo, entry.getKey(), entry.getValue(), actor,
						automated ? "system" : "user", targetType, targetId, "{\"synthetic\": true}", status, at));
			}
		}
		// each rolled-back action gets the action.rollback that undid it
		List<Action> rollbacks = new ArrayList<>();
		for (Action a : actions) {
			if (a.status().equals("rolled_back")) {
				rollbacks.add(new Action(rng.uuid(saltHi, saltLo), "action.rollback", a.scope(), "admin", "user",
						"action", a.id().toString(), "{\"action_id\": \"%s\"}".formatted(a.id()), "completed",
						"{\"restored\": true}", a.id(), a.at() + 30 * 60_000L));
			}
		}
		actions.addAll(rollbacks);

		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			Map<String, UUID> users = new HashMap<>();
			for (String role : List.of("admin", "operator")) {
				try (PreparedStatement ps = c.prepareStatement(SELECT_USER)) {
					ps.setString(1, role + "@agentobs.dev");
					try (ResultSet rs = ps.executeQuery()) {
						users.put(role, rs.next() ? rs.getObject(1, UUID.class) : null);
					}
				}
			}
			try (PreparedStatement ps = c.prepareStatement(INSERT_ACTION)) {
				// rows that others point at (rollback_action_id) go first
				for (Action a : actions) {
					ps.setObject(1, a.id());
					ps.setObject(2, plan.workspaceId());
					ps.setString(3, a.type());
					ps.setString(4, a.scope());
					ps.setObject(5, a.actor() == null ? null : users.get(a.actor()), Types.OTHER);
					ps.setString(6, a.actorType());
					ps.setString(7, a.targetType());
					ps.setString(8, a.targetId());
					ps.setString(9, a.params());
					ps.setString(10, a.status());
					ps.setString(11, a.result());
					ps.setObject(12, null, Types.OTHER);
					ps.setString(13, "synthetic-" + a.id());
					Timestamp at = new Timestamp(a.at());
					ps.setTimestamp(14, at);
					ps.setTimestamp(15, new Timestamp(a.at() + 2_000));
					ps.setTimestamp(16, a.status().equals("pending") ? null : new Timestamp(a.at() + 2_000));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			try (PreparedStatement ps = c.prepareStatement(
					"UPDATE action_audit_log SET rollback_action_id = ? WHERE action_id = ?")) {
				for (Action r : rollbacks) {
					ps.setObject(1, r.id());
					ps.setObject(2, r.rollbackOf());
					ps.addBatch();
				}
				ps.executeBatch();
			}
			c.commit();
		}
		return Map.of("action_audit_log", (long) actions.size());
	}

	private static Action action(Rng rng, long saltHi, long saltLo, String type, String scope, String actor,
			String actorType, String targetType, String targetId, String params, String status, long at) {
		String result = switch (status) {
			case "completed", "rolled_back" -> "{\"ok\": true}";
			case "failed" -> "{\"ok\": false, \"error\": \"upstream timeout\"}";
			default -> null;
		};
		return new Action(rng.uuid(saltHi, saltLo), type, scope, actor, actorType, targetType, targetId, params, status,
				result, null, at);
	}

}
