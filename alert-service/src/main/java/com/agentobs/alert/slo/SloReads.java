package com.agentobs.alert.slo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;

/**
 * SLO evaluations, computed from the hourly rollups ({@code traces_agent_hourly}) of the SLO's
 * scope: per hour the requests, the bad events (non-success; or not under the latency threshold)
 * and the P90. Event-based SLOs: compliance = good ÷ total over the window, budget remaining =
 * 1 − bad ÷ (budget × total). Compliance views: compliance = share of hours with traffic that met
 * the target, budget remaining = 1 − missed hours ÷ (budget × hours). Answers are cached ({@link SloCache}).
 */
@Repository
public class SloReads {

	private static final String HOURS = """
			SELECT r.hour, sum(r.trace_count) AS n, sum(r.trace_count - r.success_count) AS bad,
			    sum((SELECT coalesce(sum(h.c), 0) FROM unnest(r.hist_buckets, r.hist_counts) AS h(b, c)
			         WHERE h.b < agentobs_latency_bucket(CAST(:slowMs AS double precision)))) AS fast
			FROM traces_agent_hourly r LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			WHERE r.workspace_id = :ws AND r.hour >= :from AND r.hour < :to
			  AND (CAST(:dept AS text) IS NULL OR d.department_code = :dept)
			  AND (CAST(:agent AS text) IS NULL OR r.agent_id = :agent)
			GROUP BY r.hour ORDER BY r.hour
			""";

	private static final String P90 = """
			SELECT hour, (agentobs_hist_percentiles(array_agg(b ORDER BY b), array_agg(c ORDER BY b)))[2] AS p90
			FROM (
			    SELECT r.hour, h.b, sum(h.c)::bigint AS c
			    FROM traces_agent_hourly r LEFT JOIN departments d ON d.id = r.department_id AND d.workspace_id = r.workspace_id
			        CROSS JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) AS h(b, c)
			    WHERE r.workspace_id = :ws AND r.hour >= :from AND r.hour < :to
			      AND (CAST(:dept AS text) IS NULL OR d.department_code = :dept)
			      AND (CAST(:agent AS text) IS NULL OR r.agent_id = :agent)
			    GROUP BY r.hour, h.b
			) cells
			GROUP BY hour
			""";

	private static final TypeReference<List<Map<String, Object>>> POINTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final SloCache cache;

	SloReads(JdbcClient jdbc, SloCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** One SLO hour: requests, bad events and whether the hour met a compliance view's target. */
	record Hour(Instant hour, long total, long bad, Boolean met) {
	}

	List<Hour> hours(UUID ws, Slo slo, Instant from, Instant to) {
		Map<String, Object> p = new HashMap<>();
		p.put("ws", ws);
		p.put("from", Timestamp.from(from));
		p.put("to", Timestamp.from(to));
		p.put("dept", slo.department());
		p.put("agent", slo.agentId());
		double threshold = (slo.threshold() != null) ? slo.threshold().doubleValue() : 5000;
		p.put("slowMs", "latency".equals(slo.sli()) ? threshold : 5000);
		Map<Instant, Double> p90 = new HashMap<>();
		if ("latency_p90".equals(slo.sli())) {
			this.jdbc.sql(P90).params(p).query((rs) -> {
				double v = rs.getDouble("p90");
				if (!rs.wasNull()) {
					p90.put(rs.getTimestamp("hour").toInstant(), v);
				}
			});
		}
		return this.jdbc.sql(HOURS).params(p).query((rs, n) -> {
			Instant hour = rs.getTimestamp("hour").toInstant();
			long total = rs.getLong("n");
			long bad = switch (slo.sli()) {
				case "latency" -> total - rs.getLong("fast");
				default -> rs.getLong("bad");
			};
			Boolean met = switch (slo.sli()) {
				case "latency_p90" -> p90.containsKey(hour) ? p90.get(hour) < threshold : null;
				case "error_rate" -> (total > 0) ? 100.0 * rs.getLong("bad") / total < threshold : null;
				case "quality" -> null;
				default -> (total > 0) ? (double) bad / total <= slo.budget() : null;
			};
			return new Hour(hour, total, bad, met);
		}).list();
	}

	/** The SLO over its window ending at {@code now}. */
	public SloStatus status(UUID ws, Slo slo, Instant now) {
		return this.cache.get(ws, slo, "status", now, Map.of(), new TypeReference<SloStatus>() {
		}, () -> computeStatus(ws, slo, now));
	}

	private SloStatus computeStatus(UUID ws, Slo slo, Instant now) {
		Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		List<Hour> hours = hours(ws, slo, to.minus(Duration.ofDays(slo.windowDays())), to);
		Totals t = Totals.of(slo, hours);
		return new SloStatus(slo.sloId(), slo.name(), slo.sli(), slo.objectivePct().doubleValue(),
				(slo.threshold() != null) ? slo.threshold().doubleValue() : null, slo.scopeType(), slo.scopeValue(),
				slo.windowDays(), slo.eventBased(), t.compliancePct(), t.budgetRemainingPct(slo),
				(t.compliancePct() != null) ? t.compliancePct() >= slo.objectivePct().doubleValue() : null,
				"quality".equals(slo.sli()) ? "Quality scores come from the evaluation service; none are recorded yet."
						: null);
	}

	/** Daily budget remaining over the SLO window (burn-down): cumulative from the window's start. */
	public List<Map<String, Object>> burnDown(UUID ws, Slo slo, Instant now) {
		return this.cache.get(ws, slo, "burn_down", now, Map.of(), POINTS, () -> computeBurnDown(ws, slo, now));
	}

	private List<Map<String, Object>> computeBurnDown(UUID ws, Slo slo, Instant now) {
		Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		List<Hour> hours = hours(ws, slo, to.minus(Duration.ofDays(slo.windowDays())), to);
		List<Map<String, Object>> out = new ArrayList<>();
		List<Hour> sofar = new ArrayList<>();
		Instant day = null;
		for (Hour h : hours) {
			Instant d = h.hour().truncatedTo(ChronoUnit.DAYS);
			if (day != null && !d.equals(day)) {
				out.add(point(slo, day, sofar));
			}
			day = d;
			sofar.add(h);
		}
		if (day != null) {
			out.add(point(slo, day, sofar));
		}
		return out;
	}

	private static Map<String, Object> point(Slo slo, Instant day, List<Hour> sofar) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("timestamp", day.toString());
		p.put("value", Totals.of(slo, sofar).budgetRemainingPct(slo));
		return p;
	}

