package com.agentobs.evaluation.experiments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Computes an experiment's results from the traces its agents stamped with
 * {@code experiment_variant_id} since it started, and stores one row per treatment arm and metric
 * with the inputs it came from. Primary metric: two-sided test (z for rates, Welch for means), Holm
 * across treatment arms; sequential experiments report the running minimum of the always-valid
 * mSPRT p. Guardrails: one-sided harm tests. Every row carries the SRM p of the whole split.
 */
@Component
class ExperimentResults {

	/** One arm's raw sums over the window. */
	record ArmSums(UUID variantId, long n, long ok, Double latencyMean, Double latencySd, Double costMean,
			Double costSd, long qualityN, Double qualityMean, Double qualitySd, long aboveControlP90) {
	}

	/** A stored result row, as read back. */
	record Row(UUID variantId, String metric, String role, Instant computedAt, long controlN, long treatmentN,
			Double controlValue, Double treatmentValue, Double statistic, Double pValue, Double pAdjusted,
			Double ciLow, Double ciHigh, Double lift, boolean significant, boolean harm, Double srmPValue,
			boolean sequential, Map<String, Object> inputs) {
	}

	private static final String SUMS = """
			WITH arm AS (
			    SELECT t.experiment_variant_id AS v, t.latency_ms, t.cost_usd, t.status
			    FROM traces t
			    WHERE t.workspace_id = :ws AND t.experiment_variant_id = ANY(CAST(:ids AS uuid[]))
			      AND t.timestamp >= :from AND t.timestamp < :to),
			     p90 AS (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY latency_ms) AS p FROM arm
			             WHERE v = :control AND latency_ms IS NOT NULL)
			SELECT v, count(*) AS n, count(*) FILTER (WHERE status = 'success') AS ok,
			       avg(latency_ms) AS lat_mean, stddev_samp(latency_ms) AS lat_sd,
			       avg(cost_usd) AS cost_mean, stddev_samp(cost_usd) AS cost_sd,
			       count(*) FILTER (WHERE latency_ms > (SELECT p FROM p90)) AS above_p90
			FROM arm GROUP BY v""";

	private static final String QUALITY = """
			SELECT t.experiment_variant_id AS v, count(e.score) AS n, avg(e.score) AS mean, stddev_samp(e.score) AS sd
			FROM traces t
			         JOIN evaluations e ON e.workspace_id = t.workspace_id AND e.trace_id = t.trace_id AND e.status = 'scored'
			WHERE t.workspace_id = :ws AND t.experiment_variant_id = ANY(CAST(:ids AS uuid[]))
			  AND t.timestamp >= :from AND t.timestamp < :to
			GROUP BY t.experiment_variant_id""";

	private static final String INSERT = """
			INSERT INTO experiment_results (workspace_id, experiment_id, variant_id, metric, role, computed_at, control_n,
			                                treatment_n, control_value, treatment_value, statistic, p_value, p_adjusted,
			                                ci_low, ci_high, lift, significant, harm, srm_p_value, sequential, inputs)
			VALUES (:ws, :experiment, :variant, :metric, :role, :at, :cn, :tn, :cv, :tv, :stat, :p, :padj, :lo, :hi, :lift,
			        :sig, :harm, :srm, :seq, CAST(:inputs AS jsonb))""";

