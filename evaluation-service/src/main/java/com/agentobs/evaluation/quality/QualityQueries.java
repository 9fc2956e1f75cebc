package com.agentobs.evaluation.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.evaluation.quality.QualityResponses.Bands;
import com.agentobs.evaluation.quality.QualityResponses.Confusion;
import com.agentobs.evaluation.quality.QualityResponses.CriterionScore;
import com.agentobs.evaluation.quality.QualityResponses.IntentScore;
import com.agentobs.evaluation.quality.QualityResponses.QualityCost;
import com.agentobs.evaluation.quality.QualityResponses.EvaluatorAgreement;
import com.agentobs.evaluation.quality.QualityResponses.GroupScore;
import com.agentobs.evaluation.quality.QualityResponses.LowScore;
import com.agentobs.evaluation.quality.QualityResponses.Overview;
import com.agentobs.evaluation.quality.QualityResponses.ScoreDetail;
import com.agentobs.evaluation.quality.QualityResponses.TraceScores;
import com.agentobs.evaluation.quality.QualityResponses.TrendPoint;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The Quality tab's reads. Aggregates come from {@code evaluation_rollups_hourly} (automated
 * evaluators: heuristic and llm_judge; whole hours of the range), lists from
 * {@code evaluations}. Inside a workspace transaction; every statement filters the workspace.
 */
@Repository
class QualityQueries {

	/** The standard filters on the rollup (department code, environment, version, agent). */
	private static final String ROLLUP_SCOPE = """
			WHERE q.workspace_id = :ws AND q.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND q.hour < :to
			  AND q.evaluator <> 'human'
			  AND (CAST(:department AS text) IS NULL OR q.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR q.environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR q.agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR q.agent_id = :agent)""";

	private static final String MEASURES = """
			COALESCE(sum(q.score_count), 0) AS n, sum(q.score_sum) AS total, COALESCE(sum(q.pass_count), 0) AS passed,
			COALESCE(sum(q.error_count), 0) AS errors, COALESCE(sum(q.excellent_count), 0) AS excellent,
			COALESCE(sum(q.good_count), 0) AS good, COALESCE(sum(q.fair_count), 0) AS fair,
			COALESCE(sum(q.poor_count), 0) AS poor, COALESCE(sum(q.represented_count), 0) AS represented""";

	private static final String TOTALS = "SELECT " + MEASURES + " FROM evaluation_rollups_hourly q " + ROLLUP_SCOPE;

	private static final String TREND = "SELECT date_trunc(:unit, q.hour) AS bucket, " + MEASURES
			+ " FROM evaluation_rollups_hourly q " + ROLLUP_SCOPE + " GROUP BY 1 ORDER BY 1";

	private static final String BY_AGENT = "SELECT q.agent_id AS key, max(q.department_code) AS department, "
			+ MEASURES + " FROM evaluation_rollups_hourly q " + ROLLUP_SCOPE
			+ " GROUP BY q.agent_id HAVING sum(q.score_count) > 0 ORDER BY sum(q.score_sum) / sum(q.score_count), q.agent_id LIMIT :limit";

	private static final String BY_DEPARTMENT = "SELECT q.department_code AS key, q.department_code AS department, "
			+ MEASURES + " FROM evaluation_rollups_hourly q " + ROLLUP_SCOPE
			+ " GROUP BY q.department_code HAVING sum(q.score_count) > 0 ORDER BY q.department_code";

	private static final String BY_VERSION = "SELECT q.agent_version AS key, NULL AS department, " + MEASURES
			+ " FROM evaluation_rollups_hourly q " + ROLLUP_SCOPE
			+ " GROUP BY q.agent_version HAVING sum(q.score_count) > 0 ORDER BY q.agent_version";

