package com.agentobs.evaluation.experiments;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The Experiments tab's reads: portfolio with KPIs, one experiment's results, rollout and winner history. */
@Component
class ExperimentReads {

	private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
	};

	private final ExperimentStore store;

	private final ExperimentResults results;

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	private final Clock clock;

	ExperimentReads(ExperimentStore store, ExperimentResults results, JdbcClient jdbc, ObjectMapper mapper,
			Clock clock) {
		this.store = store;
		this.results = results;
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.clock = clock;
	}

	Map<String, Object> portfolio(UUID ws) {
		List<Experiment> all = this.store.list(ws);
		List<Map<String, Object>> items = new ArrayList<>();
		int running = 0;
		int significant = 0;
		List<Double> winnerLifts = new ArrayList<>();
		Instant since = Instant.now(this.clock).minus(30, ChronoUnit.DAYS);
		for (Experiment e : all) {
			List<ExperimentResults.Row> latest = this.results.latest(ws, e.experimentId());
			Map<String, Object> item = summary(e);
			Optional<ExperimentResults.Row> best = primary(latest).stream()
				.filter((r) -> r.pValue() != null)
				.min(Comparator.comparingDouble(ExperimentResults.Row::pAdjusted));
			item.put("latest", best.map(ExperimentReads::row).orElse(null));
			item.put("srm_mismatch", srmMismatch(latest));
			item.put("sample_progress", progress(e, latest));
			items.add(item);
			running += Experiment.RUNNING.equals(e.status()) ? 1 : 0;
			if (best.isPresent() && best.get().significant() && best.get().computedAt().isAfter(since)) {
				significant++;
			}
			if ("winner".equals(e.decision())) {
				primary(latest).stream()
					.filter((r) -> r.variantId().equals(e.winnerVariantId()) && r.lift() != null)
					.findFirst()
					.ifPresent((r) -> winnerLifts.add(r.lift()));
			}
		}
		Map<String, Object> kpis = new LinkedHashMap<>();
		kpis.put("running", running);
		kpis.put("significant_this_period", significant);
		kpis.put("average_winner_lift",
				winnerLifts.isEmpty() ? null : winnerLifts.stream().mapToDouble(Double::doubleValue).average().orElse(0));
		kpis.put("active_canaries", this.jdbc
			.sql("SELECT count(*) FROM canaries WHERE workspace_id = :ws AND status IN ('running', 'paused')")
			.param("ws", ws)
			.query(Long.class)
			.single());
		kpis.put("projected_monthly_savings_usd", projectedSavings(ws, all));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("kpis", kpis);
		out.put("experiments", items);
		return out;
	}

	Map<String, Object> experiment(UUID ws, UUID id) {
		Experiment e = require(ws, id);
		Map<String, Object> out = summary(e);
		out.put("hypothesis", e.hypothesis());
		out.put("salt", e.salt());
		out.put("guardrail_metrics", e.guardrailMetrics());
		out.put("alpha", e.alpha());
		out.put("power", e.power());
		out.put("mde", e.mde());
		out.put("sequential", e.sequential());
		return out;
	}

	Map<String, Object> results(UUID ws, UUID id) {
		Experiment e = require(ws, id);
		List<ExperimentResults.Row> latest = this.results.latest(ws, id);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("experiment", summary(e));
		out.put("computed_at", latest.isEmpty() ? null : latest.get(0).computedAt());
		out.put("primary", primary(latest).stream().map((r) -> withVariant(e, r)).toList());
		out.put("guardrails",
				latest.stream().filter((r) -> "guardrail".equals(r.role())).map((r) -> withVariant(e, r)).toList());
		Map<String, Object> srm = new LinkedHashMap<>();
		Double srmP = latest.isEmpty() ? null : latest.get(0).srmPValue();
		srm.put("p_value", srmP);
		srm.put("mismatch", srmP != null && srmP < Stats.SRM_ALPHA);
		srm.put("threshold", Stats.SRM_ALPHA);
		out.put("srm", srm);
		out.put("sample_progress", progress(e, latest));
		out.put("cumulative", cumulative(ws, e));
		Map<String, Object> readiness = new LinkedHashMap<>();
		List<ExperimentResults.Row> primary = primary(latest);
		long smallest = primary.stream().mapToLong((r) -> Math.min(r.controlN(), r.treatmentN())).min().orElse(0);
		boolean sampleOk = !primary.isEmpty() && smallest >= e.minSampleSize();
		boolean srmOk = srmP == null || srmP >= Stats.SRM_ALPHA;
		boolean anySignificant = primary.stream().anyMatch(ExperimentResults.Row::significant);
		boolean guardrailsOk = latest.stream().noneMatch(ExperimentResults.Row::harm);
		readiness.put("min_sample_reached", sampleOk);
		readiness.put("srm_ok", srmOk);
		readiness.put("significant", anySignificant);
		readiness.put("guardrails_ok", guardrailsOk);
		readiness.put("can_declare", sampleOk && srmOk);
		out.put("readiness", readiness);
		return out;
	}

	Map<String, Object> rolloutHistory(UUID ws, String agentId) {
		List<Map<String, Object>> canaries = this.jdbc.sql("""
				SELECT id, agent_id, from_version, to_version, steps, step_index, status, failures, failure_limit,
				       interval_seconds, min_requests_per_arm, max_error_rate_diff, max_p90_ratio, started_at,
				       finished_at, abort_reason, pre_config_hash
				FROM canaries WHERE workspace_id = :ws AND (CAST(:agent AS text) IS NULL OR agent_id = :agent)
				ORDER BY started_at DESC LIMIT 50""")
			.param("ws", ws)
			.param("agent", agentId)
			.query((rs, i) -> canary(rs))
			.list();
		for (Map<String, Object> c : canaries) {
			c.put("runs", this.jdbc.sql("""
					SELECT step_index, weight, checked_at, verdict, control_n, canary_n, control_errors, canary_errors,
					       control_p90, canary_p90, checks::text AS checks, outcome, action_id
					FROM canary_analysis_runs WHERE workspace_id = :ws AND canary_id = :id ORDER BY checked_at, id""")
				.param("ws", ws)
				.param("id", UUID.fromString((String) c.get("canary_id")))
				.query((rs, i) -> run(rs))
				.list());
		}
		List<Map<String, Object>> winners = new ArrayList<>();
		for (Experiment e : this.store.list(ws)) {
			if (e.decision() == null || (agentId != null && !agentId.equals(e.agentId()))) {
				continue;
			}
			Map<String, Object> w = new LinkedHashMap<>();
			w.put("experiment_id", e.experimentId().toString());
			w.put("name", e.name());
			w.put("agent_id", e.agentId());
			w.put("decision", e.decision());
			w.put("primary_metric", e.primaryMetric());
			Experiment.Variant winner = (e.winnerVariantId() != null) ? e.variant(e.winnerVariantId()) : null;
			w.put("winner_key", (winner != null) ? winner.key() : null);
			w.put("winner_name", (winner != null) ? winner.name() : null);
			w.put("declared_at", e.winnerDeclaredAt());
			w.put("promoted_at", e.promotedAt());
			w.put("lift", primary(this.results.latest(ws, e.experimentId())).stream()
				.filter((r) -> r.variantId().equals(e.winnerVariantId()))
				.map(ExperimentResults.Row::lift)
				.findFirst()
				.orElse(null));
			winners.add(w);
		}
		winners.sort(Comparator.comparing((Map<String, Object> w) -> String.valueOf(w.get("declared_at"))).reversed());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("canaries", canaries);
		out.put("winners", winners);
		return out;
	}

	private Experiment require(UUID ws, UUID id) {
		return this.store.find(ws, id).orElseThrow(() -> ApiException.notFound("experiment", id.toString()));
	}

	/** Daily cumulative value of the primary metric per variant since the start (chart 9.4). */
	private List<Map<String, Object>> cumulative(UUID ws, Experiment e) {
		if (e.startedAt() == null) {
			return List.of();
		}
		String ids = "{" + String.join(",", e.variants().stream().map((v) -> v.variantId().toString()).toList()) + "}";
		Instant to = (e.stoppedAt() != null) ? e.stoppedAt() : Instant.now(this.clock);
		Map<Instant, Map<UUID, double[]>> days = new java.util.TreeMap<>();
		boolean quality = "quality_score".equals(e.primaryMetric());
		String sql = quality ? """
				SELECT date_trunc('day', t.timestamp) AS day, t.experiment_variant_id AS v, count(e.score) AS n,
				       0 AS ok, sum(e.score) AS s
				FROM traces t JOIN evaluations e ON e.workspace_id = t.workspace_id AND e.trace_id = t.trace_id
				                                 AND e.status = 'scored'
				WHERE t.workspace_id = :ws AND t.experiment_variant_id = ANY(CAST(:ids AS uuid[]))
				  AND t.timestamp >= :from AND t.timestamp < :to
				GROUP BY 1, 2""" : """
				SELECT date_trunc('day', timestamp) AS day, experiment_variant_id AS v, count(*) AS n,
				       count(*) FILTER (WHERE status = 'success') AS ok,
				       CASE WHEN :metric = 'cost_usd' THEN sum(cost_usd) ELSE sum(latency_ms) END AS s
				FROM traces
				WHERE workspace_id = :ws AND experiment_variant_id = ANY(CAST(:ids AS uuid[]))
				  AND timestamp >= :from AND timestamp < :to
				GROUP BY 1, 2""";
		var spec = this.jdbc.sql(sql)
			.param("ws", ws)
			.param("ids", ids)
			.param("from", Timestamp.from(e.startedAt()))
			.param("to", Timestamp.from(to));
		if (!quality) {
			spec = spec.param("metric", e.primaryMetric());
		}
		spec.query((ResultSet rs) -> {
			days.computeIfAbsent(rs.getTimestamp("day").toInstant(), (k) -> new LinkedHashMap<>())
				.put(rs.getObject("v", UUID.class),
						new double[] { rs.getLong("n"), rs.getLong("ok"), rs.getDouble("s") });
		});
		Map<UUID, double[]> running = new LinkedHashMap<>();
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map.Entry<Instant, Map<UUID, double[]>> day : days.entrySet()) {
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("day", day.getKey());
			for (Experiment.Variant v : e.variants()) {
				double[] acc = running.computeIfAbsent(v.variantId(), (k) -> new double[3]);
				double[] add = day.getValue().get(v.variantId());
				if (add != null) {
					acc[0] += add[0];
					acc[1] += add[1];
					acc[2] += add[2];
				}
				point.put(v.key(), (acc[0] == 0) ? null : value(e.primaryMetric(), acc));
				point.put(v.key() + "_n", (long) acc[0]);
			}
			out.add(point);
		}
		return out;
	}

	private static double value(String metric, double[] acc) {
		return switch (metric) {
			case "success_rate" -> acc[1] / acc[0];
			case "error_rate" -> 1 - acc[1] / acc[0];
			default -> acc[2] / acc[0];
		};
	}

	private Double projectedSavings(UUID ws, List<Experiment> all) {
		double total = 0;
		boolean any = false;
		for (Experiment e : all) {
			if (!"winner".equals(e.decision())) {
				continue;
			}
			for (ExperimentResults.Row r : this.results.latest(ws, e.experimentId())) {
				if ("cost_usd".equals(r.metric()) && r.variantId().equals(e.winnerVariantId())
						&& r.controlValue() != null && r.treatmentValue() != null) {
					Long monthly = this.jdbc.sql("""
							SELECT count(*) * 30 / 7 FROM traces WHERE workspace_id = :ws AND agent_id = :agent
							  AND timestamp >= :since""")
						.param("ws", ws)
						.param("agent", e.agentId())
						.param("since", Timestamp.from(Instant.now(this.clock).minus(7, ChronoUnit.DAYS)))
						.query(Long.class)
						.single();
					total += (r.controlValue() - r.treatmentValue()) * monthly;
					any = true;
				}
			}
		}
		return any ? Math.round(total * 100) / 100.0 : null;
	}

	static Map<String, Object> summary(Experiment e) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("experiment_id", e.experimentId().toString());
		out.put("name", e.name());
		out.put("agent_id", e.agentId());
		out.put("status", e.status());
		out.put("primary_metric", e.primaryMetric());
		out.put("min_sample_size", e.minSampleSize());
		out.put("decision", e.decision());
		out.put("winner_variant_id", (e.winnerVariantId() != null) ? e.winnerVariantId().toString() : null);
		out.put("created_at", e.createdAt());
		out.put("started_at", e.startedAt());
		out.put("stopped_at", e.stoppedAt());
		out.put("winner_declared_at", e.winnerDeclaredAt());
		out.put("promoted_at", e.promotedAt());
		List<Map<String, Object>> variants = new ArrayList<>();
		for (Experiment.Variant v : e.variants()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("variant_id", v.variantId().toString());
			m.put("key", v.key());
			m.put("name", v.name());
			m.put("is_control", v.control());
			m.put("traffic_pct", v.trafficPct());
			m.put("overrides", v.overrides());
			variants.add(m);
		}
		out.put("variants", variants);
		return out;
	}

	private static List<ExperimentResults.Row> primary(List<ExperimentResults.Row> rows) {
		return rows.stream().filter((r) -> "primary".equals(r.role())).toList();
	}

	private static boolean srmMismatch(List<ExperimentResults.Row> rows) {
		return !rows.isEmpty() && rows.get(0).srmPValue() != null && rows.get(0).srmPValue() < Stats.SRM_ALPHA;
	}

	/** n per arm against the minimum sample (chart 9.5). */
	private static List<Map<String, Object>> progress(Experiment e, List<ExperimentResults.Row> latest) {
		List<ExperimentResults.Row> primary = primary(latest);
		List<Map<String, Object>> out = new ArrayList<>();
		for (Experiment.Variant v : e.variants()) {
			long n = v.control() ? primary.stream().mapToLong(ExperimentResults.Row::controlN).max().orElse(0)
					: primary.stream()
						.filter((r) -> r.variantId().equals(v.variantId()))
						.mapToLong(ExperimentResults.Row::treatmentN)
						.findFirst()
						.orElse(0);
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("variant_key", v.key());
			m.put("n", n);
			m.put("target", e.minSampleSize());
			m.put("pct", Math.min(100.0, Math.round(1000.0 * n / e.minSampleSize()) / 10.0));
			out.add(m);
		}
		return out;
	}

	private static Map<String, Object> withVariant(Experiment e, ExperimentResults.Row r) {
		Map<String, Object> m = row(r);
		Experiment.Variant v = e.variant(r.variantId());
		m.put("variant_key", (v != null) ? v.key() : null);
		m.put("variant_name", (v != null) ? v.name() : null);
		m.put("control_key", e.control().key());
		return m;
	}

	/** JSON has no NaN or infinity: a value that is not finite is absent (null). */
	private static Double finite(Double v) {
		return (v == null || !Double.isFinite(v)) ? null : v;
	}

	static Map<String, Object> row(ExperimentResults.Row r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("variant_id", r.variantId().toString());
		m.put("metric", r.metric());
		m.put("role", r.role());
		m.put("computed_at", r.computedAt());
		m.put("control_n", r.controlN());
		m.put("treatment_n", r.treatmentN());
		m.put("control_value", finite(r.controlValue()));
		m.put("treatment_value", finite(r.treatmentValue()));
		m.put("statistic", finite(r.statistic()));
		m.put("p_value", finite(r.pValue()));
		m.put("p_adjusted", finite(r.pAdjusted()));
		m.put("ci_low", finite(r.ciLow()));
		m.put("ci_high", finite(r.ciHigh()));
		m.put("lift", finite(r.lift()));
		m.put("significant", r.significant());
		m.put("harm", r.harm());
		m.put("srm_p_value", finite(r.srmPValue()));
		m.put("sequential", r.sequential());
		return m;
	}

	private Map<String, Object> canary(ResultSet rs) throws java.sql.SQLException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("canary_id", rs.getObject("id", UUID.class).toString());
		m.put("agent_id", rs.getString("agent_id"));
		m.put("from_version", rs.getString("from_version"));
		m.put("to_version", rs.getString("to_version"));
		Integer[] steps = (Integer[]) rs.getArray("steps").getArray();
		m.put("steps", List.of(steps));
		int index = rs.getInt("step_index");
		m.put("step_index", index);
		String status = rs.getString("status");
		m.put("current_weight", "aborted".equals(status) ? 0 : steps[Math.min(index, steps.length - 1)]);
		m.put("status", status);
		m.put("failures", rs.getInt("failures"));
		m.put("failure_limit", rs.getInt("failure_limit"));
		m.put("interval_seconds", rs.getInt("interval_seconds"));
		m.put("min_requests_per_arm", rs.getInt("min_requests_per_arm"));
		m.put("max_error_rate_diff", rs.getDouble("max_error_rate_diff"));
		m.put("max_p90_ratio", rs.getDouble("max_p90_ratio"));
		m.put("started_at", ExperimentStore.instant(rs, "started_at"));
		m.put("finished_at", ExperimentStore.instant(rs, "finished_at"));
		m.put("abort_reason", rs.getString("abort_reason"));
		m.put("pre_config_hash", rs.getString("pre_config_hash"));
		return m;
	}

	private Map<String, Object> run(ResultSet rs) throws java.sql.SQLException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("step_index", rs.getInt("step_index"));
		m.put("weight", rs.getInt("weight"));
		m.put("checked_at", ExperimentStore.instant(rs, "checked_at"));
		m.put("verdict", rs.getString("verdict"));
		m.put("control_n", rs.getLong("control_n"));
		m.put("canary_n", rs.getLong("canary_n"));
		m.put("control_errors", rs.getLong("control_errors"));
		m.put("canary_errors", rs.getLong("canary_errors"));
		m.put("control_p90", ExperimentResults.dbl(rs, "control_p90"));
		m.put("canary_p90", ExperimentResults.dbl(rs, "canary_p90"));
		m.put("checks", this.mapper.readValue(rs.getString("checks"), LIST));
		m.put("outcome", rs.getString("outcome"));
		UUID action = rs.getObject("action_id", UUID.class);
		m.put("action_id", (action != null) ? action.toString() : null);
		return m;
	}

}
