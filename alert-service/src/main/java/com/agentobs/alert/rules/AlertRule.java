package com.agentobs.alert.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

// GET /api/v1/alert-rules (items), POST /api/v1/alert-rules (result.rule)
/**
 * An alert rule: {@code threshold} (a rollup measure over a window, compared), {@code burn_rate}
 * (multiwindow multi-burn-rate on an event-based SLO) or {@code anomaly} (hour-of-week baseline,
 * robust z-score). Evaluated per group ({@code fleet}, {@code agent}, {@code department},
 * {@code environment}) within the equality {@code filters}. The first channel notification of an
 * alert group waits {@code groupWaitSeconds} (alerts firing meanwhile join it); a later one waits
 * until {@code groupIntervalMinutes} after the group's previous notification.
 */
public record AlertRule(UUID ruleId, String name, String kind, String severity, String measure, String comparator,
		BigDecimal threshold, BigDecimal resolveThreshold, int windowMinutes, int forMinutes, String groupBy,
		Map<String, String> filters, UUID sloId, List<BurnWindow> burnWindows, BigDecimal zThreshold,
		Integer minVolume, String direction, int repeatIntervalMinutes, int groupWaitSeconds, int groupIntervalMinutes,
		List<UUID> channelIds, boolean enabled, String createdBy, Instant createdAt) {

	public AlertRule {
		filters = (filters != null) ? Map.copyOf(filters) : Map.of();
		burnWindows = (burnWindows != null) ? List.copyOf(burnWindows) : null;
		channelIds = (channelIds != null) ? List.copyOf(channelIds) : List.of();
	}

	/**
	 * One burn-rate pair: fires when the error ratio over BOTH windows is at least
	 * {@code factor} × the SLO's error budget (SRE workbook, "multiwindow, multi-burn-rate").
	 */
	public record BurnWindow(int longMinutes, int shortMinutes, double factor, String severity) {

		/** The workbook's pairs: page 1 h/5 m at 14.4×, page 6 h/30 m at 6×, ticket 3 d/6 h at 1×. */
		public static final List<BurnWindow> WORKBOOK = List.of(new BurnWindow(60, 5, 14.4, "sev2"),
				new BurnWindow(360, 30, 6, "sev2"), new BurnWindow(4320, 360, 1, "sev3"));

	}

}