	/** Requests in scope (the denominator of the scored share: requests represented), from the processing rollup. */
	private static final String TRACE_COUNT = """
			SELECT COALESCE(sum(h.trace_count), 0)
			FROM traces_agent_hourly h
			         LEFT JOIN departments d ON d.id = h.department_id AND d.workspace_id = h.workspace_id
			WHERE h.workspace_id = :ws AND h.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND h.hour < :to
			  AND (CAST(:department AS text) IS NULL OR d.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR h.environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR h.version = :version)
			  AND (CAST(:agent AS text) IS NULL OR h.agent_id = :agent)""";

	private static final String REVIEW_COUNTS = """
			SELECT (SELECT count(*) FROM review_queue_items WHERE workspace_id = :ws AND status = 'open') AS backlog,
			       (SELECT count(*) FROM evaluations
			        WHERE workspace_id = :ws AND evaluator = 'human' AND trace_timestamp >= :from
			          AND trace_timestamp < :to) AS reviewed""";

	private static final String LOW_SCORES = """
			SELECT e.trace_id, e.trace_timestamp, e.agent_id, e.department_code, e.agent_version, e.intent_category,
			       e.rubric_id, r.name AS rubric_name, e.rubric_version, e.evaluator, e.score, e.reasoning
			FROM evaluations e
			         JOIN rubrics r ON r.id = e.rubric_id AND r.workspace_id = e.workspace_id
			WHERE e.workspace_id = :ws AND e.status = 'scored' AND e.evaluator <> 'human'
			  AND e.trace_timestamp >= :from AND e.trace_timestamp < :to
			  AND (CAST(:department AS text) IS NULL OR e.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR e.environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR e.agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR e.agent_id = :agent)
			  AND (CAST(:max_score AS numeric) IS NULL OR e.score < CAST(:max_score AS numeric))
			ORDER BY e.score, e.trace_timestamp DESC, e.id
			LIMIT :limit""";

	private static final String TRACE = """
			SELECT t.trace_id, t.timestamp, t.agent_id, d.department_code, t.status, t.latency_ms, t.input, t.output
			FROM traces t
			         LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			WHERE t.workspace_id = :ws AND t.trace_id = :trace
			ORDER BY t.timestamp DESC LIMIT 1""";

	private static final String TRACE_EVALUATIONS = """
			SELECT e.id, e.rubric_id, r.name AS rubric_name, e.rubric_version, e.evaluator, e.status, e.score, e.passed,
			       e.criteria_scores, e.label, e.reasoning, e.error, e.reviewer, e.judge_tokens, e.judge_cost_usd,
			       e.created_at
			FROM evaluations e
			         JOIN rubrics r ON r.id = e.rubric_id AND r.workspace_id = e.workspace_id
			WHERE e.workspace_id = :ws AND e.trace_id = :trace
			ORDER BY e.created_at, e.id""";

	/**
	 * Human reviews paired with the automated score of the same trace and rubric version; the
	 * pass/fail verdicts feed kappa, the scores Pearson (as sufficient statistics).
	 */
	private static final String AGREEMENT = """
			SELECT h.rubric_id, r.name AS rubric_name, a.evaluator, count(*) AS n,
			       count(*) FILTER (WHERE a.passed AND h.passed) AS pp,
			       count(*) FILTER (WHERE a.passed AND NOT h.passed) AS pf,
			       count(*) FILTER (WHERE NOT a.passed AND h.passed) AS fp,
			       count(*) FILTER (WHERE NOT a.passed AND NOT h.passed) AS ff,
			       sum(a.score) AS sx, sum(h.score) AS sy, sum(a.score * a.score) AS sxx, sum(h.score * h.score) AS syy,
			       sum(a.score * h.score) AS sxy, avg(abs(a.score - h.score)) AS mad
			FROM evaluations h
			         JOIN evaluations a ON a.workspace_id = h.workspace_id AND a.trace_id = h.trace_id
			    AND a.rubric_id = h.rubric_id AND a.rubric_version = h.rubric_version
			    AND a.evaluator IN ('heuristic', 'llm_judge') AND a.status = 'scored'
			         JOIN rubrics r ON r.id = h.rubric_id AND r.workspace_id = h.workspace_id
			WHERE h.workspace_id = :ws AND h.evaluator = 'human' AND h.status = 'scored'
			  AND h.trace_timestamp >= :from AND h.trace_timestamp < :to
			  AND (CAST(:department AS text) IS NULL OR h.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR h.environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR h.agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR h.agent_id = :agent)
			GROUP BY h.rubric_id, r.name, a.evaluator
			ORDER BY r.name, a.evaluator""";