	/** Per UTC day: hours with data, hours that missed (event SLOs: bad ratio above budget), compliance. */
	public List<Map<String, Object>> breachHistory(UUID ws, Slo slo, Instant from, Instant to) {
		return this.cache.get(ws, slo, "breaches", to, Map.of("from", from.truncatedTo(ChronoUnit.HOURS),
				"to", to.truncatedTo(ChronoUnit.HOURS)), POINTS, () -> computeBreachHistory(ws, slo, from, to));
	}

	private List<Map<String, Object>> computeBreachHistory(UUID ws, Slo slo, Instant from, Instant to) {
		Map<Instant, long[]> days = new LinkedHashMap<>();
		for (Hour h : hours(ws, slo, from.truncatedTo(ChronoUnit.HOURS), to)) {
			if (h.met() == null) {
				continue;
			}
			long[] c = days.computeIfAbsent(h.hour().truncatedTo(ChronoUnit.DAYS), (d) -> new long[2]);
			c[0]++;
			if (!h.met()) {
				c[1]++;
			}
		}
		List<Map<String, Object>> out = new ArrayList<>();
		days.forEach((day, c) -> {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("timestamp", day.toString());
			p.put("hours", c[0]);
			p.put("breached_hours", c[1]);
			p.put("compliance_pct", round(100.0 * (c[0] - c[1]) / c[0]));
			out.add(p);
		});
		return out;
	}

	static Double round(Double v) {
		return (v != null) ? Math.round(v * 100) / 100.0 : null;
	}

	private record Totals(long total, long bad, long hours, long missed) {

		static Totals of(Slo slo, List<Hour> list) {
			long total = 0;
			long bad = 0;
			long hours = 0;
			long missed = 0;
			for (Hour h : list) {
				total += h.total();
				bad += h.bad();
				if (h.met() != null) {
					hours++;
					if (!h.met()) {
						missed++;
					}
				}
			}
			return slo.eventBased() ? new Totals(total, bad, hours, missed) : new Totals(hours, missed, hours, missed);
		}

		Double compliancePct() {
			return (this.total > 0) ? round(100.0 * (this.total - this.bad) / this.total) : null;
		}

		Double budgetRemainingPct(Slo slo) {
			return (this.total > 0) ? round(100.0 * (1 - this.bad / (slo.budget() * this.total))) : null;
		}

	}

}