	private static final String LATEST = """
			SELECT variant_id, metric, role, computed_at, control_n, treatment_n, control_value, treatment_value, statistic,
			       p_value, p_adjusted, ci_low, ci_high, lift, significant, harm, srm_p_value, sequential, inputs::text AS inputs
			FROM experiment_results
			WHERE workspace_id = :ws AND experiment_id = :experiment
			  AND computed_at = (SELECT max(computed_at) FROM experiment_results
			                     WHERE workspace_id = :ws AND experiment_id = :experiment)
			ORDER BY role DESC, metric, variant_id""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ExperimentResults(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Computes and stores the results at {@code now}; returns the rows written. */
	List<Row> compute(UUID ws, Experiment e, Instant now) {
		Instant from = (e.startedAt() != null) ? e.startedAt() : e.createdAt();
		Instant to = (e.stoppedAt() != null && e.stoppedAt().isBefore(now)) ? e.stoppedAt() : now;
		Map<UUID, ArmSums> sums = sums(ws, e, from, to);
		Experiment.Variant control = e.control();
		ArmSums c = sums.get(control.variantId());
		long[] observed = e.variants().stream().mapToLong((v) -> sums.get(v.variantId()).n()).toArray();
		double[] weights = e.variants().stream().mapToDouble(Experiment.Variant::trafficPct).toArray();
		Stats.Srm srm = Stats.srm(observed, weights);
		Map<String, Double> previousMin = previousSequentialMin(ws, e.experimentId());

		List<Row> rows = new ArrayList<>();
		List<Experiment.Variant> treatments = e.variants().stream().filter((v) -> !v.control()).toList();
		for (Experiment.Variant v : treatments) {
			ArmSums t = sums.get(v.variantId());
			Stats.Comparison primary = compare(e.primaryMetric(), c, t, e.alpha());
			Map<String, Object> inputs = inputs(c, t, from, to);
			Double p = null;
			if (primary != null) {
				p = primary.pValue();
				inputs.put("fixed_p_value", primary.pValue());
				if (e.sequential()) {
					double tau = tau(e, primary);
					double always = Stats.msprtPValue(primary.diff(), primary.standardError(), tau);
					Double before = previousMin.get(v.variantId().toString());
					p = (before != null) ? Math.min(before, always) : always;
					inputs.put("tau", tau);
				}
			}
			rows.add(row(v.variantId(), e.primaryMetric(), "primary", now, c, t, primary, p, false, srm, e.sequential(),
					inputs));
			for (String g : e.guardrailMetrics()) {
				Stats.Comparison guard = compare(g, c, t, e.alpha());
				Double harmP = (guard != null) ? Stats.harmPValue(guard) : null;
				rows.add(row(v.variantId(), g, "guardrail", now, c, t, guard, harmP,
						harmP != null && harmP < e.alpha(), srm, false, inputs(c, t, from, to)));
			}
		}
		// Holm across the treatment arms' primary comparisons
		List<Integer> primaryIdx = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if ("primary".equals(rows.get(i).role()) && rows.get(i).pValue() != null) {
				primaryIdx.add(i);
			}
		}
		double[] adjusted = Stats.holm(primaryIdx.stream().mapToDouble((i) -> rows.get(i).pValue()).toArray());
		for (int k = 0; k < primaryIdx.size(); k++) {
			Row r = rows.get(primaryIdx.get(k));
			rows.set(primaryIdx.get(k), new Row(r.variantId(), r.metric(), r.role(), r.computedAt(), r.controlN(),
					r.treatmentN(), r.controlValue(), r.treatmentValue(), r.statistic(), r.pValue(), adjusted[k],
					r.ciLow(), r.ciHigh(), r.lift(), adjusted[k] < e.alpha(), false, r.srmPValue(), r.sequential(),
					r.inputs()));
		}
		rows.forEach((r) -> insert(ws, e.experimentId(), r));
		return rows;
	}

	List<Row> latest(UUID ws, UUID experimentId) {
		return this.jdbc.sql(LATEST).param("ws", ws).param("experiment", experimentId).query((rs, i) -> {
			return new Row(rs.getObject("variant_id", UUID.class), rs.getString("metric"), rs.getString("role"),
					ExperimentStore.instant(rs, "computed_at"), rs.getLong("control_n"), rs.getLong("treatment_n"),
					dbl(rs, "control_value"), dbl(rs, "treatment_value"), dbl(rs, "statistic"), dbl(rs, "p_value"),
					dbl(rs, "p_adjusted"), dbl(rs, "ci_low"), dbl(rs, "ci_high"), dbl(rs, "lift"),
					rs.getBoolean("significant"), rs.getBoolean("harm"), dbl(rs, "srm_p_value"),
					rs.getBoolean("sequential"), this.mapper.readValue(rs.getString("inputs"), MAP));
		}).list();
	}

	Map<UUID, ArmSums> sums(UUID ws, Experiment e, Instant from, Instant to) {
		String ids = "{" + String.join(",", e.variants().stream().map((v) -> v.variantId().toString()).toList()) + "}";
		Map<UUID, ArmSums> raw = new HashMap<>();
		this.jdbc.sql(SUMS)
			.param("ws", ws)
			.param("ids", ids)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("control", e.control().variantId())
			.query((java.sql.ResultSet rs) -> {
				UUID v = rs.getObject("v", UUID.class);
				raw.put(v, new ArmSums(v, rs.getLong("n"), rs.getLong("ok"), dbl(rs, "lat_mean"), dbl(rs, "lat_sd"),
						dbl(rs, "cost_mean"), dbl(rs, "cost_sd"), 0, null, null, rs.getLong("above_p90")));
			});
		Map<UUID, double[]> quality = new HashMap<>();
		this.jdbc.sql(QUALITY)
			.param("ws", ws)
			.param("ids", ids)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((java.sql.ResultSet rs) -> {
				Double sd = dbl(rs, "sd");
				quality.put(rs.getObject("v", UUID.class), new double[] { rs.getLong("n"), rs.getDouble("mean"),
						(sd != null) ? sd : Double.NaN });
			});
		Map<UUID, ArmSums> out = new LinkedHashMap<>();
		for (Experiment.Variant v : e.variants()) {
			ArmSums a = raw.getOrDefault(v.variantId(),
					new ArmSums(v.variantId(), 0, 0, null, null, null, null, 0, null, null, 0));
			double[] q = quality.get(v.variantId());
			out.put(v.variantId(), (q == null) ? a
					: new ArmSums(a.variantId(), a.n(), a.ok(), a.latencyMean(), a.latencySd(), a.costMean(), a.costSd(),
							(long) q[0], q[1], Double.isNaN(q[2]) ? null : q[2], a.aboveControlP90()));
		}
		return out;
	}

	/** The comparison of one metric, or null when an arm has too little data for it. */
	static Stats.Comparison compare(String metric, ArmSums c, ArmSums t, double alpha) {
		return switch (metric) {
			case "success_rate" -> (c.n() > 0 && t.n() > 0) ? Stats.proportions(c.ok(), c.n(), t.ok(), t.n(), alpha)
					: null;
			case "error_rate" -> (c.n() > 0 && t.n() > 0)
					? Stats.proportions(c.n() - c.ok(), c.n(), t.n() - t.ok(), t.n(), alpha) : null;
			// share of requests slower than the control's P90 (10 % in the control by construction)
			case "latency_p90" -> (c.n() > 0 && t.n() > 0)
					? Stats.proportions(c.aboveControlP90(), c.n(), t.aboveControlP90(), t.n(), alpha) : null;
			case "latency_ms" -> means(c.latencyMean(), c.latencySd(), c.n(), t.latencyMean(), t.latencySd(), t.n(),
					alpha);
			case "cost_usd" -> means(c.costMean(), c.costSd(), c.n(), t.costMean(), t.costSd(), t.n(), alpha);
			case "quality_score" -> means(c.qualityMean(), c.qualitySd(), c.qualityN(), t.qualityMean(),
					t.qualitySd(), t.qualityN(), alpha);
			default -> null;
		};
	}

	private static Stats.Comparison means(Double cm, Double csd, long cn, Double tm, Double tsd, long tn,
			double alpha) {
		if (cm == null || tm == null || csd == null || tsd == null || cn < 2 || tn < 2) {
			return null;
		}
		return Stats.means(cm, csd, cn, tm, tsd, tn, alpha);
	}

	/** The mixture's scale: the experiment's MDE, else 10 % of the control's value. */
	private static double tau(Experiment e, Stats.Comparison c) {
		if (e.mde() != null && e.mde() != 0) {
			return Math.abs(e.mde());
		}
		return Math.max(Math.abs(c.controlValue()) * 0.1, 1e-9);
	}

	private Map<String, Double> previousSequentialMin(UUID ws, UUID experimentId) {
		Map<String, Double> out = new HashMap<>();
		for (Row r : latest(ws, experimentId)) {
			if ("primary".equals(r.role()) && r.sequential() && r.pValue() != null) {
				out.put(r.variantId().toString(), r.pValue());
			}
		}
		return out;
	}

	private static Row row(UUID variant, String metric, String role, Instant now, ArmSums c, ArmSums t,
			Stats.Comparison comparison, Double p, boolean harm, Stats.Srm srm, boolean sequential,
			Map<String, Object> inputs) {
		long cn = "quality_score".equals(metric) ? c.qualityN() : c.n();
		long tn = "quality_score".equals(metric) ? t.qualityN() : t.n();
		if (comparison == null) {
			return new Row(variant, metric, role, now, cn, tn, null, null, null, null, null, null, null, null, false,
					false, srm.pValue(), sequential, inputs);
		}
		return new Row(variant, metric, role, now, cn, tn, comparison.controlValue(), comparison.treatmentValue(),
				comparison.statistic(), p, p, comparison.ciLow(), comparison.ciHigh(), comparison.lift(), false, harm,
				srm.pValue(), sequential, inputs);
	}

	private static Map<String, Object> inputs(ArmSums c, ArmSums t, Instant from, Instant to) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("window_from", from.toString());
		inputs.put("window_to", to.toString());
		inputs.put("control", c);
		inputs.put("treatment", t);
		return inputs;
	}

	private void insert(UUID ws, UUID experimentId, Row r) {
		this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("experiment", experimentId)
			.param("variant", r.variantId())
			.param("metric", r.metric())
			.param("role", r.role())
			.param("at", Timestamp.from(r.computedAt()))
			.param("cn", r.controlN())
			.param("tn", r.treatmentN())
			.param("cv", r.controlValue())
			.param("tv", r.treatmentValue())
			.param("stat", r.statistic())
			.param("p", r.pValue())
			.param("padj", r.pAdjusted())
			.param("lo", r.ciLow())
			.param("hi", r.ciHigh())
			.param("lift", r.lift())
			.param("sig", r.significant())
			.param("harm", r.harm())
			.param("srm", r.srmPValue())
			.param("seq", r.sequential())
			.param("inputs", this.mapper.writeValueAsString(r.inputs()))
			.update();
	}

	static Double dbl(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

}
