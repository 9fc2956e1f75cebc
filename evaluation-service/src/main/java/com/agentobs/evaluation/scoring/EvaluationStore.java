package com.agentobs.evaluation.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.ObjectMapper;

/**
 * Writes {@code evaluations} and keeps {@code evaluation_rollups_hourly} in step in the same
 * statement: only rows actually inserted (not a replay's conflicts) are added to the rollup, and
 * a removed row is subtracted. Callers run inside a workspace transaction.
 */
@Repository
public class EvaluationStore {

	/** Columns of one input row ({@code jsonb_to_recordset}). */
	private static final String INPUT = """
			input AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
			              AS x(trace_id text, trace_timestamp timestamptz, agent_id text, department_code text,
			                   environment text, agent_version text, intent_category text, rubric_id uuid,
			                   rubric_version int, evaluator text, rule_id uuid, status text, score numeric,
			                   passed boolean, criteria_scores jsonb, label text, reasoning text, error text,
			                   judge_tokens int, judge_cost_usd numeric, reviewer text, sample_rate int))""";

	/** Adds (sign 1) or subtracts (sign -1) the rows of CTE {@code changed} to the rollup. */
	private static final String ROLLUP = """
			rolled AS (
			    INSERT INTO evaluation_rollups_hourly AS r (workspace_id, hour, agent_id, department_code, environment,
			                                                agent_version, evaluator, score_count, score_sum, pass_count,
			                                                error_count, excellent_count, good_count, fair_count,
			                                                poor_count, represented_count)
			    SELECT :ws, date_trunc('hour', trace_timestamp), agent_id, COALESCE(department_code, ''),
			           COALESCE(environment, ''), COALESCE(agent_version, ''), evaluator,
			           :sign * count(score), :sign * COALESCE(sum(score), 0), :sign * count(*) FILTER (WHERE passed),
			           :sign * count(*) FILTER (WHERE status = 'error'), :sign * count(*) FILTER (WHERE score >= 90),
			           :sign * count(*) FILTER (WHERE score >= 75 AND score < 90),
			           :sign * count(*) FILTER (WHERE score >= 60 AND score < 75), :sign * count(*) FILTER (WHERE score < 60),
			           :sign * COALESCE(sum(sample_rate) FILTER (WHERE score IS NOT NULL), 0)
			    FROM changed
			    GROUP BY 2, 3, 4, 5, 6, 7
			    ORDER BY 2, 3, 4, 5, 6, 7
			    ON CONFLICT (workspace_id, hour, agent_id, department_code, environment, agent_version, evaluator)
			        DO UPDATE SET score_count = r.score_count + excluded.score_count,
			                      score_sum = r.score_sum + excluded.score_sum,
			                      pass_count = r.pass_count + excluded.pass_count,
			                      error_count = r.error_count + excluded.error_count,
			                      excellent_count = r.excellent_count + excluded.excellent_count,
			                      good_count = r.good_count + excluded.good_count,
			                      fair_count = r.fair_count + excluded.fair_count,
			                      poor_count = r.poor_count + excluded.poor_count,
			                      represented_count = r.represented_count + excluded.represented_count
			    RETURNING 1)""";

	private static final String INSERT = "WITH " + INPUT + """
			,
			changed AS (
			    INSERT INTO evaluations (workspace_id, trace_id, trace_timestamp, agent_id, department_code, environment,
			                             agent_version, intent_category, rubric_id, rubric_version, evaluator, rule_id,
			                             status, score, passed, criteria_scores, label, reasoning, error, judge_tokens,
			                             judge_cost_usd, reviewer, sample_rate, backfill_id)
			    SELECT :ws, trace_id, trace_timestamp, agent_id, department_code, environment, agent_version,
			           intent_category, rubric_id, rubric_version, evaluator, rule_id, status, score, passed,
			           COALESCE(criteria_scores, '{}'::jsonb), label, reasoning, error, judge_tokens, judge_cost_usd,
			           reviewer, COALESCE(sample_rate, 1), CAST(:backfill AS uuid)
			    FROM input
			    ON CONFLICT ON CONSTRAINT evaluations_unique_result DO NOTHING
			    RETURNING id, trace_timestamp, agent_id, department_code, environment, agent_version, evaluator, status,
			              score, passed, sample_rate),
			""" + ROLLUP + """

			SELECT id FROM changed ORDER BY id""";

