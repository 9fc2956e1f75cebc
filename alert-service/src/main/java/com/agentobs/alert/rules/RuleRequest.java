package com.agentobs.alert.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.alert.slo.Slo;
import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.error.ApiException;

// POST /api/v1/alert-rules
/**
 * A new rule as the client sends it; {@link #toRule} validates every field (400 naming it) and
 * fills the defaults. A burn-rate factor the SLO cannot reach (factor × budget ≥ 1: more than
 * every request would have to fail) is refused.
 */
public record RuleRequest(String name, String kind, String severity, String measure, String comparator,
		BigDecimal threshold, BigDecimal resolveThreshold, Integer windowMinutes, Integer forMinutes, String groupBy,
		Map<String, String> filters, String sloId, List<AlertRule.BurnWindow> burnWindows, BigDecimal zThreshold,
		Integer minVolume, String direction, Integer repeatIntervalMinutes, Integer groupWaitSeconds,
		Integer groupIntervalMinutes, List<String> channelIds) {

	public static final List<String> KINDS = List.of("threshold", "burn_rate", "anomaly");

	public static final List<String> SEVERITIES = List.of("sev1", "sev2", "sev3", "sev4");

	/**
	 * Measures over the rollups (traces_agent_hourly) and the edge hours' raw traces;
	 * {@code violation_rate} is guardrail violations per 100 requests (%).
	 */
	public static final List<String> MEASURES = List.of("request_count", "error_count", "error_rate",
			"avg_latency_ms", "p90_latency_ms", "cost_usd", "tokens", "violation_rate");

	public static final List<String> ANOMALY_MEASURES = List.of("request_count", "error_rate", "avg_latency_ms",
			"cost_usd", "violation_rate");

	public static final List<String> GROUP_BY = List.of("fleet", "agent", "department", "environment");

	private static final List<String> COMPARATORS = List.of(">", ">=", "<", "<=");

	private static final Set<String> FILTER_KEYS = Set.of("department", "environment", "agent_id");

	public AlertRule toRule(Slo slo, String createdBy) {
		String n = required("name", this.name);
		if (n.length() > 200) {
			throw ApiException.validation("name", "must be at most 200 characters");
		}
		String k = oneOf("kind", required("kind", this.kind), KINDS);
		String sev = oneOf("severity", (this.severity != null) ? this.severity : "sev3", SEVERITIES);
		String group = oneOf("group_by", (this.groupBy != null) ? this.groupBy : "fleet", GROUP_BY);
		Map<String, String> f = (this.filters != null) ? this.filters : Map.of();
		f.forEach((key, value) -> {
			if (!FILTER_KEYS.contains(key)) {
				throw ApiException.validation("filters." + key, "unknown filter", List.copyOf(FILTER_KEYS));
			}
			if (value == null || value.isBlank() || value.length() > 255) {
				throw ApiException.validation("filters." + key, "must be 1 to 255 characters");
			}
		});
		int window = range("window_minutes", (this.windowMinutes != null) ? this.windowMinutes : 5, 1, 10080);
		int forMin = range("for_minutes", (this.forMinutes != null) ? this.forMinutes : 0, 0, 1440);
		int repeat = range("repeat_interval_minutes",
				(this.repeatIntervalMinutes != null) ? this.repeatIntervalMinutes : 240, 1, 10080);
		// Alertmanager's defaults: 30 s to gather a new group, 5 min between a group's notifications
		int groupWait = range("group_wait_seconds", (this.groupWaitSeconds != null) ? this.groupWaitSeconds : 30, 0,
				3600);
		int groupInterval = range("group_interval_minutes",
				(this.groupIntervalMinutes != null) ? this.groupIntervalMinutes : 5, 1, 1440);
		List<UUID> channels = new ArrayList<>();
		for (int i = 0; this.channelIds != null && i < this.channelIds.size(); i++) {
			channels.add(Ids.uuid("channel_ids[" + i + "]", this.channelIds.get(i)));
		}
		return switch (k) {
			case "threshold" -> {
				String m = oneOf("measure", required("measure", this.measure), MEASURES);
				String c = oneOf("comparator", required("comparator", this.comparator), COMPARATORS);
				if (this.threshold == null) {
					throw ApiException.validation("threshold", "is required for a threshold rule");
				}
				yield new AlertRule(null, n, k, sev, m, c, this.threshold, this.resolveThreshold, window, forMin, group,
						f, null, null, null, null, null, repeat, groupWait, groupInterval, channels, true, createdBy,
						null);
			}
			case "anomaly" -> {
				String m = oneOf("measure", required("measure", this.measure), ANOMALY_MEASURES);
				BigDecimal z = (this.zThreshold != null) ? this.zThreshold : BigDecimal.valueOf(4);
				if (z.signum() <= 0) {
					throw ApiException.validation("z_threshold", "must be positive");
				}
				int min = range("min_volume", (this.minVolume != null) ? this.minVolume : 20, 0, 1_000_000);
				String dir = oneOf("direction", (this.direction != null) ? this.direction : "up",
						List.of("up", "down", "both"));
				yield new AlertRule(null, n, k, sev, m, null, null, null, (this.windowMinutes != null) ? window : 60,
						(this.forMinutes != null) ? forMin : 10, group, f, null, null, z, min, dir, repeat, groupWait,
						groupInterval, channels, true, createdBy, null);
			}
			default -> {
				if (slo == null) {
					throw ApiException.validation("slo_id", "is required for a burn_rate rule");
				}
				if (!slo.eventBased()) {
					throw ApiException.validation("slo_id",
							"burn-rate alerting needs an event-based SLO (availability or latency), not a compliance view",
							List.copyOf(Slo.EVENT_BASED));
				}
				List<AlertRule.BurnWindow> pairs = (this.burnWindows != null && !this.burnWindows.isEmpty())
						? this.burnWindows : AlertRule.BurnWindow.WORKBOOK;
				double budget = slo.budget();
				for (int i = 0; i < pairs.size(); i++) {
					checkPair(i, pairs.get(i), budget);
				}
				yield new AlertRule(null, n, k, sev, null, null, null, null, 5, 0, group, f, slo.sloId(), pairs, null,
						null, null, repeat, groupWait, groupInterval, channels, true, createdBy, null);
			}
		};
	}

	/** A pair fires only if the error ratio can reach factor × budget, which cannot exceed 1. */
	static void checkPair(int i, AlertRule.BurnWindow pair, double budget) {
		String field = "burn_windows[" + i + "]";
		if (pair.longMinutes() < 2 || pair.longMinutes() > 43200) {
			throw ApiException.validation(field + ".long_minutes", "must be 2 to 43200");
		}
		if (pair.shortMinutes() < 1 || pair.shortMinutes() >= pair.longMinutes()) {
			throw ApiException.validation(field + ".short_minutes", "must be at least 1 and below long_minutes");
		}
		if (!(pair.factor() > 0)) {
			throw ApiException.validation(field + ".factor", "must be positive");
		}
		if (pair.factor() * budget >= 1) {
			throw ApiException.validation(field + ".factor",
					"BURN_RATE_UNREACHABLE: a burn rate of %s needs an error ratio of %.1f %% with this SLO's budget of %s %%; the largest reachable burn rate is below %s"
						.formatted(pair.factor(), pair.factor() * budget * 100, round(budget * 100), round(1 / budget)));
		}
		if (pair.severity() == null || !SEVERITIES.contains(pair.severity())) {
			throw ApiException.validation(field + ".severity", "must be one of the severities", SEVERITIES);
		}
	}

	private static String round(double value) {
		return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		return value;
	}

	static String oneOf(String field, String value, List<String> allowed) {
		if (!allowed.contains(value)) {
			throw ApiException.validation(field, "must be one of the allowed values", allowed);
		}
		return value;
	}

	static int range(String field, int value, int min, int max) {
		if (value < min || value > max) {
			throw ApiException.validation(field, "must be between " + min + " and " + max);
		}
		return value;
	}

}
