package com.agentobs.alert.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.agentobs.alert.rules.AlertRule;
import com.agentobs.alert.slo.Slo;

import org.springframework.stereotype.Component;

/**
 * Turns a rule and the rollups at an instant into observations per group. The three kinds:
 * <ul>
 * <li>threshold: the measure over {@code window_minutes} compared with {@code threshold}; the
 * resolve condition uses {@code resolve_threshold} (hysteresis);</li>
 * <li>burn_rate: for each pair, the error ratio over the long AND the short window at least
 * factor × budget; pairs are ORed, the most severe firing pair sets the severity;</li>
 * <li>anomaly: the window's value against the same hour-of-week (±1 h) of the previous four weeks,
 * robust z = (x − median) ÷ (1.4826 · MAD), with a minimum volume; weekly seasonality is in the
 * baseline, so a weekend or night dip is compared with other weekends and nights. An error-rate rise
 * must also be as significant on the counts ({@link CountSignificance}): a rate over a handful of
 * requests is noise, however far it is from the median.</li>
 * </ul>
 */
@Component
class RuleEvaluator {

	private static final int BASELINE_WEEKS = 4;

	/** Failure counts whose common divisor alone is taken as an agent's sample rate (see storedCounts). */
	private static final int RATE_SAMPLES = 3;

	private final WindowReader reader;

	RuleEvaluator(WindowReader reader) {
		this.reader = reader;
	}

	List<Observation> observe(UUID ws, AlertRule rule, Slo slo, Instant now) {
		return switch (rule.kind()) {
			case "threshold" -> threshold(ws, rule, now);
			case "burn_rate" -> (slo != null) ? burnRate(ws, rule, slo, now) : List.of();
			case "anomaly" -> anomaly(ws, rule, now);
			default -> List.of();
		};
	}

	private List<Observation> threshold(UUID ws, AlertRule rule, Instant now) {
		Map<Scope, WindowCounts> groups = this.reader.read(ws, rule.groupBy(), rule.filters(), now,
				Duration.ofMinutes(rule.windowMinutes()), 5000, rule.measure());
		double threshold = rule.threshold().doubleValue();
		double resolve = (rule.resolveThreshold() != null) ? rule.resolveThreshold().doubleValue() : threshold;
		List<Observation> out = new ArrayList<>();
		groups.forEach((scope, counts) -> {
			Double value = counts.measure(rule.measure());
			if (value == null) {
				out.add(Observation.clear(scope, null, threshold, rule.severity()));
				return;
			}
			boolean breached = compare(value, rule.comparator(), threshold);
			boolean cleared = !compare(value, rule.comparator(), resolve);
			out.add(new Observation(scope, value, threshold, rule.severity(), breached, cleared,
					"%s %s %s over %d min (now %s)".formatted(rule.measure(), rule.comparator(), fmt(threshold),
							rule.windowMinutes(), fmt(value))));
		});
		return out;
	}

	static boolean compare(double value, String comparator, double threshold) {
		return switch (comparator) {
			case ">" -> value > threshold;
			case ">=" -> value >= threshold;
			case "<" -> value < threshold;
			case "<=" -> value <= threshold;
			default -> false;
		};
	}