	private static final String DELETE = """
			WITH changed AS (
			    DELETE FROM evaluations WHERE workspace_id = :ws AND id = :id
			    RETURNING id, trace_timestamp, agent_id, department_code, environment, agent_version, evaluator, status,
			              score, passed, sample_rate),
			""" + ROLLUP + """

			SELECT count(*) FROM changed""";

	private static final String DELETE_BACKFILL = """
			WITH changed AS (
			    DELETE FROM evaluations WHERE workspace_id = :ws AND backfill_id = :backfill
			    RETURNING id, trace_timestamp, agent_id, department_code, environment, agent_version, evaluator, status,
			              score, passed, sample_rate),
			""" + ROLLUP + """

			SELECT count(*) FROM changed""";

	private static final String FIND_HUMAN = """
			SELECT id FROM evaluations
			WHERE workspace_id = :ws AND trace_id = :trace AND rubric_id = :rubric AND rubric_version = :version
			  AND evaluator = 'human'""";

	private static final String JUDGE_SPEND_TODAY = """
			SELECT COALESCE(sum(judge_cost_usd), 0) FROM evaluations
			WHERE workspace_id = :ws AND rule_id = :rule AND evaluator = 'llm_judge'
			  AND created_at >= date_trunc('day', NOW() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'""";

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	EvaluationStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Inserts what is new (unique per trace, rubric version, evaluator); returns the new rows' ids. */
	public List<Long> insertAll(UUID ws, List<NewEvaluation> evaluations) {
		return insertAll(ws, evaluations, null);
	}

	/** As {@link #insertAll(UUID, List)}, the new rows naming the backfill that wrote them. */
	public List<Long> insertAll(UUID ws, List<NewEvaluation> evaluations, UUID backfillId) {
		if (evaluations.isEmpty()) {
			return List.of();
		}
		List<Map<String, Object>> rows = new ArrayList<>(evaluations.size());
		for (NewEvaluation e : evaluations) {
			rows.add(row(e));
		}
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("sign", 1)
			.param("backfill", (backfillId != null) ? backfillId.toString() : null)
			.param("rows", this.mapper.writeValueAsString(rows))
			.query(Long.class)
			.list();
	}

	/** Deletes one evaluation and takes it out of the rollup; 0 when it was not there. */
	public long delete(UUID ws, long id) {
		return this.jdbc.sql(DELETE).param("ws", ws).param("id", id).param("sign", -1).query(Long.class).single();
	}

	/** Deletes every evaluation a backfill wrote and takes them out of the rollup; returns how many. */
	public long deleteBackfill(UUID ws, UUID backfillId) {
		return this.jdbc.sql(DELETE_BACKFILL)
			.param("ws", ws)
			.param("backfill", backfillId)
			.param("sign", -1)
			.query(Long.class)
			.single();
	}

	public Optional<Long> findHuman(UUID ws, String traceId, UUID rubricId, int version) {
		return this.jdbc.sql(FIND_HUMAN)
			.param("ws", ws)
			.param("trace", traceId)
			.param("rubric", rubricId)
			.param("version", version)
			.query(Long.class)
			.optional();
	}

	/** USD the judge of one rule spent since UTC midnight (its daily cap's measure). */
	public double judgeSpendToday(UUID ws, UUID ruleId) {
		return this.jdbc.sql(JUDGE_SPEND_TODAY).param("ws", ws).param("rule", ruleId).query(Double.class).single();
	}

	private static Map<String, Object> row(NewEvaluation e) {
		TraceSample t = e.trace();
		EvaluationResult r = e.result();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("trace_id", t.traceId());
		row.put("trace_timestamp", t.timestamp().toString());
		row.put("agent_id", t.agentId());
		row.put("department_code", t.department());
		row.put("environment", t.environment());
		row.put("agent_version", t.version());
		row.put("intent_category", t.intent());
		row.put("rubric_id", e.rubricId().toString());
		row.put("rubric_version", e.rubricVersion());
		row.put("evaluator", e.evaluator());
		row.put("rule_id", (e.ruleId() != null) ? e.ruleId().toString() : null);
		row.put("status", r.status());
		row.put("score", r.score());
		row.put("passed", e.passed());
		row.put("criteria_scores", r.criteriaScores());
		row.put("label", e.label());
		row.put("reasoning", r.reasoning());
		row.put("error", r.error());
		row.put("judge_tokens", r.judgeTokens());
		row.put("judge_cost_usd", r.judgeCostUsd());
		row.put("reviewer", e.reviewer());
		row.put("sample_rate", t.sampleRate());
		return row;
	}

}
