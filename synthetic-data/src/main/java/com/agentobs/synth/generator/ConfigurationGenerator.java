package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.agentobs.contracts.hash.ConfigHash;
import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.SynthSpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Configuration tab's data: for every agent a model, rate limit and settings (prompt, temperature,
 * max tokens, budget) with 3–6 configuration versions over the last 60 days; the same logical agent in
 * staging/development beside its production twin; 12 CEL policies (4 require approval); drift ignore
 * rules; observed state for every agent with 8 drifted (5 environment vs production, 3 desired vs
 * observed: one row changed behind the platform's back, two agents reporting another hash); 40
 * approvals (28 approved and applied, 5 rejected, 5 pending of which 2 expire within a day, 2
 * expired); extra members with department-scoped and temporary role grants. Policy compliance is
 * computed by guardrail's scheduled pass (CEL runs there), within 30 s of its start.
 */
final class ConfigurationGenerator implements Generator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SET_AGENT = """
			UPDATE agents SET model = ?, model_provider = ?, rate_limit_rpm = ?, logical_agent_key = ?,
			       metadata = jsonb_set(jsonb_set(metadata, '{config_settings}', ?::jsonb), '{critical}', to_jsonb(?::boolean))
			                  || CASE WHEN ?::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('guardrail_policy_id', ?::text) END
			WHERE workspace_id = ? AND id = ?""";

	private static final String INSERT_VERSION = """
			INSERT INTO config_versions (id, workspace_id, agent_id, environment, version_number, config, config_hash, diff,
			                             change_summary, status, created_by, created_by_subject, deployed_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String SET_CURRENT = "UPDATE agents SET current_config_version_id = ? WHERE workspace_id = ? AND id = ?";

	private static final String INSERT_POLICY = """
			INSERT INTO policies (id, workspace_id, name, description, change_rule, compliance_rule, effect,
			                      required_approvals, severity, scope, mode, created_by_subject, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'admin@agentobs.dev', ?, ?)""";

	private static final String INSERT_IGNORE = """
			INSERT INTO drift_ignore_rules (workspace_id, path, environment, reason, created_by_subject)
			VALUES (?, ?, ?, ?, 'admin@agentobs.dev')""";

	private static final String INSERT_OBSERVED = """
			INSERT INTO agent_observed_state (workspace_id, agent_id, observed_hash, desired_hash, source, runtime_version,
			                                  mismatch_count, reported_at, last_matched_at)
			VALUES (?, ?, ?, ?, 'heartbeat', 'agentobs-sdk 1.4.2', ?, ?, ?)""";

	private static final String INSERT_DRIFT = """
			INSERT INTO config_drift_checks (workspace_id, agent_id, drift_kind, is_drifted, drifted_paths, desired_hash,
			                                 observed_hash, compared_agent_id, first_detected_at, checked_at)
			VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""";

	private static final String INSERT_ACTION = """
			INSERT INTO action_audit_log (action_id, workspace_id, action_type, action_scope, actor_user_id, actor_type,
			                              target_type, target_id, action_params, status, result, created_at, updated_at,
			                              completed_at, actor_subject)
			VALUES (?, ?, 'config.propose_change', 'agent', ?, 'user', 'agent', ?, ?::jsonb, 'completed', ?::jsonb, ?, ?, ?, ?)""";

	private static final String INSERT_APPROVAL = """
			INSERT INTO change_approvals (id, workspace_id, agent_id, action_type, action_params, change_patch, base_config_hash,
			                              matched_policies, required_approvals, status, reason, requested_by,
			                              requested_by_subject, department_code, expires_at, decided_at, applied_action_id,
			                              applied_at, created_at, updated_at)
			VALUES (?, ?, ?, 'config.propose_change', ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_DECISION = """
			INSERT INTO approval_decisions (workspace_id, approval_id, decision, decided_by, decided_by_subject, comment, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";

	private static final String UPSERT_USER = """
			INSERT INTO users (id, email, display_name, is_active) VALUES (?, ?, ?, TRUE)
			ON CONFLICT (lower(email)) DO NOTHING""";

	private static final String INSERT_MEMBER = """
			INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id, user_id) DO NOTHING""";

	private static final String INSERT_GRANT = """
			INSERT INTO role_assignments (workspace_id, user_id, role, department_code, starts_at, expires_at, reason,
			                              granted_by_subject, revoked_at, revoked_by_subject, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'admin@agentobs.dev', ?, ?, ?)""";

	private record PolicySpec(String name, String description, String changeRule, String complianceRule, String effect,
			int approvals, String severity, String scope, String mode) {
	}

	private static final List<PolicySpec> POLICIES = List.of(
			new PolicySpec("Model switch in production", "A different model in production is reviewed by a second person.",
					"change.keys.exists(k, k == 'model') && agent.environment == 'production'", null, "require_approval", 1,
					"high", "{}", "enforce"),
			new PolicySpec("Budget raised more than 20 %", "Large budget increases need approval.",
					"has(change.before.settings.monthly_budget_usd) && has(change.after.settings.monthly_budget_usd) && "
							+ "change.after.settings.monthly_budget_usd > change.before.settings.monthly_budget_usd * 1.2",
					null, "require_approval", 1, "medium", "{}", "enforce"),
			new PolicySpec("Critical agents: two approvers", "Any change on an agent marked critical needs two approvers.",
					"agent.critical", null, "require_approval", 2, "critical", "{}", "enforce"),
			new PolicySpec("Customer-facing prompt changes", "Production prompt edits of support and sales agents are reviewed.",
					"change.paths.exists(p, p == '/settings/system_prompt') && agent.environment == 'production'", null,
					"require_approval", 1, "high", "{\"departments\": [\"support\", \"sales\"]}", "enforce"),
			new PolicySpec("Temperature at most 1.2", "Higher temperatures are refused.",
					"has(change.after.settings.temperature) && change.after.settings.temperature > 1.2", null, "deny", 1,
					"medium", "{}", "enforce"),
			new PolicySpec("Audit production changes", "Every production change is recorded against this policy.",
					"agent.environment == 'production'", null, "audit", 1, "low", "{}", "monitor"),
			new PolicySpec("Production runs a current model", "Legacy models are being retired from production.", null,
					"agent.environment != 'production' || agent.config.model in ['gpt-4-turbo', 'claude-3-sonnet', 'gemini-pro']",
					"audit", 1, "high", "{}", "enforce"),
			new PolicySpec("Production has a rate limit", "Every production agent caps its requests per minute.", null,
					"agent.environment != 'production' || has(agent.config.rate_limit_rpm)", "audit", 1, "medium", "{}",
					"enforce"),
			new PolicySpec("Customer-facing agents have a guardrail policy", "Support and sales agents are checked inline.",
					null, "has(agent.config.guardrail_policy_id)", "audit", 1, "high",
					"{\"departments\": [\"support\", \"sales\"]}", "enforce"),
			new PolicySpec("Monthly budget defined", "Every agent has a monthly budget.", null,
					"has(agent.config.settings.monthly_budget_usd)", "audit", 1, "medium", "{}", "enforce"),
			new PolicySpec("Max tokens within 4096", "Long completions are capped.", null,
					"!has(agent.config.settings.max_tokens) || agent.config.settings.max_tokens <= 4096", "audit", 1, "low",
					"{}", "enforce"),
			new PolicySpec("Deprecated agents name a replacement", "Callers of a deprecated agent know where to go.", null,
					"agent.config.lifecycle != 'deprecated' || has(agent.config.replacement_agent_id)", "audit", 1, "low",
					"{}", "enforce"));

	private static final String[] PROMPT_LINES = { "You are the %s assistant of the %s department.",
			"Answer in the user's language and keep answers short.", "Never reveal internal identifiers or credentials.",
			"If you are unsure, say so and offer to hand over to a human.", "Cite the knowledge-base article you used." };

	/** Extra members: email → {base role, grant role, department or null, hours until expiry or 0 = none, revoked?}. */
	private static final List<String[]> MEMBERS = List.of(
			new String[] { "lead.support@agentobs.dev", "viewer", "operator", "support", "0", "" },
			new String[] { "oncall.engineering@agentobs.dev", "analyst", "operator", "engineering", "8", "" },
			new String[] { "auditor@agentobs.dev", "viewer", "analyst", null, "168", "" },
			new String[] { "finance.admin@agentobs.dev", "operator", "admin", "finance", "0", "" },
			new String[] { "contractor@agentobs.dev", "viewer", "operator", "marketing", "-24", "" },
			new String[] { "former.lead@agentobs.dev", "viewer", "admin", null, "0", "revoked" });

	@Override
	public String name() {
		return "configuration";
	}

	@Override
	public List<String> tables() {
		return List.of("approval_decisions", "change_approvals", "policy_evaluations", "policies", "config_drift_checks",
				"agent_observed_state", "drift_ignore_rules", "role_assignments", "config_versions");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("config_versions", "≈ %d".formatted(plan.agents().size() * 9 / 2));
		rows.put("policies", String.valueOf(POLICIES.size()));
		rows.put("agent_observed_state", String.valueOf(plan.agents().size()));
		rows.put("change_approvals", "40");
		rows.put("role_assignments", String.valueOf(MEMBERS.size()));
		return rows;
	}

	/** One agent's evolving configuration. */
	private static final class Agent {

		final AgentPlan plan;

		final List<Map<String, Object>> versions = new ArrayList<>();

		final List<String> summaries = new ArrayList<>();

		String logicalKey;

		boolean critical;

		Agent(AgentPlan plan) {
			this.plan = plan;
		}

		Map<String, Object> current() {
			return this.versions.get(this.versions.size() - 1);
		}

		void add(Map<String, Object> config, String summary) {
			this.versions.add(config);
			this.summaries.add(summary);
		}

	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = plan.workspaceId();
		Random rng = new Random(plan.options().seed() ^ 0x5EEDC0F1L);
		long now = plan.nowMillis();
		Map<String, Long> written = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			String guardrailPolicy = firstGuardrailPolicy(c, ws);
			Map<String, Agent> agents = new LinkedHashMap<>();
			for (AgentPlan a : plan.agents()) {
				String replacement = (a.replacementIndex() >= 0) ? plan.agents().get(a.replacementIndex()).agentId() : null;
				agents.put(a.agentId(), history(a, rng, guardrailPolicy, replacement));
			}
			List<Agent[]> pairs = pair(agents.values());
			// 5 staging/development twins run something production does not (an experiment left behind)
			List<Agent> envDrifted = new ArrayList<>();
			for (Agent[] p : pairs) {
				if (envDrifted.size() < 5) {
					Map<String, Object> next = copy(p[1].current());
					if (envDrifted.size() % 2 == 0) {
						next.put("model", otherModel((String) next.get("model")));
						next.put("model_provider", SynthSpec.MODEL_PROVIDERS.get((String) next.get("model")));
						p[1].add(next, "Staging experiment: " + next.get("model"));
					}
					else {
						settings(next).put("temperature", 1.0);
						p[1].add(next, "Staging experiment: temperature 1.0");
					}
					envDrifted.add(p[1]);
				}
			}
			List<Agent> loners = agents.values().stream()
				.filter((x) -> x.logicalKey.equals(x.plan.agentId()) && "production".equals(x.plan.environment())
						&& !x.plan.deprecated() && pairs.stream().noneMatch((p) -> p[0] == x))
				.toList();
			Agent rowChanged = loners.isEmpty() ? null : loners.get(0);
			List<Agent> otherHash = loners.size() > 2 ? loners.subList(1, 3) : List.of();

			long versions = writeVersions(c, ws, agents.values(), now, rng);
			written.put("config_versions", versions);
			if (rowChanged != null) {
				// changed behind the platform's back: the row no longer matches its current version
				try (PreparedStatement ps = c.prepareStatement(
						"UPDATE agents SET model = ?, model_provider = ? WHERE workspace_id = ? AND id = ?")) {
					String rogue = otherModel((String) rowChanged.current().get("model"));
					ps.setString(1, rogue);
					ps.setString(2, SynthSpec.MODEL_PROVIDERS.get(rogue));
					ps.setObject(3, ws);
					ps.setObject(4, rowChanged.plan.id());
					ps.executeUpdate();
				}
			}
			written.put("policies", writePolicies(c, ws, plan));
			written.put("drift_ignore_rules", writeIgnoreRules(c, ws));
			written.put("agent_observed_state", writeObserved(c, ws, agents.values(), otherHash, now, rng));
			written.put("config_drift_checks",
					writeDrift(c, ws, agents.values(), pairs, envDrifted, rowChanged, otherHash, now));
			Map<String, UUID> users = writeMembers(c, ws, now);
			written.put("role_assignments", (long) MEMBERS.size());
			long[] approvals = writeApprovals(c, ws, agents, users, now, rng);
			written.put("change_approvals", approvals[0]);
			written.put("approval_decisions", approvals[1]);
			c.commit();
		}
		return written;
	}

	private static Agent history(AgentPlan a, Random rng, String guardrailPolicy, String replacement) {
		Agent agent = new Agent(a);
		agent.logicalKey = a.agentId();
		agent.critical = a.problem() || (a.index() % 17 == 3);
		boolean newModel = a.versionIndex() <= 1 || rng.nextInt(4) > 0;
		List<String> models = newModel ? SynthSpec.MODELS_NEW : SynthSpec.MODELS_OLD;
		String model = models.get(rng.nextInt(models.size()));
		Map<String, Object> settings = new TreeMap<>();
		settings.put("system_prompt", prompt(a, 3));
		settings.put("temperature", 0.2 + rng.nextInt(6) / 10.0);
		settings.put("max_tokens", rng.nextInt(12) == 0 ? 8192 : 1024 * (1 + rng.nextInt(4)));
		if (rng.nextInt(10) > 0) {
			settings.put("monthly_budget_usd", 500 + 250 * rng.nextInt(12));
		}
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("version", SynthSpec.VERSIONS.get(Math.min(a.versionIndex() + 2, SynthSpec.VERSIONS.size() - 1)));
		config.put("model", model);
		config.put("model_provider", SynthSpec.MODEL_PROVIDERS.get(model));
		config.put("rate_limit_rpm", rng.nextInt(8) == 0 ? null : 60 * (1 + rng.nextInt(20)));
		String dept = a.department().spec().code();
		config.put("guardrail_policy_id",
				(guardrailPolicy != null && (dept.equals("support") || dept.equals("sales")) && rng.nextInt(10) < 7)
						? guardrailPolicy : null);
		config.put("lifecycle", a.status());
		// as the registry row has them (the deprecation action owns these keys)
		config.put("deprecation_date", a.deprecated() ? Instant.ofEpochMilli(a.deprecationAtMillis()).toString() : null);
		config.put("replacement_agent_id", replacement);
		config.put("settings", settings);
		agent.add(config, "Initial configuration");
		int extra = 2 + rng.nextInt(4);
		for (int i = 0; i < extra; i++) {
			Map<String, Object> next = copy(agent.current());
			String summary;
			switch (i == extra - 1 ? 0 : rng.nextInt(5)) {
				case 0 -> {
					next.put("version", SynthSpec.VERSIONS.get(a.versionIndex()));
					summary = "Deployed " + next.get("version");
				}
				case 1 -> {
					settings(next).put("temperature", 0.1 + rng.nextInt(8) / 10.0);
					summary = "Tuned temperature";
				}
				case 2 -> {
					settings(next).put("system_prompt", prompt(a, 3 + rng.nextInt(3)));
					summary = "Prompt update";
				}
				case 3 -> {
					Object budget = settings(next).get("monthly_budget_usd");
					settings(next).put("monthly_budget_usd", (budget instanceof Integer b ? b : 500) + 250);
					summary = "Raised monthly budget";
				}
				default -> {
					String m = SynthSpec.MODELS_NEW.get(rng.nextInt(SynthSpec.MODELS_NEW.size()));
					next.put("model", m);
					next.put("model_provider", SynthSpec.MODEL_PROVIDERS.get(m));
					summary = "Model switch to " + m;
				}
			}
			if (next.equals(agent.current())) {
				settings(next).put("max_tokens", ((Integer) settings(next).get("max_tokens")) + 256);
				summary = "Raised max tokens";
			}
			agent.add(next, summary);
		}
		return agent;
	}

	/** Production agents with a staging and/or development twin of the same department (the twin copies its config). */
	private static List<Agent[]> pair(java.util.Collection<Agent> agents) {
		List<Agent[]> pairs = new ArrayList<>();
		Map<String, List<Agent>> production = new HashMap<>();
		for (Agent a : agents) {
			if ("production".equals(a.plan.environment()) && !a.plan.deprecated()) {
				production.computeIfAbsent(a.plan.department().spec().code(), (k) -> new ArrayList<>()).add(a);
			}
		}
		Map<Agent, Integer> used = new HashMap<>();
		for (Agent twin : agents) {
			if ("production".equals(twin.plan.environment()) || twin.plan.deprecated()) {
				continue;
			}
			for (Agent prod : production.getOrDefault(twin.plan.department().spec().code(), List.of())) {
				int mask = used.getOrDefault(prod, 0);
				int bit = "staging".equals(twin.plan.environment()) ? 1 : 2;
				if ((mask & bit) == 0) {
					used.put(prod, mask | bit);
					twin.logicalKey = prod.plan.agentId();
					// the twin runs production's configuration history with its own version, rate limit and lifecycle
					twin.versions.clear();
					twin.summaries.clear();
					for (int i = 0; i < prod.versions.size(); i++) {
						Map<String, Object> v = copy(prod.versions.get(i));
						v.put("version", twin.plan.version());
						v.put("rate_limit_rpm", 30);
						v.put("lifecycle", twin.plan.status());
						twin.add(v, prod.summaries.get(i));
					}
					pairs.add(new Agent[] { prod, twin });
					break;
				}
			}
		}
		return pairs;
	}

	private long writeVersions(Connection c, UUID ws, java.util.Collection<Agent> agents, long now, Random rng)
			throws Exception {
		long count = 0;
		UUID admin = DemoUsers.userId("admin@agentobs.dev");
		UUID operator = DemoUsers.userId("operator@agentobs.dev");
		try (PreparedStatement setAgent = c.prepareStatement(SET_AGENT);
				PreparedStatement version = c.prepareStatement(INSERT_VERSION);
				PreparedStatement current = c.prepareStatement(SET_CURRENT)) {
			for (Agent a : agents) {
				Map<String, Object> cur = a.current();
				String policy = (String) cur.get("guardrail_policy_id");
				setAgent.setString(1, (String) cur.get("model"));
				setAgent.setString(2, (String) cur.get("model_provider"));
				setAgent.setObject(3, cur.get("rate_limit_rpm"));
				setAgent.setString(4, a.logicalKey.equals(a.plan.agentId()) ? null : a.logicalKey);
				setAgent.setString(5, JSON.writeValueAsString(cur.get("settings")));
				setAgent.setBoolean(6, a.critical);
				setAgent.setString(7, policy);
				setAgent.setString(8, policy);
				setAgent.setObject(9, ws);
				setAgent.setObject(10, a.plan.id());
				setAgent.addBatch();
				int n = a.versions.size();
				UUID last = null;
				for (int i = 0; i < n; i++) {
					Map<String, Object> config = a.versions.get(i);
					long at = now - (long) (60 - (55.0 * i / Math.max(1, n - 1))) * OrgPlan.DAY_MS
							- rng.nextInt(86_400) * 1000L;
					UUID id = UUID.randomUUID();
					UUID author = (i % 3 == 1) ? admin : operator;
					version.setObject(1, id);
					version.setObject(2, ws);
					version.setObject(3, a.plan.id());
					version.setString(4, a.plan.environment());
					version.setInt(5, i + 1);
					String json = JSON.writeValueAsString(config);
					version.setString(6, json);
					version.setString(7, ConfigHash.of(json));
					version.setString(8, JSON.writeValueAsString(i == 0 ? Map.of() : diff(a.versions.get(i - 1), config)));
					version.setString(9, a.summaries.get(i));
					version.setString(10, (i == n - 1) ? "deployed" : "superseded");
					version.setObject(11, author);
					version.setString(12, author.toString());
					version.setTimestamp(13, new Timestamp(at));
					version.setTimestamp(14, new Timestamp(at));
					version.setTimestamp(15, new Timestamp(at));
					version.addBatch();
					last = id;
					count++;
				}
				current.setObject(1, last);
				current.setObject(2, ws);
				current.setObject(3, a.plan.id());
				current.addBatch();
			}
			setAgent.executeBatch();
			version.executeBatch();
			current.executeBatch();
		}
		return count;
	}

	private long writePolicies(Connection c, UUID ws, OrgPlan plan) throws Exception {
		Timestamp created = new Timestamp(plan.nowMillis() - 45 * OrgPlan.DAY_MS);
		try (PreparedStatement ps = c.prepareStatement(INSERT_POLICY)) {
			for (PolicySpec p : POLICIES) {
				ps.setObject(1, UUID.randomUUID());
				ps.setObject(2, ws);
				ps.setString(3, p.name());
				ps.setString(4, p.description());
				ps.setString(5, p.changeRule());
				ps.setString(6, p.complianceRule());
				ps.setString(7, p.effect());
				ps.setInt(8, p.approvals());
				ps.setString(9, p.severity());
				ps.setString(10, p.scope());
				ps.setString(11, p.mode());
				ps.setTimestamp(12, created);
				ps.setTimestamp(13, created);
				ps.addBatch();
			}
			ps.executeBatch();
		}
		return POLICIES.size();
	}

	private long writeIgnoreRules(Connection c, UUID ws) throws Exception {
		String[][] rules = { { "/rate_limit_rpm", null, "Rate limits are sized per environment (the autoscaler owns them)" },
				{ "/version", "staging", "Staging runs the next build by design" },
				{ "/version", "development", "Development runs the next build by design" },
				{ "/lifecycle", "staging", "Beta status is normal outside production" },
				{ "/lifecycle", "development", "Beta status is normal outside production" } };
		try (PreparedStatement ps = c.prepareStatement(INSERT_IGNORE)) {
			for (String[] r : rules) {
				ps.setObject(1, ws);
				ps.setString(2, r[0]);
				ps.setString(3, r[1]);
				ps.setString(4, r[2]);
				ps.addBatch();
			}
			ps.executeBatch();
		}
		return rules.length;
	}

	private long writeObserved(Connection c, UUID ws, java.util.Collection<Agent> agents, List<Agent> otherHash,
			long now, Random rng) throws Exception {
		try (PreparedStatement ps = c.prepareStatement(INSERT_OBSERVED)) {
			for (Agent a : agents) {
				String hash = ConfigHash.of(JSON.writeValueAsString(a.current()));
				boolean wrong = otherHash.contains(a);
				Timestamp reported = new Timestamp(now - rng.nextInt(240) * 1000L);
				ps.setObject(1, ws);
				ps.setObject(2, a.plan.id());
				ps.setString(3, wrong ? ConfigHash.of(JSON.writeValueAsString(a.versions.get(0))) : hash);
				ps.setString(4, hash);
				ps.setInt(5, wrong ? 5 : 0);
				ps.setTimestamp(6, reported);
				ps.setTimestamp(7, wrong ? new Timestamp(now - 6 * 3_600_000L) : reported);
				ps.addBatch();
			}
			ps.executeBatch();
		}
		return agents.size();
	}

	/** The findings the first scheduled check will confirm (guardrail recomputes them every drift interval). */
	private long writeDrift(Connection c, UUID ws, java.util.Collection<Agent> agents, List<Agent[]> pairs,
			List<Agent> envDrifted, Agent rowChanged, List<Agent> otherHash, long now) throws Exception {
		long count = 0;
		Timestamp checked = new Timestamp(now - 60_000);
		try (PreparedStatement ps = c.prepareStatement(INSERT_DRIFT)) {
			for (Agent a : agents) {
				String hash = ConfigHash.of(JSON.writeValueAsString(a.current()));
				boolean drifted = a == rowChanged || otherHash.contains(a);
				String paths = (a == rowChanged) ? "[\"/model\", \"/model_provider\"]" : "[]";
				count += drift(ps, ws, a.plan.id(), "desired_vs_observed", drifted, paths, hash, hash, null,
						drifted ? new Timestamp(now - 5 * 3_600_000L) : null, checked);
			}
			for (Agent[] p : pairs) {
				boolean drifted = envDrifted.contains(p[1]);
				String paths = "[]";
				if (drifted) {
					List<String> changed = new ArrayList<>(diff(p[0].current(), p[1].current()).keySet());
					changed.removeIf((k) -> k.equals("rate_limit_rpm") || k.equals("version") || k.equals("lifecycle"));
					paths = JSON.writeValueAsString(changed.stream()
						.map((k) -> k.equals("settings") ? "/settings/temperature" : "/" + k)
						.toList());
				}
				count += drift(ps, ws, p[1].plan.id(), "env_vs_production", drifted, paths,
						ConfigHash.of(JSON.writeValueAsString(p[0].current())),
						ConfigHash.of(JSON.writeValueAsString(p[1].current())), p[0].plan.id(),
						drifted ? new Timestamp(now - 26 * 3_600_000L) : null, checked);
			}
			ps.executeBatch();
		}
		return count;
	}

	private static int drift(PreparedStatement ps, UUID ws, UUID agent, String kind, boolean drifted, String paths,
			String desired, String observed, UUID compared, Timestamp since, Timestamp checked) throws Exception {
		ps.setObject(1, ws);
		ps.setObject(2, agent);
		ps.setString(3, kind);
		ps.setBoolean(4, drifted);
		ps.setString(5, paths);
		ps.setString(6, desired);
		ps.setString(7, observed);
		ps.setObject(8, compared);
		ps.setTimestamp(9, since);
		ps.setTimestamp(10, checked);
		ps.addBatch();
		return 1;
	}

	private Map<String, UUID> writeMembers(Connection c, UUID ws, long now) throws Exception {
		Map<String, UUID> users = new LinkedHashMap<>();
		for (String email : DemoUsers.ROLES.keySet()) {
			users.put(email, DemoUsers.userId(email));
		}
		try (PreparedStatement user = c.prepareStatement(UPSERT_USER);
				PreparedStatement member = c.prepareStatement(INSERT_MEMBER);
				PreparedStatement grant = c.prepareStatement(INSERT_GRANT)) {
			for (String[] m : MEMBERS) {
				UUID id = DemoUsers.userId(m[0]);
				users.put(m[0], id);
				user.setObject(1, id);
				user.setString(2, m[0]);
				user.setString(3, m[0].substring(0, m[0].indexOf('@')).replace('.', ' '));
				user.executeUpdate();
				member.setObject(1, ws);
				member.setObject(2, id);
				member.setString(3, m[1]);
				member.executeUpdate();
				int hours = Integer.parseInt(m[4]);
				Timestamp starts = new Timestamp(now - (hours < 0 ? 72 : 24) * 3_600_000L);
				grant.setObject(1, ws);
				grant.setObject(2, id);
				grant.setString(3, m[2]);
				grant.setString(4, m[3]);
				grant.setTimestamp(5, starts);
				grant.setTimestamp(6, hours == 0 ? null : new Timestamp(now + hours * 3_600_000L));
				grant.setString(7, hours > 0 ? "Temporary: on-call / audit window"
						: hours < 0 ? "Expired contractor access" : "Department lead");
				boolean revoked = "revoked".equals(m[5]);
				grant.setTimestamp(8, revoked ? new Timestamp(now - 2 * 3_600_000L) : null);
				grant.setString(9, revoked ? "admin@agentobs.dev" : null);
				grant.setTimestamp(10, starts);
				grant.addBatch();
			}
			grant.executeBatch();
		}
		return users;
	}

	/** 40 approvals: 28 approved (each applied by a recorded action), 5 rejected, 5 pending (2 expire within a day), 2 expired. */
	private long[] writeApprovals(Connection c, UUID ws, Map<String, Agent> agents, Map<String, UUID> users, long now,
			Random rng) throws Exception {
		List<Agent> production = agents.values().stream()
			.filter((a) -> "production".equals(a.plan.environment()) && !a.plan.deprecated())
			.toList();
		String[] requesters = { "operator@agentobs.dev", "lead.support@agentobs.dev", "finance.admin@agentobs.dev" };
		String[] approvers = { "admin@agentobs.dev", "oncall.engineering@agentobs.dev", "finance.admin@agentobs.dev" };
		long decisions = 0;
		try (PreparedStatement approval = c.prepareStatement(INSERT_APPROVAL);
				PreparedStatement decision = c.prepareStatement(INSERT_DECISION);
				PreparedStatement action = c.prepareStatement(INSERT_ACTION)) {
			for (int i = 0; i < 40; i++) {
				String status = i < 28 ? "approved" : i < 33 ? "rejected" : i < 38 ? "pending" : "expired";
				Agent agent = production.get(rng.nextInt(production.size()));
				Map<String, Object> cur = agent.current();
				Map<String, Object> changes = new LinkedHashMap<>();
				String policy;
				String patchPath;
				Object patchValue;
				if (i % 2 == 0) {
					String m = otherModel((String) cur.get("model"));
					changes.put("model", m);
					policy = "Model switch in production";
					patchPath = "/model";
					patchValue = m;
				}
				else {
					Object budget = settings(copy(cur)).get("monthly_budget_usd");
					int raised = (budget instanceof Integer b ? b : 1000) * 3 / 2;
					changes.put("settings", Map.of("monthly_budget_usd", raised));
					policy = "Budget raised more than 20 %";
					patchPath = "/settings/monthly_budget_usd";
					patchValue = raised;
				}
				String requester = (status.equals("pending") && i % 2 == 1) ? "operator@agentobs.dev"
						: requesters[i % requesters.length];
				if (status.equals("pending")) {
					requester = "operator@agentobs.dev";
				}
				long created = status.equals("pending") ? now - (2 + i) * 3_600_000L
						: now - (long) (1 + rng.nextInt(29)) * OrgPlan.DAY_MS;
				long expires = switch (status) {
					case "pending" -> i < 35 ? now + (5 + 12L * (i - 33)) * 3_600_000L : now + (40 + 10L * (i - 35)) * 3_600_000L;
					case "expired" -> created + 72 * 3_600_000L;
					default -> created + 72 * 3_600_000L;
				};
				if (status.equals("expired")) {
					created = now - (4 + i - 38) * OrgPlan.DAY_MS;
					expires = created + 72 * 3_600_000L;
				}
				long decided = switch (status) {
					case "approved", "rejected" -> created + (1 + rng.nextInt(20)) * 3_600_000L / 2;
					case "expired" -> expires;
					default -> 0;
				};
				String approver = approvers[i % approvers.length];
				if (approver.equals(requester)) {
					approver = "admin@agentobs.dev";
				}
				UUID id = UUID.randomUUID();
				UUID applied = null;
				Map<String, Object> params = new LinkedHashMap<>();
				params.put("agent_id", agent.plan.agentId());
				params.put("changes", changes);
				params.put("reason", i % 2 == 0 ? "Cheaper model with the same quality score" : "Seasonal volume increase");
				if (status.equals("approved")) {
					applied = UUID.randomUUID();
					Map<String, Object> actionParams = new LinkedHashMap<>(params);
					actionParams.put("approval_id", id.toString());
					action.setObject(1, applied);
					action.setObject(2, ws);
					action.setObject(3, users.get(approver));
					action.setString(4, agent.plan.agentId());
					action.setString(5, JSON.writeValueAsString(actionParams));
					action.setString(6, JSON.writeValueAsString(Map.of("agent_id", agent.plan.agentId(), "approval_id", id.toString())));
					action.setTimestamp(7, new Timestamp(decided));
					action.setTimestamp(8, new Timestamp(decided));
					action.setTimestamp(9, new Timestamp(decided));
					action.setString(10, users.get(approver).toString());
					action.addBatch();
				}
				approval.setObject(1, id);
				approval.setObject(2, ws);
				approval.setObject(3, agent.plan.id());
				approval.setString(4, JSON.writeValueAsString(params));
				approval.setString(5, JSON.writeValueAsString(List.of(Map.of("op", "replace", "path", patchPath, "value", patchValue))));
				approval.setString(6, ConfigHash.of(JSON.writeValueAsString(cur)));
				approval.setString(7, JSON.writeValueAsString(List.of(Map.of("name", policy))));
				approval.setInt(8, 1);
				approval.setString(9, status);
				approval.setString(10, (String) params.get("reason"));
				approval.setObject(11, users.get(requester));
				approval.setString(12, users.get(requester).toString());
				approval.setString(13, agent.plan.department().spec().code());
				approval.setTimestamp(14, new Timestamp(expires));
				approval.setTimestamp(15, decided > 0 ? new Timestamp(decided) : null);
				approval.setObject(16, applied);
				approval.setTimestamp(17, applied != null ? new Timestamp(decided) : null);
				approval.setTimestamp(18, new Timestamp(created));
				approval.setTimestamp(19, new Timestamp(decided > 0 ? decided : created));
				approval.addBatch();
				if (status.equals("approved") || status.equals("rejected")) {
					decision.setObject(1, ws);
					decision.setObject(2, id);
					decision.setString(3, status.equals("approved") ? "approve" : "reject");
					decision.setObject(4, users.get(approver));
					decision.setString(5, users.get(approver).toString());
					decision.setString(6, status.equals("approved") ? "Looks good" : "Not before the quarter closes");
					decision.setTimestamp(7, new Timestamp(decided));
					decision.addBatch();
					decisions++;
				}
			}
			action.executeBatch();
			approval.executeBatch();
			decision.executeBatch();
		}
		return new long[] { 40, decisions };
	}

	private static String firstGuardrailPolicy(Connection c, UUID ws) throws Exception {
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT id::text FROM guardrail_policies WHERE workspace_id = ? ORDER BY name LIMIT 1")) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static String prompt(AgentPlan a, int lines) {
		StringBuilder out = new StringBuilder(PROMPT_LINES[0].formatted(a.agentType(), a.department().spec().name()));
		for (int i = 1; i < Math.min(lines, PROMPT_LINES.length); i++) {
			out.append('\n').append(PROMPT_LINES[i]);
		}
		return out.toString();
	}

	private static String otherModel(String model) {
		List<String> models = SynthSpec.MODELS_NEW;
		int i = models.indexOf(model);
		return models.get((i + 1) % models.size());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> settings(Map<String, Object> config) {
		return (Map<String, Object>) config.get("settings");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> copy(Map<String, Object> config) {
		Map<String, Object> out = new LinkedHashMap<>(config);
		out.put("settings", new TreeMap<>((Map<String, Object>) config.get("settings")));
		return out;
	}

	/** The stored {@code diff} column: {@code {key: {from, to}}} for every top-level key that differs. */
	private static Map<String, Object> diff(Map<String, Object> before, Map<String, Object> after) {
		Map<String, Object> out = new TreeMap<>();
		for (String key : after.keySet()) {
			if (!java.util.Objects.equals(before.get(key), after.get(key))) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("from", before.get(key));
				change.put("to", after.get(key));
				out.put(key, change);
			}
		}
		return out;
	}

}