	private List<Observation> burnRate(UUID ws, AlertRule rule, Slo slo, Instant now) {
		Map<String, String> filters = new HashMap<>(rule.filters());
		if (slo.department() != null) {
			filters.put("department", slo.department());
		}
		if (slo.agentId() != null) {
			filters.put("agent_id", slo.agentId());
		}
		int slowMs = (slo.threshold() != null) ? slo.threshold().intValue() : 5000;
		TreeSet<Integer> minutes = new TreeSet<>();
		rule.burnWindows().forEach((p) -> {
			minutes.add(p.longMinutes());
			minutes.add(p.shortMinutes());
		});
		Map<Integer, Map<Scope, WindowCounts>> windows = new HashMap<>();
		for (int m : minutes) {
			windows.put(m, this.reader.read(ws, rule.groupBy(), filters, now, Duration.ofMinutes(m), slowMs, null));
		}
		Map<Scope, Boolean> scopes = new LinkedHashMap<>();
		windows.values().forEach((g) -> g.keySet().forEach((s) -> scopes.put(s, true)));
		double budget = slo.budget();
		List<Observation> out = new ArrayList<>();
		for (Scope scope : scopes.keySet()) {
			String severity = null;
			double worstBurn = 0;
			double worstFactor = rule.burnWindows().get(0).factor();
			String summary = null;
			for (AlertRule.BurnWindow pair : rule.burnWindows()) {
				double longBurn = ratio(windows.get(pair.longMinutes()).get(scope), slo) / budget;
				double shortBurn = ratio(windows.get(pair.shortMinutes()).get(scope), slo) / budget;
				if (longBurn >= pair.factor() && shortBurn >= pair.factor()) {
					if (severity == null || pair.severity().compareTo(severity) < 0) {
						severity = pair.severity();
						worstFactor = pair.factor();
						worstBurn = longBurn;
						summary = "%s burning its error budget at %s× over %s and %s× over %s (threshold %s×)".formatted(
								slo.name(), fmt(longBurn), span(pair.longMinutes()), fmt(shortBurn),
								span(pair.shortMinutes()), fmt(pair.factor()));
					}
				}
			}
			if (severity != null) {
				out.add(new Observation(scope, worstBurn, worstFactor, severity, true, false, summary));
			}
			else {
				AlertRule.BurnWindow first = rule.burnWindows().get(0);
				double burn = ratio(windows.get(first.longMinutes()).get(scope), slo) / budget;
				out.add(Observation.clear(scope, burn, first.factor(), rule.severity()));
			}
		}
		return out;
	}

	/** The share of bad events: non-success requests (availability) or requests not under the threshold (latency). */
	private static double ratio(WindowCounts counts, Slo slo) {
		if (counts == null || counts.total() == 0) {
			return 0;
		}
		long bad = "latency".equals(slo.sli()) ? counts.total() - counts.fast() : counts.bad();
		return (double) bad / counts.total();
	}

