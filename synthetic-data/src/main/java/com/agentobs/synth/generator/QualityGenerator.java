package com.agentobs.synth.generator;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;

/**
 * The Quality tab's data: four rubrics (helpfulness, accuracy, groundedness, tone), the default
 * evaluator rules (heuristic helpfulness on 20 % of new traces; an LLM-judge accuracy rule that
 * runs only when the judge is configured), scores for 20 % of the seeded traces, the accuracy
 * judge's history on 5 % of production traces (with tokens, cost and reasoning), human reviews on
 * 2 % of the heuristic and 10 % of the judge scores, an open review queue and the hourly rollup.
 * <p>
 * Scores follow the demo's quality pattern: Normal(84, 8) clipped to 0–100, Sales +5, v2.x +2,
 * v1.7/v1.8 −3, failed traces −25, and one v2.1 canary agent −6 over the last 5 days. The draw is
 * a pure function of the trace id (md5-based uniforms, Box–Muller), so the same seed gives the same
 * scores. Seeded scores are demo history drawn by their own hash; traces ingested later are scored
 * by evaluation-service under the seeded rules.
 */
final class QualityGenerator implements Generator {

	private static final String INSERT_RUBRIC = """
			INSERT INTO rubrics (id, workspace_id, name, description, current_version, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, to_timestamp(? / 1000.0), to_timestamp(? / 1000.0))""";

	private static final String INSERT_VERSION = """
			INSERT INTO rubric_versions (workspace_id, rubric_id, version, criteria, pass_threshold, judge_prompt,
			                             created_at)
			VALUES (?, ?, 1, ?::jsonb, 75, ?, to_timestamp(? / 1000.0))""";

	private static final String INSERT_RULES = """
			INSERT INTO evaluator_rules (workspace_id, name, rubric_id, evaluator, sampling_rate, daily_cost_cap_usd,
			                             environments)
			VALUES (?, 'Helpfulness on 20 % of traces', ?, 'heuristic', 0.2, NULL, NULL),
			       (?, 'Accuracy judge on 5 % of production', ?, 'llm_judge', 0.05, 5, ARRAY['production'])""";

	/** u1, u2: uniforms from the trace id; z: a standard normal (Box–Muller). */
	private static final String INSERT_SCORES = """
			WITH sampled AS (
			    SELECT t.trace_id, t.timestamp, t.agent_id, d.department_code, t.environment, t.version,
			           t.intent_category, t.status, t.sample_rate,
			           (('x' || substr(md5(t.trace_id || ':u1'), 1, 8))::bit(32)::bigint + 1) / 4294967297.0 AS u1,
			           (('x' || substr(md5(t.trace_id || ':u2'), 1, 8))::bit(32)::bigint + 1) / 4294967297.0 AS u2
			    FROM traces t
			             LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			    WHERE t.workspace_id = ?
			      AND (('x' || substr(md5(t.trace_id || ':sample'), 1, 8))::bit(32)::bigint) / 4294967296.0 < 0.2),
			scored AS (
			    SELECT s.*,
			           round(LEAST(100, GREATEST(0,
			               84 + 8 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2)
			               + CASE WHEN department_code = 'sales' THEN 5 ELSE 0 END
			               + CASE WHEN version LIKE 'v2.%' THEN 2 WHEN version IN ('v1.7', 'v1.8') THEN -3 ELSE 0 END
			               + CASE WHEN status <> 'success' THEN -25 ELSE 0 END
			               + CASE WHEN agent_id = ? AND timestamp >= to_timestamp(? / 1000.0) THEN -6 ELSE 0 END
			           ))::numeric, 2) AS score
			    FROM sampled s)
			INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, department_code, environment,
			                         agent_version, intent_category, rubric_id, rubric_version, evaluator, rule_id, status,
			                         score, passed, criteria_scores, reasoning, created_at, sample_rate)
			SELECT ?, trace_id, timestamp, agent_id, department_code, environment, version, intent_category, ?, 1,
			       'heuristic', (SELECT id FROM evaluator_rules WHERE workspace_id = ? AND rubric_id = ? LIMIT 1),
			       'scored', score, score >= 75,
			       jsonb_build_object('relevance', LEAST(100, round(score + 6 * (u1 - 0.5), 2)),
			                          'completeness', LEAST(100, round(score + 8 * (u2 - 0.5), 2)),
			                          'clarity', LEAST(100, round(score - 4 * (u1 - u2), 2))),
			       CASE WHEN score < 62 THEN (ARRAY[
			           'The answer refuses a request the agent is meant to handle.',
			           'The answer is too short to resolve the question and skips the steps asked for.',
			           'The trace failed before a complete answer was produced.',
			           'The answer drifts off topic and does not address the user''s intent.'])[1 + (u2 * 4)::int % 4]
			       END,
			       timestamp + interval '40 seconds', sample_rate
			FROM scored""";

