package com.agentobs.synth.report;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.SynthSpec;
import com.agentobs.synth.model.SynthSpec.Department;

/**
 * The realised distributions of a workspace beside the spec's targets and tolerances,
 * measured with SQL on what is stored (so it also checks data seeded by an older run). Tests assert
 * {@link Check#ok()} on the same list that {@code --report} prints.
 */
public final class SeedReport {

	/** One line of the report; {@code ok} is null for information-only lines. */
	public record Check(String name, String target, String realised, Boolean ok) {
	}

	/** Expected sizes: the run's options (exact targets) and whether the ≥ 500k absolute target applies. */
	public record Expected(int agents, int users, boolean demoScale) {
	}

	private static final String COUNTS = """
			SELECT (SELECT count(*) FROM departments WHERE workspace_id = ?),
			       (SELECT count(*) FROM agents WHERE workspace_id = ?),
			       (SELECT count(*) FROM end_users WHERE workspace_id = ?),
			       (SELECT count(*) FROM spans WHERE workspace_id = ?),
			       (SELECT count(*) FROM action_audit_log WHERE workspace_id = ?),
			       (SELECT COALESCE(sum(trace_count), 0) FROM traces_daily WHERE workspace_id = ?)
			""";

	private static final String AGENT_SHARES = """
			SELECT %s, count(*) FROM agents WHERE workspace_id = ? GROUP BY 1
			""";

	/** One pass over the traces for the fleet-wide shapes. */
	private static final String TRACE_SHAPE = """
			SELECT count(*),
			       COALESCE(sum(sample_rate), 0),
			       count(*) FILTER (WHERE status <> 'success'),
			       count(*) FILTER (WHERE extract(hour FROM timestamp AT TIME ZONE 'UTC') BETWEEN 9 AND 17),
			       count(*) FILTER (WHERE extract(isodow FROM timestamp AT TIME ZONE 'UTC') >= 6),
			       count(DISTINCT date_trunc('day', timestamp AT TIME ZONE 'UTC'))
			           FILTER (WHERE extract(isodow FROM timestamp AT TIME ZONE 'UTC') >= 6),
			       count(DISTINCT date_trunc('day', timestamp AT TIME ZONE 'UTC'))
			           FILTER (WHERE extract(isodow FROM timestamp AT TIME ZONE 'UTC') < 6),
			       count(*) FILTER (WHERE cost_usd IS NOT NULL
			                        AND (model_provider IS NULL OR model_provider NOT IN ('openai', 'anthropic', 'google'))),
			       min(timestamp), max(timestamp)
			FROM traces WHERE workspace_id = ?
			""";

	private static final String BY_HOUR = """
			SELECT extract(hour FROM timestamp AT TIME ZONE 'UTC')::int AS h, count(*) FROM traces
			WHERE workspace_id = ? GROUP BY 1 ORDER BY 2 DESC, 1
			""";

	private static final String TRACE_SHARES = """
			SELECT %s, count(*), sum(sample_rate) FROM traces WHERE workspace_id = ? GROUP BY 1
			""";

	private static final String INTENT_BY_DEPARTMENT = """
			SELECT d.department_code, t.intent_category, count(*)
			FROM traces t JOIN departments d ON d.id = t.department_id
			WHERE t.workspace_id = ?
			GROUP BY 1, 2
			""";

	private static final String DEPARTMENT_MISMATCH = """
			SELECT count(*) FROM traces t
			LEFT JOIN agents a ON a.workspace_id = t.workspace_id AND a.agent_id = t.agent_id
			WHERE t.workspace_id = ? AND t.department_id IS DISTINCT FROM a.department_id
			""";

	private static final String P90_BY_VERSION = """
			SELECT version, percentile_cont(0.9) WITHIN GROUP (ORDER BY latency_ms) FROM traces
			WHERE workspace_id = ? GROUP BY version
			""";