	private List<Observation> anomaly(UUID ws, AlertRule rule, Instant now) {
		Duration window = Duration.ofMinutes(rule.windowMinutes());
		boolean countTested = "error_rate".equals(rule.measure());
		List<WindowReader.Row> rows = countTested ? this.reader.rows(ws, rule.filters(), now, window) : List.of();
		Map<Scope, WindowCounts> current;
		if (countTested) {
			current = new HashMap<>();
			for (WindowReader.Row row : rows) {
				current.merge(Scope.of(rule.groupBy(), row.agentId(), row.department(), row.environment()), row.counts(),
						WindowCounts::plus);
			}
		}
		else {
			current = this.reader.read(ws, rule.groupBy(), rule.filters(), now, window, 5000, rule.measure());
		}
		Instant anchor = now.minus(window).truncatedTo(ChronoUnit.HOURS);
		List<Instant> hours = new ArrayList<>();
		for (int week = 1; week <= BASELINE_WEEKS; week++) {
			for (int off = -1; off <= 1; off++) {
				hours.add(anchor.minus(Duration.ofDays(7L * week)).plus(Duration.ofHours(off)));
			}
		}
		Map<Scope, Map<Instant, WindowCounts>> baseline = new HashMap<>();
		List<WindowReader.HourRow> baselineRows = this.reader.hours(ws, rule.filters(), hours, rule.measure());
		for (WindowReader.HourRow row : baselineRows) {
			Scope scope = Scope.of(rule.groupBy(), row.agentId(), row.department(), row.environment());
			baseline.computeIfAbsent(scope, (s) -> new HashMap<>()).merge(row.hour(), row.counts(), WindowCounts::plus);
		}
		Map<Scope, long[]> stored = countTested ? storedCounts(rule.groupBy(), rows, baselineRows, anchor) : Map.of();
		double alpha = CountSignificance.normalUpperTail(rule.zThreshold().doubleValue());
		double clearAlpha = CountSignificance.normalUpperTail(rule.zThreshold().doubleValue() / 2);
		boolean countLike = "request_count".equals(rule.measure()) || "cost_usd".equals(rule.measure());
		double scale = window.toMinutes() / 60.0;
		double z = rule.zThreshold().doubleValue();
		int minVolume = (rule.minVolume() != null) ? rule.minVolume() : 0;
		List<Observation> out = new ArrayList<>();
		java.util.Set<Scope> scopes = new java.util.HashSet<>(current.keySet());
		scopes.addAll(baseline.keySet());
		for (Scope scope : scopes) {
			Map<Instant, WindowCounts> past = baseline.getOrDefault(scope, Map.of());
			List<Double> samples = new ArrayList<>();
			for (Instant hour : hours) {
				WindowCounts c = past.get(hour);
				Double v = (c != null) ? c.measure(rule.measure()) : (countLike ? 0.0 : null);
				if (v != null) {
					samples.add(countLike ? v * scale : v);
				}
			}
			WindowCounts now0 = current.getOrDefault(scope, WindowCounts.EMPTY);
			Double x = now0.measure(rule.measure());
			if (samples.size() < 6 || x == null) {
				out.add(Observation.clear(scope, x, null, rule.severity()));
				continue;
			}
			double median = median(samples);
			List<Double> deviations = samples.stream().map((v) -> Math.abs(v - median)).toList();
			double mad = Math.max(median(deviations), floor(rule.measure(), median));
			double score = (x - median) / (1.4826 * mad);
			boolean enoughVolume = "request_count".equals(rule.measure()) ? median >= minVolume
					: now0.total() >= minVolume;
			// stored failures and represented requests of the window and of the baseline hours
			long[] c = stored.getOrDefault(scope, new long[4]);
			double p = countTested ? CountSignificance.pValue(c[0], c[1], c[2], c[3]) : 0;
			boolean up = score >= z && p <= alpha;
			boolean breached = enoughVolume && switch (rule.direction()) {
				case "down" -> score <= -z;
				case "both" -> up || score <= -z;
				default -> up;
			};
			boolean cleared = !enoughVolume || Math.abs(score) < z / 2 || (score > 0 && p > clearAlpha);
			String counts = countTested ? ", %d failed of %d requests vs. %d of %d in the baseline hours (p = %s)"
				.formatted(c[0], c[1], c[2], c[3], String.format(Locale.ROOT, "%.1e", p)) : "";
			out.add(new Observation(scope, x, median, rule.severity(), breached, cleared,
					"%s %s vs. a usual %s for this hour of the week (z = %s%s)".formatted(rule.measure(), fmt(x),
							fmt(median), fmt(score), counts)));
		}
		return out;
	}