	/**
	 * The accuracy judge's history: 5 % of production traces (the seeded judge rule), the same
	 * quality pattern drawn with its own hash, judge tokens and cost, and the judge's reasoning.
	 */
	private static final String INSERT_JUDGE = """
			WITH sampled AS (
			    SELECT t.trace_id, t.timestamp, t.agent_id, d.department_code, t.environment, t.version,
			           t.intent_category, t.status, t.sample_rate,
			           (('x' || substr(md5(t.trace_id || ':j1'), 1, 8))::bit(32)::bigint + 1) / 4294967297.0 AS u1,
			           (('x' || substr(md5(t.trace_id || ':j2'), 1, 8))::bit(32)::bigint + 1) / 4294967297.0 AS u2
			    FROM traces t
			             LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			    WHERE t.workspace_id = ? AND t.environment = 'production'
			      AND (('x' || substr(md5(t.trace_id || ':judge'), 1, 8))::bit(32)::bigint) / 4294967296.0 < 0.05),
			scored AS (
			    SELECT s.*,
			           round(LEAST(100, GREATEST(0,
			               84 + 8 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2)
			               + CASE WHEN department_code = 'sales' THEN 5 ELSE 0 END
			               + CASE WHEN version LIKE 'v2.%' THEN 2 WHEN version IN ('v1.7', 'v1.8') THEN -3 ELSE 0 END
			               + CASE WHEN status <> 'success' THEN -25 ELSE 0 END
			               + CASE WHEN agent_id = ? AND timestamp >= to_timestamp(? / 1000.0) THEN -6 ELSE 0 END
			           ))::numeric, 2) AS score,
			           600 + (u1 * 400)::int AS tokens
			    FROM sampled s)
			INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, department_code, environment,
			                         agent_version, intent_category, rubric_id, rubric_version, evaluator, rule_id, status,
			                         score, passed, criteria_scores, reasoning, judge_tokens, judge_cost_usd, created_at,
			                         sample_rate)
			SELECT ?, trace_id, timestamp, agent_id, department_code, environment, version, intent_category, ?, 1,
			       'llm_judge',
			       (SELECT id FROM evaluator_rules WHERE workspace_id = ? AND rubric_id = ? AND evaluator = 'llm_judge' LIMIT 1),
			       'scored', score, score >= 75,
			       jsonb_build_object('correctness', LEAST(100, round(score + 6 * (u2 - 0.5), 2)),
			                          'no_errors', CASE WHEN status = 'success' THEN 100 ELSE 0 END,
			                          'specificity', LEAST(100, round(score - 5 * (u1 - 0.5), 2))),
			       CASE WHEN score >= 90 THEN 'Correct and specific; consistent with the reference answer.'
			            WHEN score >= 75 THEN 'Mostly correct; one detail is vague or unsupported.'
			            WHEN score >= 60 THEN 'Partly correct: a key step is missing or imprecise.'
			            ELSE 'Contradicts the reference answer or fails to answer the question.' END,
			       tokens, round(tokens * 0.0000004, 6), timestamp + interval '50 seconds', sample_rate
			FROM scored""";

	/** Human reviews on 2 % of the scored traces: the automated score plus noise (judge vs human agree roughly). */
	private static final String INSERT_REVIEWS = """
			INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, department_code, environment,
			                         agent_version, intent_category, rubric_id, rubric_version, evaluator, status, score,
			                         passed, label, reviewer, created_at, sample_rate)
			SELECT e.workspace_id, e.trace_id, e.trace_timestamp, e.agent_id, e.department_code, e.environment,
			       e.agent_version, e.intent_category, e.rubric_id, e.rubric_version, 'human', 'scored', h.score,
			       h.score >= 75, CASE WHEN h.score >= 75 THEN 'correct' WHEN h.score >= 60 THEN 'partially_correct'
			                           ELSE 'incorrect' END,
			       CASE WHEN substr(md5(e.trace_id), 1, 1) < '8' THEN 'operator@agentobs.dev' ELSE 'admin@agentobs.dev' END,
			       e.trace_timestamp + interval '1 day', e.sample_rate
			FROM evaluations e
			         CROSS JOIN LATERAL (SELECT round(LEAST(100, GREATEST(0, e.score + 14 * ((('x' || substr(md5(
			             e.trace_id || ':human'), 1, 8))::bit(32)::bigint) / 4294967296.0 - 0.5)))::numeric, 2) AS score) h
			WHERE e.workspace_id = ? AND e.evaluator IN ('heuristic', 'llm_judge')
			  AND (('x' || substr(md5(e.trace_id || ':review'), 1, 8))::bit(32)::bigint) / 4294967296.0
			      < CASE WHEN e.evaluator = 'llm_judge' THEN 0.1 ELSE 0.02 END
			  AND e.trace_timestamp < to_timestamp(? / 1000.0) - interval '1 day'""";