	/** The standard filters on {@code evaluations e} (automated, scored, in range). */
	private static final String EVALUATION_SCOPE = """
			WHERE e.workspace_id = :ws AND e.status = 'scored' AND e.evaluator <> 'human'
			  AND e.trace_timestamp >= :from AND e.trace_timestamp < :to
			  AND (CAST(:department AS text) IS NULL OR e.department_code = :department)
			  AND (CAST(:environment AS text) IS NULL OR e.environment = :environment)
			  AND (CAST(:version AS text) IS NULL OR e.agent_version = :version)
			  AND (CAST(:agent AS text) IS NULL OR e.agent_id = :agent)""";

	/** Criterion averages; the criterion's name comes from the rubric's current version. */
	private static final String BY_CRITERION = """
			WITH c AS (
			    SELECT e.rubric_id, c.key, avg(CAST(c.value AS text)::numeric) AS avg_score, count(*) AS n
			    FROM evaluations e
			             CROSS JOIN LATERAL jsonb_each(e.criteria_scores) c
			""" + EVALUATION_SCOPE + """

			      AND jsonb_typeof(c.value) = 'number'
			    GROUP BY e.rubric_id, c.key)
			SELECT c.rubric_id, r.name AS rubric_name, c.key, c.avg_score, c.n,
			       (SELECT x ->> 'name' FROM jsonb_array_elements(v.criteria) x WHERE x ->> 'key' = c.key LIMIT 1) AS name
			FROM c
			         JOIN rubrics r ON r.id = c.rubric_id AND r.workspace_id = :ws
			         LEFT JOIN rubric_versions v ON v.rubric_id = r.id AND v.version = r.current_version
			    AND v.workspace_id = :ws
			ORDER BY r.name, c.key""";

	/** Quality per agent from the quality rollup, cost and requests from the processing rollup. */
	private static final String VS_COST = """
			WITH q AS (
			    SELECT q.agent_id, max(q.department_code) AS department, sum(q.score_sum) AS total,
			           sum(q.score_count) AS n
			    FROM evaluation_rollups_hourly q
			""" + ROLLUP_SCOPE + """

			    GROUP BY q.agent_id HAVING sum(q.score_count) > 0),
			c AS (
			    SELECT h.agent_id, sum(h.trace_count) AS requests, sum(h.total_cost) AS cost
			    FROM traces_agent_hourly h
			    WHERE h.workspace_id = :ws AND h.hour >= date_trunc('hour', CAST(:from AS timestamptz)) AND h.hour < :to
			      AND h.agent_id IN (SELECT agent_id FROM q)
			      AND (CAST(:environment AS text) IS NULL OR h.environment = :environment)
			      AND (CAST(:version AS text) IS NULL OR h.version = :version)
			    GROUP BY h.agent_id)
			SELECT q.agent_id, q.department, q.total, q.n, COALESCE(c.requests, 0) AS requests,
			       COALESCE(c.cost, 0) AS cost
			FROM q LEFT JOIN c ON c.agent_id = q.agent_id
			ORDER BY q.agent_id
			LIMIT :limit""";