	/**
	 * Failures and requests per scope, of the window and of the baseline hours ({failures, requests, baseline
	 * failures, baseline requests}). The test needs the failures as stored (sampled) requests and only the
	 * window's share of the requests, which needs no unit. A represented failure count is a sum of sample rates;
	 * an agent's failures are divided by the rate they were kept at: the greatest common divisor of its failure
	 * counts over the window and the baseline hours, and with fewer than {@link #RATE_SAMPLES} of them (one bad
	 * hour is not a rate) its common divisor with the larger of the divisors of its request counts and of its
	 * environment's failure counts (every agent's).
	 * The baseline week with the highest failure rate is left out when three or more have requests: one past
	 * incident at this hour of the week does not hide the next one (as the median does for the z).
	 */
	private static Map<Scope, long[]> storedCounts(String groupBy, List<WindowReader.Row> window,
			List<WindowReader.HourRow> baseline, Instant anchor) {
		SampleRates rates = new SampleRates();
		window.forEach((r) -> rates.observe(r.agentId(), r.environment(), r.counts()));
		baseline.forEach((r) -> rates.observe(r.agentId(), r.environment(), r.counts()));
		Map<Scope, long[]> out = new HashMap<>();
		for (WindowReader.Row r : window) {
			long rate = rates.of(r.agentId(), r.environment());
			long[] c = out.computeIfAbsent(Scope.of(groupBy, r.agentId(), r.department(), r.environment()),
					(s) -> new long[4]);
			c[0] += r.counts().bad() / rate;
			c[1] += r.counts().total();
		}
		// per scope and baseline week (1..4): failures, requests
		Map<Scope, long[][]> weeks = new HashMap<>();
		for (WindowReader.HourRow r : baseline) {
			long rate = rates.of(r.agentId(), r.environment());
			int week = (int) Math.round(Duration.between(r.hour(), anchor).toHours() / 168.0);
			long[] w = weeks.computeIfAbsent(Scope.of(groupBy, r.agentId(), r.department(), r.environment()),
					(s) -> new long[BASELINE_WEEKS + 1][2])[Math.max(1, Math.min(BASELINE_WEEKS, week))];
			w[0] += r.counts().bad() / rate;
			w[1] += r.counts().total();
		}
		weeks.forEach((scope, w) -> {
			int worst = -1;
			long present = java.util.Arrays.stream(w).filter((x) -> x[1] > 0).count();
			for (int k = 1; k <= BASELINE_WEEKS && present >= 3; k++) {
				if (w[k][1] > 0 && (worst < 0 || w[k][0] * w[worst][1] > w[worst][0] * w[k][1])) {
					worst = k;
				}
			}
			long[] c = out.computeIfAbsent(scope, (s) -> new long[4]);
			for (int k = 1; k <= BASELINE_WEEKS; k++) {
				if (k != worst) {
					c[2] += w[k][0];
					c[3] += w[k][1];
				}
			}
		});
		return out;
	}

	/** Greatest common divisors of the represented counts, per agent and environment and per environment. */
	private static final class SampleRates {

		private final Map<String, long[]> agents = new HashMap<>();

		private final Map<String, Long> environments = new HashMap<>();

		void observe(String agent, String environment, WindowCounts counts) {
			// {gcd of failures, failure counts seen, gcd of requests}
			long[] a = this.agents.computeIfAbsent(agent + '\u0000' + environment, (k) -> new long[3]);
			a[2] = CountSignificance.gcd(a[2], counts.total());
			if (counts.bad() > 0) {
				a[0] = CountSignificance.gcd(a[0], counts.bad());
				a[1]++;
				this.environments.merge(String.valueOf(environment), counts.bad(), CountSignificance::gcd);
			}
		}

		long of(String agent, String environment) {
			long[] a = this.agents.get(agent + '\u0000' + environment);
			if (a == null || a[0] == 0) {
				return 1;
			}
			if (a[1] >= RATE_SAMPLES) {
				return a[0];
			}
			long other = Math.max(a[2], this.environments.getOrDefault(String.valueOf(environment), 1L));
			return Math.max(1, CountSignificance.gcd(a[0], other));
		}

	}

	/** The smallest deviation counted as spread, so a perfectly flat baseline does not make any change infinite. */
	private static double floor(String measure, double median) {
		double unit = switch (measure) {
			case "request_count" -> 1;
			case "error_rate" -> 0.5;
			case "violation_rate" -> 0.2;
			case "avg_latency_ms" -> 10;
			default -> 0.01;
		};
		return Math.max(unit, 0.05 * Math.abs(median));
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String span(int minutes) {
		return (minutes % 1440 == 0) ? (minutes / 1440) + " d" : (minutes % 60 == 0) ? (minutes / 60) + " h"
				: minutes + " min";
	}

	static String fmt(double value) {
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

}