	/** 40 open items: the lowest automated scores of the last week, split between two reviewers. */
	private static final String INSERT_QUEUE = """
			INSERT INTO review_queue_items (workspace_id, trace_id, trace_timestamp, agent_id, rubric_id, reason,
			                                assignee, created_at)
			SELECT workspace_id, trace_id, trace_timestamp, agent_id, rubric_id, 'low automated score',
			       CASE WHEN row_number() OVER (ORDER BY score, trace_id) % 2 = 0 THEN 'operator@agentobs.dev'
			            ELSE 'admin@agentobs.dev' END,
			       trace_timestamp + interval '5 minutes'
			FROM evaluations
			WHERE workspace_id = ? AND evaluator = 'heuristic' AND score < 65
			  AND trace_timestamp >= to_timestamp(? / 1000.0) - interval '7 days'
			  AND NOT EXISTS (SELECT 1 FROM evaluations h WHERE h.workspace_id = evaluations.workspace_id
			                  AND h.trace_id = evaluations.trace_id AND h.evaluator = 'human')
			ORDER BY score, trace_id
			LIMIT 40""";

	private static final String INSERT_ROLLUP = """
			INSERT INTO evaluation_rollups_hourly (workspace_id, hour, agent_id, department_code, environment,
			                                       agent_version, evaluator, score_count, score_sum, pass_count,
			                                       error_count, excellent_count, good_count, fair_count, poor_count,
			                                       represented_count)
			SELECT workspace_id, date_trunc('hour', trace_timestamp), agent_id, COALESCE(department_code, ''),
			       COALESCE(environment, ''), COALESCE(agent_version, ''), evaluator, count(score),
			       COALESCE(sum(score), 0), count(*) FILTER (WHERE passed), count(*) FILTER (WHERE status = 'error'),
			       count(*) FILTER (WHERE score >= 90), count(*) FILTER (WHERE score >= 75 AND score < 90),
			       count(*) FILTER (WHERE score >= 60 AND score < 75), count(*) FILTER (WHERE score < 60),
			       COALESCE(sum(sample_rate) FILTER (WHERE score IS NOT NULL), 0)
			FROM evaluations
			WHERE workspace_id = ?
			GROUP BY 1, 2, 3, 4, 5, 6, 7""";

	/** The canary: the first v2.1 Customer Support agent (else the first v2.1 agent). */
	private static final String CANARY = """
			SELECT a.agent_id FROM agents a LEFT JOIN departments d ON d.id = a.department_id
			WHERE a.workspace_id = ? AND a.version = 'v2.1'
			ORDER BY (d.department_code = 'support') DESC, a.agent_id LIMIT 1""";

	private record RubricSeed(String key, String name, String description, String criteria, String judgePrompt) {
	}

	private static final List<RubricSeed> RUBRICS = List.of(
			new RubricSeed("helpfulness", "Helpfulness", "Does the answer resolve the user's request?", """
					[{"key":"relevance","name":"Relevance","weight":0.4,"check":"overall"},
					 {"key":"completeness","name":"Completeness","weight":0.35,"check":"length"},
					 {"key":"clarity","name":"Clarity","weight":0.25,"check":"format"}]""", null),
			new RubricSeed("accuracy", "Accuracy", "Is the answer factually right?", """
					[{"key":"correctness","name":"Correctness","weight":0.5,"check":"reference"},
					 {"key":"no_errors","name":"No failures","weight":0.2,"check":"error"},
					 {"key":"specificity","name":"Specificity","weight":0.3,"check":"length"}]""",
					"Penalise any claim that contradicts the reference answer."),
			new RubricSeed("groundedness", "Groundedness", "Is every claim supported by retrieved context?", """
					[{"key":"supported","name":"Claims supported","weight":0.5,"check":"reference"},
					 {"key":"citations","name":"Citations","weight":0.25,"check":"format"},
					 {"key":"no_hallucination","name":"No invention","weight":0.25,"check":"overall"}]""", null),
			new RubricSeed("tone", "Tone", "Is the answer polite, on-brand and free of refusals?", """
					[{"key":"politeness","name":"Politeness","weight":0.4,"check":"refusal"},
					 {"key":"brand_voice","name":"Brand voice","weight":0.3,"check":"overall"},
					 {"key":"concision","name":"Concision","weight":0.2,"check":"length"},
					 {"key":"responsiveness","name":"Responsiveness","weight":0.1,"check":"latency"}]""", null));

