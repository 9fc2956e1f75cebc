package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;

/**
 * The Experiments tab's data: 8 A/B tests on the 8 busiest production agents (3 running, 3 with a
 * declared winner, 1 without difference, 1 stopped by a guardrail), their seeded traces tagged with
 * the variant ids, and 3 canaries 5 → 25 → 50 → 100 (two promoted, one aborted at 25 % after three
 * failed checks) with every check.
 * <p>
 * Effects are planted by which arm a trace lands in, never by changing the trace, so every rollup
 * stays exact: the assignment is a hash of the trace id against a threshold that leans on the
 * trace's outcome (errors, cost, latency or its seeded quality score) and keeps the planned share
 * on average; one experiment gets a 55/45 split for its 50/50 plan (the SRM case). Results,
 * p-values and SRM checks are then computed by evaluation-service from these traces, within a
 * minute of its start; the seeder writes none.
 */
final class ExperimentGenerator implements Generator {

	private record Spec(String name, String hypothesis, String metric, String status, String decision,
			String treatmentName, String overrides, String effect, double share) {
	}

	/** In order of the agents' traffic: the SRM case needs the busiest agent to be detectable at p < 0.001. */
	private static final List<Spec> SPECS = List.of(
			new Spec("Retrieval top-k 8", "More context improves answers", "quality_score", "running", null,
					"top-k 8", "{\"parameters\": {\"top_k\": 8}}", "srm", 0.5),
			new Spec("Shorter system prompt", "A shorter prompt fails less often", "success_rate", "running", null,
					"Short prompt", "{\"prompt_version\": \"p-short-v2\"}", "fewer_errors", 0.5),
			new Spec("gpt-4o-mini for triage", "A smaller model triages as well for less", "cost_usd", "running", null,
					"gpt-4o-mini", "{\"model\": \"gpt-4o-mini\", \"model_provider\": \"openai\"}", "cheaper", 0.5),
			new Spec("Claude for support answers", "A model swap raises answer quality", "quality_score", "completed",
					"winner", "claude-3-5-sonnet", "{\"model\": \"claude-3-5-sonnet\", \"model_provider\": \"anthropic\"}",
					"better_quality", 0.5),
			new Spec("Temperature 0.3", "Lower temperature reduces failed answers", "success_rate", "completed",
					"winner", "temperature 0.3", "{\"parameters\": {\"temperature\": 0.3}}", "fewer_errors", 0.5),
			new Spec("Few-shot prompt v7", "Fewer reasoning steps cut latency", "latency_ms", "completed", "winner",
					"prompt v7", "{\"prompt_version\": \"v7-few-shot\"}", "faster", 0.5),
			new Spec("Tool-call retries", "Retrying tool calls changes nothing visible", "success_rate", "completed",
					"no_difference", "retries on", "{\"parameters\": {\"tool_retries\": 2}}", "none", 0.5),
			new Spec("Streaming responses", "Streaming feels faster", "latency_ms", "stopped", "guardrail_stop",
					"streaming", "{\"parameters\": {\"stream\": true}}", "more_errors", 0.5));

	private static final String BUSIEST = """
			SELECT agent_id, count(*) AS n FROM traces
			WHERE workspace_id = ? AND environment = 'production' AND timestamp >= ?
			GROUP BY agent_id ORDER BY n DESC, agent_id LIMIT 11""";

	private static final String INSERT_EXPERIMENT = """
			INSERT INTO experiments (id, workspace_id, name, hypothesis, agent_id, primary_metric, guardrail_metrics,
			                         status, salt, min_sample_size, sequential, winner_variant_id, decision, started_at,
			                         stopped_at, winner_declared_at, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ARRAY['error_rate', 'latency_p90', 'cost_usd'], ?, ?, ?, ?, ?, ?, ?, ?, ?,
			        'operator@agentobs.dev', ?, ?)""";