	private static final String BY_INTENT = """
			SELECT COALESCE(e.intent_category, '') AS intent, avg(e.score) AS avg_score,
			       100.0 * count(*) FILTER (WHERE e.passed) / count(*) AS pass_rate, count(*) AS n
			FROM evaluations e
			""" + EVALUATION_SCOPE + """

			GROUP BY 1
			HAVING count(*) >= :min_count
			ORDER BY avg(e.score), 1
			LIMIT :limit""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	QualityQueries(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	Overview overview(StandardFilters f) {
		Measures now = scoped(TOTALS, f).query(QualityQueries::measures).single();
		Measures before = scoped(TOTALS, f.previousPeriod()).query(QualityQueries::measures).single();
		long traces = scoped(TRACE_COUNT, f).query(Long.class).single();
		long[] reviews = this.jdbc.sql(REVIEW_COUNTS)
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()))
			.query((rs, i) -> new long[] { rs.getLong("backlog"), rs.getLong("reviewed") })
			.single();
		Double avg = now.avg();
		Double change = (avg != null && before.avg() != null) ? round(avg - before.avg()) : null;
		Double passRate = now.passRate();
		return new Overview(avg, change, passRate, (passRate != null) ? round(100 - passRate) : null, now.n(),
				now.errors(), traces, (traces > 0) ? round(Math.min(100, 100.0 * now.represented() / traces)) : null,
				reviews[0], reviews[1], now.bands());
	}

	List<TrendPoint> trend(StandardFilters f) {
		String unit = f.window().compareTo(Duration.ofHours(48)) <= 0 ? "hour" : "day";
		return scoped(TREND, f).param("unit", unit).query((rs, i) -> {
			Measures m = measures(rs, i);
			return new TrendPoint(rs.getTimestamp("bucket").toInstant(), m.avg(), m.passRate(), m.n());
		}).list();
	}

	List<GroupScore> byAgent(StandardFilters f, int limit) {
		return scoped(BY_AGENT, f).param("limit", limit).query(QualityQueries::group).list();
	}

	List<GroupScore> byDepartment(StandardFilters f) {
		return scoped(BY_DEPARTMENT, f).query(QualityQueries::group).list();
	}

	List<GroupScore> byVersion(StandardFilters f) {
		return scoped(BY_VERSION, f).query(QualityQueries::group).list();
	}

	List<LowScore> lowScores(StandardFilters f, Double maxScore, int limit) {
		return scoped(LOW_SCORES, f).param("max_score", maxScore).param("limit", limit).query((rs, i) -> new LowScore(
				rs.getString("trace_id"), rs.getTimestamp("trace_timestamp").toInstant(), rs.getString("agent_id"),
				rs.getString("department_code"), rs.getString("agent_version"), rs.getString("intent_category"),
				rs.getString("rubric_id"), rs.getString("rubric_name"), rs.getInt("rubric_version"),
				rs.getString("evaluator"), rs.getDouble("score"), rs.getString("reasoning")))
			.list();
	}

	List<EvaluatorAgreement> agreement(StandardFilters f) {
		return scoped(AGREEMENT, f).query((rs, i) -> {
			long pp = rs.getLong("pp");
			long pf = rs.getLong("pf");
			long fp = rs.getLong("fp");
			long ff = rs.getLong("ff");
			long n = rs.getLong("n");
			Double kappa = Agreement.kappa(new long[][] { { pp, pf }, { fp, ff } });
			Double pearson = Agreement.pearson(new Agreement.Sums(n, rs.getDouble("sx"), rs.getDouble("sy"),
					rs.getDouble("sxx"), rs.getDouble("syy"), rs.getDouble("sxy")));
			return new EvaluatorAgreement(rs.getString("rubric_id"), rs.getString("rubric_name"),
					rs.getString("evaluator"), n, (kappa != null) ? round3(kappa) : null,
					(pearson != null) ? round3(pearson) : null, (n > 0) ? round(100.0 * (pp + ff) / n) : null,
					(n > 0) ? round(rs.getDouble("mad")) : null, new Confusion(pp, pf, fp, ff));
		}).list();
	}

	List<CriterionScore> byCriterion(StandardFilters f) {
		return scoped(BY_CRITERION, f).query((rs, i) -> new CriterionScore(rs.getString("rubric_id"),
				rs.getString("rubric_name"), rs.getString("key"), rs.getString("name"),
				round(rs.getDouble("avg_score")), rs.getLong("n")))
			.list();
	}

	List<QualityCost> versusCost(StandardFilters f, int limit) {
		return scoped(VS_COST, f).param("limit", limit).query((rs, i) -> {
			long n = rs.getLong("n");
			long requests = rs.getLong("requests");
			double cost = rs.getDouble("cost");
			return new QualityCost(rs.getString("agent_id"), rs.getString("department"),
					(n > 0) ? round(rs.getDouble("total") / n) : null, n, requests, Math.round(cost * 1e4) / 1e4,
					(requests > 0) ? Math.round(1e6 * cost / requests) / 1e6 : null);
		}).list();
	}

	List<IntentScore> byIntent(StandardFilters f, int limit) {
		return scoped(BY_INTENT, f).param("limit", limit).param("min_count", 5).query((rs, i) -> new IntentScore(
				rs.getString("intent"), round(rs.getDouble("avg_score")), round(rs.getDouble("pass_rate")),
				rs.getLong("n")))
			.list();
	}

	Optional<TraceScores> traceScores(UUID ws, String traceId) {
		List<ScoreDetail> scores = this.jdbc.sql(TRACE_EVALUATIONS)
			.param("ws", ws)
			.param("trace", traceId)
			.query(this::detail)
			.list();
		return this.jdbc.sql(TRACE).param("ws", ws).param("trace", traceId).query((rs, i) -> {
			int latencyValue = rs.getInt("latency_ms");
			Integer latency = rs.wasNull() ? null : latencyValue;
			return new TraceScores(rs.getString("trace_id"), rs.getTimestamp("timestamp").toInstant(),
					rs.getString("agent_id"), rs.getString("department_code"), rs.getString("status"), latency,
					rs.getString("input"), rs.getString("output"), scores);
		}).optional();
	}

	private JdbcClient.StatementSpec scoped(String sql, StandardFilters f) {
		return this.jdbc.sql(sql)
			.param("ws", f.workspaceId())
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()))
			.param("department", f.department())
			.param("environment", f.environment())
			.param("version", f.version())
			.param("agent", f.agentId());
	}

	private ScoreDetail detail(ResultSet rs, int row) throws SQLException {
		double score = rs.getDouble("score");
		Double scoreValue = rs.wasNull() ? null : score;
		boolean passed = rs.getBoolean("passed");
		Boolean passedValue = rs.wasNull() ? null : passed;
		int tokens = rs.getInt("judge_tokens");
		Integer tokensValue = rs.wasNull() ? null : tokens;
		double cost = rs.getDouble("judge_cost_usd");
		Double costValue = rs.wasNull() ? null : cost;
		return new ScoreDetail(rs.getLong("id"), rs.getString("rubric_id"), rs.getString("rubric_name"),
				rs.getInt("rubric_version"), rs.getString("evaluator"), rs.getString("status"), scoreValue,
				passedValue, this.mapper.readValue(rs.getString("criteria_scores"), MAP), rs.getString("label"),
				rs.getString("reasoning"), rs.getString("error"), rs.getString("reviewer"), tokensValue, costValue,
				rs.getTimestamp("created_at").toInstant());
	}

	private record Measures(long n, Double total, long passed, long errors, Bands bands, long represented) {

		Double avg() {
			return (this.n > 0 && this.total != null) ? round(this.total / this.n) : null;
		}

		Double passRate() {
			return (this.n > 0) ? round(100.0 * this.passed / this.n) : null;
		}

	}

	private static Measures measures(ResultSet rs, int row) throws SQLException {
		double total = rs.getDouble("total");
		Double totalValue = rs.wasNull() ? null : total;
		return new Measures(rs.getLong("n"), totalValue, rs.getLong("passed"), rs.getLong("errors"),
				new Bands(rs.getLong("excellent"), rs.getLong("good"), rs.getLong("fair"), rs.getLong("poor")),
				rs.getLong("represented"));
	}

	private static GroupScore group(ResultSet rs, int row) throws SQLException {
		Measures m = measures(rs, row);
		return new GroupScore(rs.getString("key"), rs.getString("department"), m.avg(), m.passRate(), m.n(),
				m.bands());
	}

	static double round3(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