	/** Per department over the whole history and the last 30 days: stored, represented, cost. */
	private static final String BY_DEPARTMENT = """
			SELECT d.department_code, d.budget_monthly_usd, count(t.*), COALESCE(sum(t.sample_rate), 0),
			       COALESCE(sum(t.sample_rate * t.cost_usd), 0),
			       COALESCE(sum(t.sample_rate * t.cost_usd) FILTER (WHERE t.timestamp >= CAST(? AS timestamptz) - INTERVAL '30 days'), 0),
			       count(DISTINCT date_trunc('day', t.timestamp AT TIME ZONE 'UTC'))
			FROM departments d LEFT JOIN traces t ON t.department_id = d.id AND t.workspace_id = d.workspace_id
			WHERE d.workspace_id = ?
			GROUP BY 1, 2
			""";

	private SeedReport() {
	}

	public static List<Check> run(Connection c, UUID workspace, Expected expected) throws SQLException {
		List<Check> checks = new ArrayList<>();
		long[] counts = longs(c, COUNTS, 6, workspace, workspace, workspace, workspace, workspace, workspace);
		checks.add(exact("Departments", SynthSpec.DEPARTMENTS.size(), counts[0]));
		checks.add(exact("Agents", expected.agents(), counts[1]));
		checks.add(exact("End users", expected.users(), counts[2]));

		Object[] shape = row(c, TRACE_SHAPE, workspace);
		long traces = ((Number) shape[0]).longValue();
		long represented = ((Number) shape[1]).longValue();
		if (traces == 0) {
			checks.add(new Check("Traces", "> 0", "0", false));
			return checks;
		}
		if (expected.demoScale()) {
			checks.add(new Check("Traces (stored)", "≥ 500,000", fmt(traces), traces >= 500_000));
		}
		else {
			checks.add(new Check("Traces (stored)", "≥ 500,000 at demo scale", fmt(traces) + " (smaller run)", null));
		}
		checks.add(new Check("Requests represented (Σ sample_rate)", "—", fmt(represented), null));
		checks.add(new Check("Spans / audit actions", "—", fmt(counts[3]) + " / " + fmt(counts[4]), null));
		checks.add(new Check("History", "—", shape[8] + " … " + shape[9], null));

		shares(checks, "Agent version", c, "version", workspace, SynthSpec.VERSIONS, SynthSpec.VERSION_WEIGHTS, 8);
		shares(checks, "Agent environment", c, "environment", workspace, SynthSpec.ENVIRONMENTS,
				SynthSpec.ENVIRONMENT_WEIGHTS, 8);
		shares(checks, "Agent status", c, "agent_status", workspace, SynthSpec.STATUSES, SynthSpec.STATUS_WEIGHTS, 8);

		double nonSuccess = 100.0 * ((Number) shape[2]).longValue() / traces;
		checks.add(new Check("Fleet non-success rate", "2–5 %", pct(nonSuccess), nonSuccess >= 2 && nonSuccess <= 5));

		long weekendTraces = ((Number) shape[4]).longValue();
		long weekendDays = ((Number) shape[5]).longValue();
		long weekdayDays = ((Number) shape[6]).longValue();
		if (weekendDays > 0 && weekdayDays > 0) {
			double ratio = 100.0 * (weekendTraces / (double) weekendDays) / ((traces - weekendTraces) / (double) weekdayDays);
			checks.add(new Check("Weekend-day vs weekday volume", "30 % (27–33)", pct(ratio), ratio >= 27 && ratio <= 33));
		}
		double business = 100.0 * ((Number) shape[3]).longValue() / traces;
		checks.add(new Check("Business hours 09:00–17:59", "70–78 %", pct(business), business >= 70 && business <= 78));
		List<long[]> hours = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement(BY_HOUR)) {
			ps.setObject(1, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					hours.add(new long[] { rs.getLong(1), rs.getLong(2) });
				}
			}
		}
		long peak = hours.get(0)[0];
		checks.add(new Check("Busiest hour (UTC)", "09, 10 or 14", "%02d".formatted(peak),
				peak == 9 || peak == 10 || peak == 14));

		Map<String, long[]> segments = grouped(c, TRACE_SHARES.formatted("user_segment"), workspace);
		for (int i = 0; i < SynthSpec.SEGMENTS.size(); i++) {
			long n = segments.getOrDefault(SynthSpec.SEGMENTS.get(i), new long[2])[0];
			double share = 100.0 * n / traces;
			double target = SynthSpec.SEGMENT_WEIGHTS[i];
			checks.add(new Check("User segment " + SynthSpec.SEGMENTS.get(i), "%.0f %% ± 2".formatted(target),
					pct(share), Math.abs(share - target) <= 2));
		}

		Map<String, Map<String, Long>> intents = new HashMap<>();
		try (PreparedStatement ps = c.prepareStatement(INTENT_BY_DEPARTMENT)) {
			ps.setObject(1, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					intents.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
				}
			}
		}
		List<String> wrong = new ArrayList<>();
		for (Department d : SynthSpec.DEPARTMENTS) {
			Map<String, Long> mix = intents.getOrDefault(d.code(), Map.of());
			String top = mix.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
			if (!top.equals(d.primaryIntents().get(0))) {
				wrong.add(d.code() + "→" + top);
			}
		}
		checks.add(new Check("Top intent = first primary intent", "all 10 departments",
				wrong.isEmpty() ? "all 10" : String.join(", ", wrong), wrong.isEmpty()));

		long mismatches = longs(c, DEPARTMENT_MISMATCH, 1, workspace)[0];
		checks.add(new Check("Trace department ≠ agent department", "0", fmt(mismatches), mismatches == 0));
		long badProviders = ((Number) shape[7]).longValue();
		checks.add(new Check("model_provider of priced traces outside openai/anthropic/google", "0", fmt(badProviders),
				badProviders == 0));

		Map<String, Double> p90 = new HashMap<>();
		try (PreparedStatement ps = c.prepareStatement(P90_BY_VERSION)) {
			ps.setObject(1, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					p90.put(rs.getString(1), rs.getDouble(2));
				}
			}
		}
		Double newest = p90.get("v2.1");
		Double older = p90.get("v1.8");
		checks.add(new Check("P90 latency v2.1 < v1.8", "holds",
				"%s ms vs %s ms".formatted(newest == null ? "-" : "%.0f".formatted(newest),
						older == null ? "-" : "%.0f".formatted(older)),
				newest != null && older != null && newest < older));

		departments(checks, c, workspace, (java.sql.Timestamp) shape[9]);

		checks.add(new Check("Rollups: Σ traces_daily.trace_count = Σ traces.sample_rate", fmt(represented),
				fmt(counts[5]), counts[5] == represented));
		return checks;
	}

	private static void departments(List<Check> checks, Connection c, UUID workspace, java.sql.Timestamp end)
			throws SQLException {
		Map<String, Object[]> rows = new LinkedHashMap<>();
		try (PreparedStatement ps = c.prepareStatement(BY_DEPARTMENT)) {
			ps.setTimestamp(1, end);
			ps.setObject(2, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					rows.put(rs.getString(1), new Object[] { rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4),
							rs.getBigDecimal(5).doubleValue(), rs.getBigDecimal(6).doubleValue(), rs.getLong(7) });
				}
			}
		}
		Object[] eng = rows.get("engineering");
		Object[] sales = rows.get("sales");
		Object[] support = rows.get("support");
		if (eng == null || sales == null || support == null) {
			checks.add(new Check("Department ordering", "Engineering > Sales > Support", "departments missing", false));
			return;
		}
		boolean volume = (long) eng[2] > (long) sales[2] && (long) sales[2] > (long) support[2];
		boolean cost = (double) eng[3] > (double) sales[3] && (double) sales[3] > (double) support[3];
		checks.add(new Check("Requests: Engineering > Sales > Support", "holds",
				"%s > %s > %s".formatted(fmt((long) eng[2]), fmt((long) sales[2]), fmt((long) support[2])), volume));
		checks.add(new Check("Cost: Engineering > Sales > Support", "holds",
				"$%,.0f > $%,.0f > $%,.0f".formatted((double) eng[3], (double) sales[3], (double) support[3]), cost));
		for (String code : List.of("engineering", "sales", "support")) {
			Object[] r = rows.get(code);
			long days = Math.max(1, (long) r[5]);
			checks.add(new Check("  " + code + " requests/day (represented)", "narrative: "
					+ Map.of("engineering", "≈145k", "sales", "≈98k", "support", "≈87k").get(code),
					fmt((long) r[2] / days), null));
		}
		for (Map.Entry<String, Object[]> e : rows.entrySet()) {
			double budget = ((java.math.BigDecimal) e.getValue()[0]).doubleValue();
			double spent = (double) e.getValue()[4];
			checks.add(new Check("  budget used, last 30 days: " + e.getKey(), "≈ 30–90 % (HR over)",
					"$%,.0f of $%,.0f = %s".formatted(spent, budget, pct(100 * spent / budget)), null));
		}
	}

	private static void shares(List<Check> checks, String label, Connection c, String column, UUID workspace,
			List<String> values, double[] weights, double tolerance) throws SQLException {
		Map<String, long[]> counts = grouped(c, AGENT_SHARES.formatted(column), workspace);
		long total = counts.values().stream().mapToLong(v -> v[0]).sum();
		double weightSum = 0;
		for (double w : weights) {
			weightSum += w;
		}
		for (int i = 0; i < values.size(); i++) {
			double target = 100 * weights[i] / weightSum;
			double share = total == 0 ? 0 : 100.0 * counts.getOrDefault(values.get(i), new long[1])[0] / total;
			checks.add(new Check(label + " " + values.get(i), "%.0f %% ± %.0f".formatted(target, tolerance), pct(share),
					Math.abs(share - target) <= tolerance));
		}
	}

	private static Map<String, long[]> grouped(Connection c, String sql, UUID workspace) throws SQLException {
		Map<String, long[]> result = new HashMap<>();
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setObject(1, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					long[] v = new long[columns - 1];
					for (int i = 0; i < v.length; i++) {
						v[i] = rs.getLong(i + 2);
					}
					result.put(rs.getString(1), v);
				}
			}
		}
		return result;
	}

	private static long[] longs(Connection c, String sql, int n, Object... params) throws SQLException {
		Object[] row = row(c, sql, params);
		long[] values = new long[n];
		for (int i = 0; i < n; i++) {
			values[i] = row[i] == null ? 0 : ((Number) row[i]).longValue();
		}
		return values;
	}

	private static Object[] row(Connection c, String sql, Object... params) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				Object[] row = new Object[rs.getMetaData().getColumnCount()];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getObject(i + 1);
				}
				return row;
			}
		}
	}

	private static Check exact(String name, long target, long realised) {
		return new Check(name, fmt(target), fmt(realised), target == realised);
	}

	private static String fmt(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	private static String pct(double v) {
		return String.format(Locale.ROOT, "%.1f %%", v);
	}

	public static boolean print(List<Check> checks, PrintStream out) {
		int width = checks.stream().mapToInt(ch -> ch.name().length()).max().orElse(10);
		int targetWidth = checks.stream().mapToInt(ch -> ch.target().length()).max().orElse(10);
		String format = "%-" + width + "s  %-" + targetWidth + "s  %-28s %s%n";
		out.printf(Locale.ROOT, format, "Check", "Target", "Realised", "");
		boolean allOk = true;
		for (Check ch : checks) {
			String mark = ch.ok() == null ? "" : ch.ok() ? "ok" : "FAIL";
			allOk &= ch.ok() == null || ch.ok();
			out.printf(Locale.ROOT, format, ch.name(), ch.target(), ch.realised(), mark);
		}
		return allOk;
	}

}