	private static final String INSERT_VARIANT = """
			INSERT INTO experiment_variants (id, workspace_id, experiment_id, key, name, is_control, traffic_pct, overrides,
			                                 position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";

	/** Tags one agent's traces in the window; {threshold} is the effect's share of treatment per trace. */
	private static final String TAG = """
			WITH w AS (
			    SELECT t.trace_id, t.timestamp, t.status,
			           (('x' || substr(md5(t.trace_id || ':experiment'), 1, 8))::bit(32)::bigint) / 4294967296.0 AS u,
			           percent_rank() OVER (ORDER BY t.cost_usd NULLS FIRST, t.trace_id) AS pr_cost,
			           percent_rank() OVER (ORDER BY t.latency_ms NULLS FIRST, t.trace_id) AS pr_lat,
			           avg(CASE WHEN t.status <> 'success' THEN 1.0 ELSE 0.0 END) OVER () AS err_share,
			           (SELECT max(e.score) FROM evaluations e
			            WHERE e.workspace_id = t.workspace_id AND e.trace_id = t.trace_id AND e.status = 'scored') AS score
			    FROM traces t
			    WHERE t.workspace_id = ? AND t.agent_id = ? AND t.timestamp >= ? AND t.timestamp < ?),
			 q AS (SELECT w.*, percent_rank() OVER (PARTITION BY (w.score IS NULL) ORDER BY w.score, w.trace_id) AS pr_score
			       FROM w)
			UPDATE traces t
			SET experiment_variant_id = CASE WHEN q.u < ({threshold}) THEN ?::uuid ELSE ?::uuid END
			FROM q
			WHERE t.workspace_id = ? AND t.trace_id = q.trace_id AND t.timestamp = q.timestamp""";

	private static final String INSERT_CANARY = """
			INSERT INTO canaries (id, workspace_id, agent_id, from_version, to_version, steps, step_index, interval_seconds,
			                      min_requests_per_arm, max_error_rate_diff, max_p90_ratio, quality_gate, failure_limit,
			                      failures, status, step_started_at, progress_deadline_seconds, next_check_at, started_at,
			                      finished_at, abort_reason, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ARRAY[5, 25, 50, 100], ?, 600, 200, 0.02, 1.2, TRUE, 3, ?, ?, ?, 3600, ?, ?, ?, ?,
			        'operator@agentobs.dev', ?)""";

	private static final String INSERT_RUN = """
			INSERT INTO canary_analysis_runs (workspace_id, canary_id, step_index, weight, checked_at, verdict, control_n,
			                                  canary_n, control_errors, canary_errors, control_p90, canary_p90, checks,
			                                  outcome)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";

	@Override
	public String name() {
		return "experiments";
	}