	@Override
	public String name() {
		return "quality";
	}

	@Override
	public List<String> tables() {
		return List.of("review_queue_items", "evaluation_rollups_hourly", "evaluations", "evaluator_rules",
				"rubric_versions", "rubrics");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("rubrics", String.valueOf(RUBRICS.size()));
		rows.put("evaluator_rules", "2");
		rows.put("evaluations", "≈ 20 % of traces + 5 % of production judged + reviews");
		rows.put("review_queue_items", "≤ 40");
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = plan.workspaceId();
		long created = plan.startMillis();
		Map<String, Long> written = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			UUID helpfulness = null;
			UUID accuracy = null;
			for (RubricSeed r : RUBRICS) {
				UUID id = UUID.nameUUIDFromBytes((ws + ":rubric:" + r.key()).getBytes(StandardCharsets.UTF_8));
				helpfulness = r.key().equals("helpfulness") ? id : helpfulness;
				accuracy = r.key().equals("accuracy") ? id : accuracy;
				try (PreparedStatement ps = c.prepareStatement(INSERT_RUBRIC)) {
					ps.setObject(1, id);
					ps.setObject(2, ws);
					ps.setString(3, r.name());
					ps.setString(4, r.description());
					ps.setLong(5, created);
					ps.setLong(6, created);
					ps.executeUpdate();
				}
				try (PreparedStatement ps = c.prepareStatement(INSERT_VERSION)) {
					ps.setObject(1, ws);
					ps.setObject(2, id);
					ps.setString(3, r.criteria());
					ps.setString(4, r.judgePrompt());
					ps.setLong(5, created);
					ps.executeUpdate();
				}
			}
			written.put("rubrics", (long) RUBRICS.size());
			try (PreparedStatement ps = c.prepareStatement(INSERT_RULES)) {
				ps.setObject(1, ws);
				ps.setObject(2, helpfulness);
				ps.setObject(3, ws);
				ps.setObject(4, accuracy);
				written.put("evaluator_rules", (long) ps.executeUpdate());
			}
			String canary = "";
			try (PreparedStatement ps = c.prepareStatement(CANARY)) {
				ps.setObject(1, ws);
				try (var rs = ps.executeQuery()) {
					canary = rs.next() ? rs.getString(1) : "";
				}
			}
			long scores;
			try (PreparedStatement ps = c.prepareStatement(INSERT_SCORES)) {
				ps.setObject(1, ws);
				ps.setString(2, canary);
				ps.setLong(3, plan.nowMillis() - 5 * OrgPlan.DAY_MS);
				ps.setObject(4, ws);
				ps.setObject(5, helpfulness);
				ps.setObject(6, ws);
				ps.setObject(7, helpfulness);
				scores = ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement(INSERT_JUDGE)) {
				ps.setObject(1, ws);
				ps.setString(2, canary);
				ps.setLong(3, plan.nowMillis() - 5 * OrgPlan.DAY_MS);
				ps.setObject(4, ws);
				ps.setObject(5, accuracy);
				ps.setObject(6, ws);
				ps.setObject(7, accuracy);
				scores += ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement(INSERT_REVIEWS)) {
				ps.setObject(1, ws);
				ps.setLong(2, plan.nowMillis());
				scores += ps.executeUpdate();
			}
			written.put("evaluations", scores);
			try (PreparedStatement ps = c.prepareStatement(INSERT_QUEUE)) {
				ps.setObject(1, ws);
				ps.setLong(2, plan.nowMillis());
				written.put("review_queue_items", (long) ps.executeUpdate());
			}
			try (PreparedStatement ps = c.prepareStatement(INSERT_ROLLUP)) {
				ps.setObject(1, ws);
				written.put("evaluation_rollups_hourly", (long) ps.executeUpdate());
			}
			c.commit();
		}
		return written;
	}

}