	@Override
	public List<String> tables() {
		return List.of("experiments", "experiment_results", "experiment_variants", "canary_analysis_runs", "canaries");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("experiments", String.valueOf(SPECS.size()));
		rows.put("experiment_variants", String.valueOf(2 * SPECS.size()));
		rows.put("traces (tagged with a variant)", "≈ the last 6 days of 8 agents");
		rows.put("canaries", "3");
		rows.put("canary_analysis_runs", "11");
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = context.workspaceId();
		long now = plan.historyEndMillis();
		long day = OrgPlan.DAY_MS;
		long from = Math.max(plan.startMillis(), now - 7 * day);
		long tagged = 0;
		long runs = 0;
		try (Connection c = context.open()) {
			// planner statistics of the freshly loaded tables, or the tagging updates plan blind
			try (var st = c.createStatement()) {
				st.execute("ANALYZE traces");
				st.execute("ANALYZE evaluations");
			}
			c.setAutoCommit(false);
			List<String> agents = new ArrayList<>();
			try (PreparedStatement ps = c.prepareStatement(BUSIEST)) {
				ps.setObject(1, ws);
				ps.setTimestamp(2, new Timestamp(from));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						agents.add(rs.getString(1));
					}
				}
			}
			int experiments = Math.min(SPECS.size(), Math.max(0, agents.size() - 3));
			for (int i = 0; i < experiments; i++) {
				Spec spec = SPECS.get(i);
				String agent = agents.get(i);
				boolean running = "running".equals(spec.status());
				long started = running ? from + day / 2 : from;
				long stopped = running ? now : now - day - (long) i * 3_600_000L;
				UUID id = UUID.nameUUIDFromBytes((ws + ":experiment:" + i).getBytes());
				UUID control = UUID.nameUUIDFromBytes((ws + ":variant:" + i + ":control").getBytes());
				UUID treatment = UUID.nameUUIDFromBytes((ws + ":variant:" + i + ":treatment").getBytes());
				long n = tag(c, ws, agent, started, stopped, spec, control, treatment);
				tagged += n;
				// the minimum sample: what a 80 % power plan asked for, reached by the finished ones
				int minSample = (int) Math.max(200, running ? n / 3 : n / 4);
				UUID winner = "winner".equals(spec.decision()) ? treatment
						: "no_difference".equals(spec.decision()) ? control : null;
				try (PreparedStatement ps = c.prepareStatement(INSERT_EXPERIMENT)) {
					ps.setObject(1, id);
					ps.setObject(2, ws);
					ps.setString(3, spec.name());
					ps.setString(4, spec.hypothesis());
					ps.setString(5, agent);
					ps.setString(6, spec.metric());
					ps.setString(7, spec.status());
					ps.setString(8, md5Salt(id));
					ps.setInt(9, minSample);
					// running ones are read every day (always-valid p); finished ones were read once, at the end
					ps.setBoolean(10, running);
					ps.setObject(11, winner);
					ps.setString(12, spec.decision());
					ps.setTimestamp(13, new Timestamp(started));
					ps.setTimestamp(14, running ? null : new Timestamp(stopped));
					ps.setTimestamp(15, (winner != null) ? new Timestamp(stopped + 600_000L) : null);
					ps.setTimestamp(16, new Timestamp(started - 3_600_000L));
					ps.setTimestamp(17, new Timestamp(running ? started : stopped));
					ps.executeUpdate();
				}
				try (PreparedStatement ps = c.prepareStatement(INSERT_VARIANT)) {
					variant(ps, ws, id, control, "control", "Control", true, 100 * (1 - spec.share()), "{}", 0);
					variant(ps, ws, id, treatment, "treatment", spec.treatmentName(), false, 100 * spec.share(),
							spec.overrides(), 1);
					ps.executeBatch();
				}
			}
			// canaries on the next three busiest agents: two promoted, one aborted at 25 %
			for (int k = 0; k < 3 && experiments + k < agents.size(); k++) {
				runs += canary(c, ws, agents.get(experiments + k), k, now);
			}
			c.commit();
		}
		Map<String, Long> written = new LinkedHashMap<>();
		written.put("experiments", (long) Math.min(SPECS.size(), 8));
		written.put("traces tagged", tagged);
		written.put("canary_analysis_runs", runs);
		return written;
	}

	private static long tag(Connection c, UUID ws, String agent, long from, long to, Spec spec, UUID control,
			UUID treatment) throws Exception {
		String s = String.valueOf(spec.share());
		String threshold = switch (spec.effect()) {
			// error traces lean to control; the others make up for it so the split stays as planned
			case "fewer_errors" -> "CASE WHEN q.status <> 'success' THEN " + s + " * 0.5 ELSE (" + s
					+ " - q.err_share * " + s + " * 0.5) / GREATEST(0.01, 1 - q.err_share) END";
			case "more_errors" -> "CASE WHEN q.status <> 'success' THEN LEAST(0.95, " + s + " * 1.8) ELSE (" + s
					+ " - q.err_share * LEAST(0.95, " + s + " * 1.8)) / GREATEST(0.01, 1 - q.err_share) END";
			case "cheaper" -> s + " - 0.6 * (q.pr_cost - 0.5)";
			case "faster" -> s + " - 0.6 * (q.pr_lat - 0.5)";
			case "better_quality" -> "CASE WHEN q.score IS NULL THEN " + s + " ELSE " + s + " + 0.8 * (q.pr_score - 0.5) END";
			// a broken assignment: 55 % of units reach the treatment planned at 50 % (detectable at the
			// demo's volume; the same bug at 52/48 needs about 7,000 units to show at p < 0.001)
			case "srm" -> s + " + 0.05";
			default -> s;
		};
		try (PreparedStatement ps = c.prepareStatement(TAG.replace("{threshold}", threshold))) {
			ps.setObject(1, ws);
			ps.setString(2, agent);
			ps.setTimestamp(3, new Timestamp(from));
			ps.setTimestamp(4, new Timestamp(to));
			ps.setString(5, treatment.toString());
			ps.setString(6, control.toString());
			ps.setObject(7, ws);
			return ps.executeUpdate();
		}
	}

	private static void variant(PreparedStatement ps, UUID ws, UUID experiment, UUID id, String key, String name,
			boolean control, double pct, String overrides, int position) throws Exception {
		ps.setObject(1, id);
		ps.setObject(2, ws);
		ps.setObject(3, experiment);
		ps.setString(4, key);
		ps.setString(5, name);
		ps.setBoolean(6, control);
		ps.setDouble(7, pct);
		ps.setString(8, overrides);
		ps.setInt(9, position);
		ps.addBatch();
	}

	/** One canary's history: k = 0, 1 promoted (4 passing checks), k = 2 aborted at 25 % (3 failures). */
	private static long canary(Connection c, UUID ws, String agent, int k, long now) throws Exception {
		boolean aborted = k == 2;
		String version = currentVersion(c, ws, agent);
		String to = aborted ? bump(version) + "-rc1" : version;
		String fromVersion = aborted ? version : previous(version);
		long started = now - (aborted ? 2 : 9 + 6L * k) * OrgPlan.DAY_MS + 3_600_000L * (10 + k);
		UUID id = UUID.nameUUIDFromBytes((ws + ":canary:" + k).getBytes());
		int[] weights = { 5, 25, 50, 100 };
		List<Object[]> checks = new ArrayList<>();
		if (aborted) {
			checks.add(new Object[] { 0, "pass", 0.021, 0.024, "advanced" });
			checks.add(new Object[] { 1, "fail", 0.019, 0.094, "waiting" });
			checks.add(new Object[] { 1, "fail", 0.020, 0.101, "waiting" });
			checks.add(new Object[] { 1, "fail", 0.021, 0.097, "aborted" });
		}
		else {
			for (int s = 0; s < 4; s++) {
				checks.add(new Object[] { s, "pass", 0.018 + 0.002 * s, 0.017 + 0.003 * s, s == 3 ? "promoted" : "advanced" });
			}
		}
		long finished = started + 600_000L * checks.size();
		int stepIndex = aborted ? 1 : 3;
		try (PreparedStatement ps = c.prepareStatement(INSERT_CANARY)) {
			ps.setObject(1, id);
			ps.setObject(2, ws);
			ps.setString(3, agent);
			ps.setString(4, fromVersion);
			ps.setString(5, to);
			ps.setInt(6, stepIndex);
			ps.setInt(7, aborted ? 3 : 0);
			ps.setString(8, aborted ? "aborted" : "promoted");
			ps.setTimestamp(9, new Timestamp(finished - 600_000L));
			ps.setTimestamp(10, new Timestamp(finished));
			ps.setTimestamp(11, new Timestamp(started));
			ps.setTimestamp(12, new Timestamp(finished));
			ps.setString(13, aborted ? "failure limit reached (3 failed checks): canary errors 9.7 % vs stable 2.1 %"
					: null);
			ps.setTimestamp(14, new Timestamp(started));
			ps.executeUpdate();
		}
		try (PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
			for (int j = 0; j < checks.size(); j++) {
				Object[] r = checks.get(j);
				int step = (int) r[0];
				int weight = weights[step];
				long canaryN = 220L + 9L * weight;
				long controlN = canaryN * (100 - Math.min(weight, 95)) / Math.min(weight, 95) + 200;
				double controlRate = (double) r[2];
				double canaryRate = (double) r[3];
				boolean pass = "pass".equals(r[1]);
				ps.setObject(1, ws);
				ps.setObject(2, id);
				ps.setInt(3, step);
				ps.setInt(4, weight);
				ps.setTimestamp(5, new Timestamp(started + 600_000L * (j + 1)));
				ps.setString(6, (String) r[1]);
				ps.setLong(7, controlN);
				ps.setLong(8, canaryN);
				ps.setLong(9, Math.round(controlN * controlRate));
				ps.setLong(10, Math.round(canaryN * canaryRate));
				ps.setDouble(11, 1850 + 40 * j);
				ps.setDouble(12, pass ? 1800 + 45 * j : 2050 + 30 * j);
				ps.setString(13, String.format(java.util.Locale.ROOT,
						"[{\"name\":\"error_rate_diff\",\"passed\":%s,\"value\":%.4f,\"limit\":0.02,\"note\":\"canary %.1f %% vs stable %.1f %%\"},"
								+ "{\"name\":\"p90_ratio\",\"passed\":true,\"value\":%.3f,\"limit\":1.2,\"note\":\"P90 ratio\"},"
								+ "{\"name\":\"quality_gate\",\"passed\":true,\"value\":null,\"limit\":null,\"note\":\"pass\"}]",
						pass, canaryRate - controlRate, 100 * canaryRate, 100 * controlRate,
						(pass ? 1800 + 45 * j : 2050 + 30 * j) / (1850.0 + 40 * j)));
				ps.setString(14, (String) r[4]);
				ps.addBatch();
			}
			ps.executeBatch();
		}
		return checks.size();
	}

	private static String currentVersion(Connection c, UUID ws, String agent) throws Exception {
		try (PreparedStatement ps = c.prepareStatement("SELECT version FROM agents WHERE workspace_id = ? AND agent_id = ?")) {
			ps.setObject(1, ws);
			ps.setString(2, agent);
			try (ResultSet rs = ps.executeQuery()) {
				return (rs.next() && rs.getString(1) != null) ? rs.getString(1) : "v2.1";
			}
		}
	}

	/** v2.1 → v2.2 (the next minor); anything else gets ".1". */
	static String bump(String version) {
		int dot = version.lastIndexOf('.');
		try {
			return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
		}
		catch (RuntimeException ex) {
			return version + ".1";
		}
	}

	static String previous(String version) {
		int dot = version.lastIndexOf('.');
		try {
			int minor = Integer.parseInt(version.substring(dot + 1));
			return (minor > 0) ? version.substring(0, dot + 1) + (minor - 1) : version + "-prev";
		}
		catch (RuntimeException ex) {
			return version + "-prev";
		}
	}

	private static String md5Salt(UUID id) {
		return id.toString().replace("-", "").substring(0, 16);
	}

}
