package com.agentobs.synth.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;

/**
 * The Business Impact tab's data: a value model per department (support $4.50 per deflected ticket,
 * engineering 0.25 h at $95/h per code-generation success, …) and 25 department goals whose targets
 * are set from the seeded traffic so that, projected the way query-service projects them (current value
 * plus the pace of the last 14 complete days until the target date), 60 / 25 / 10 / 5 % are on track /
 * at risk / off track / achieved. Only the human-made part is seeded: goal progress, current values,
 * statuses and the 90-day forecasts are computed by query-service's business job after start-up.
 */
final class BusinessGenerator implements Generator {

	/** department code → {model type, value per outcome | hours per outcome, hourly rate, outcome label}. */
	static final Map<String, Object[]> VALUE_MODELS = new LinkedHashMap<>();

	static {
		VALUE_MODELS.put("support", new Object[] { "per_outcome", "4.50", null, "deflected ticket" });
		VALUE_MODELS.put("engineering", new Object[] { "hours_saved", "0.25", "95", "code-generation success" });
		VALUE_MODELS.put("sales", new Object[] { "per_outcome", "12.00", null, "qualified lead" });
		VALUE_MODELS.put("marketing", new Object[] { "per_outcome", "6.00", null, "content draft" });
		VALUE_MODELS.put("finance", new Object[] { "hours_saved", "0.20", "80", "report prepared" });
		VALUE_MODELS.put("hr", new Object[] { "hours_saved", "0.10", "55", "answered HR request" });
		VALUE_MODELS.put("operations", new Object[] { "hours_saved", "0.15", "60", "resolved task" });
		VALUE_MODELS.put("product", new Object[] { "hours_saved", "0.20", "90", "spec or analysis" });
		VALUE_MODELS.put("data", new Object[] { "hours_saved", "0.25", "100", "analysis delivered" });
		VALUE_MODELS.put("legal", new Object[] { "hours_saved", "0.15", "120", "document reviewed" });
	}

	static final int GOALS = 25;

	/** 15 / 6 / 3 / 1 of 25. */
	static final List<String> STATUS_MIX = statusMix();

	private static final String INSERT_MODEL = """
			INSERT INTO value_models (workspace_id, department_id, model_type, value_per_outcome_usd, hours_per_outcome,
			                          hourly_rate_usd, outcome_label, updated_by_subject)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'admin@agentobs.dev')""";

	private static final String INSERT_GOAL = """
			INSERT INTO business_goals (workspace_id, department_id, name, metric, unit, baseline_value, target_value,
			                            start_date, target_date, linked_agent_ids)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""";

	private static final String DAILY = """
			SELECT agent_id, (day AT TIME ZONE 'UTC')::date AS d, SUM(success_count) AS ok, SUM(total_cost) AS cost
			FROM traces_agent_daily WHERE workspace_id = ? GROUP BY 1, 2""";

	@Override
	public String name() {
		return "business";
	}

	@Override
	public List<String> tables() {
		return List.of("business_goals", "value_models");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("value_models", String.valueOf(plan.departments().size()));
		rows.put("business_goals", String.valueOf(GOALS));
		return rows;
	}

	private record Dept(UUID id, String code, String name, List<String> agents) {
	}

	private record Day(long ok, BigDecimal cost) {
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		UUID ws = plan.workspaceId();
		Random rng = new Random(plan.options().seed() ^ 0xB051E55L);
		// goals are projected at read time against the wall clock: the partial day is today's, not the seed's end
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Long> written = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			List<Dept> depts = departments(c, ws);
			Map<String, TreeMap<LocalDate, Day>> daily = daily(c, ws);
			long models = 0;
			try (PreparedStatement ps = c.prepareStatement(INSERT_MODEL)) {
				for (Dept d : depts) {
					Object[] m = VALUE_MODELS.getOrDefault(d.code(), new Object[] { "per_outcome", "5.00", null, "successful request" });
					boolean perOutcome = m[0].equals("per_outcome");
					ps.setObject(1, ws);
					ps.setObject(2, d.id());
					ps.setString(3, (String) m[0]);
					ps.setBigDecimal(4, perOutcome ? new BigDecimal((String) m[1]) : null);
					ps.setBigDecimal(5, perOutcome ? null : new BigDecimal((String) m[1]));
					ps.setBigDecimal(6, perOutcome ? null : new BigDecimal((String) m[2]));
					ps.setString(7, (String) m[3]);
					ps.addBatch();
					models++;
				}
				ps.executeBatch();
			}
			List<String> statuses = new ArrayList<>(STATUS_MIX);
			Collections.shuffle(statuses, rng);
			int historyDays = Math.max(1, plan.days());
			long goals = 0;
			try (PreparedStatement ps = c.prepareStatement(INSERT_GOAL)) {
				for (int i = 0; i < GOALS && !depts.isEmpty(); i++) {
					Dept d = depts.get(i % depts.size());
					if (d.agents().isEmpty()) {
						continue;
					}
					Object[] m = VALUE_MODELS.getOrDefault(d.code(), new Object[] { "per_outcome", "5.00", null, "successful request" });
					String metric = metric(i / depts.size(), m[0].equals("hours_saved"));
					if (metric.equals("roi_pct") && statuses.get(i).equals("on_track")) {
						// a level metric projects its current value: reaching the target is "achieved", never "on track"
						metric = "value_usd";
					}
					// the first two goals of a department count all its agents, later ones a part of them
					List<String> linked = (i / depts.size() == 0) ? d.agents()
							: d.agents().subList(0, Math.max(1, d.agents().size() / 2));
					LocalDate start = today.minusDays(Math.max(2, Math.min(historyDays - 1, 45) - (i % 5)));
					LocalDate target = start.plusDays(60 + 30L * (i % 3));
					BigDecimal targetValue = target(metric, m, linked, daily, start, target, today, statuses.get(i), rng);
					ps.setObject(1, ws);
					ps.setObject(2, d.id());
					ps.setString(3, goalName(d.name(), metric, target));
					ps.setString(4, metric);
					ps.setString(5, unit(metric));
					ps.setBigDecimal(6, targetValue);
					ps.setDate(7, Date.valueOf(start));
					ps.setDate(8, Date.valueOf(target));
					ps.setArray(9, c.createArrayOf("text", linked.toArray()));
					ps.addBatch();
					goals++;
				}
				ps.executeBatch();
			}
			c.commit();
			written.put("value_models", models);
			written.put("business_goals", goals);
		}
		return written;
	}

	/**
	 * A target that puts the goal in {@code status} under query-service's projection: the current value
	 * plus the mean daily gain of the last 14 complete days times the days left, against the target.
	 */
	private static BigDecimal target(String metric, Object[] model, List<String> agents,
			Map<String, TreeMap<LocalDate, Day>> daily, LocalDate start, LocalDate end, LocalDate today, String status,
			Random rng) {
		BigDecimal unitValue = model[0].equals("per_outcome") ? new BigDecimal((String) model[1])
				: new BigDecimal((String) model[1]).multiply(new BigDecimal((String) model[2]));
		BigDecimal unitHours = model[0].equals("per_outcome") ? BigDecimal.ZERO : new BigDecimal((String) model[1]);
		TreeMap<LocalDate, long[]> okByDay = new TreeMap<>();
		Map<LocalDate, BigDecimal> costByDay = new HashMap<>();
		for (String agent : agents) {
			for (Map.Entry<LocalDate, Day> e : daily.getOrDefault(agent, new TreeMap<>()).entrySet()) {
				if (!e.getKey().isBefore(start) && !e.getKey().isAfter(today)) {
					okByDay.computeIfAbsent(e.getKey(), (k) -> new long[1])[0] += e.getValue().ok();
					costByDay.merge(e.getKey(), e.getValue().cost(), BigDecimal::add);
				}
			}
		}
		double current = 0;
		double cost = 0;
		List<Double> complete = new ArrayList<>();
		for (Map.Entry<LocalDate, long[]> e : okByDay.entrySet()) {
			double v = metricValue(metric, e.getValue()[0], unitValue, unitHours);
			current += v;
			cost += costByDay.getOrDefault(e.getKey(), BigDecimal.ZERO).doubleValue();
			if (e.getKey().isBefore(today)) {
				complete.add(v);
			}
		}
		double pace = complete.subList(Math.max(0, complete.size() - 14), complete.size())
			.stream()
			.mapToDouble(Double::doubleValue)
			.average()
			.orElse(0);
		double projected = current + pace * Math.max(0, ChronoUnit.DAYS.between(today, end));
		if (metric.equals("roi_pct")) {
			double value = okByDay.values().stream().mapToLong((a) -> a[0]).sum() * unitValue.doubleValue();
			current = (cost > 0) ? 100 * (value - cost) / cost : 0;
			projected = current;
		}
		double ratio = switch (status) {
			case "on_track" -> 1.05 + 0.2 * rng.nextDouble();
			case "at_risk" -> 0.92 + 0.05 * rng.nextDouble();
			case "off_track" -> 0.6 + 0.2 * rng.nextDouble();
			default -> 0;
		};
		double targetValue = status.equals("achieved") ? current * (0.8 + 0.1 * rng.nextDouble()) : projected / ratio;
		return BigDecimal.valueOf(Math.max(1, targetValue)).setScale(metric.equals("value_usd") ? 0 : 1,
				RoundingMode.HALF_UP);
	}

	private static double metricValue(String metric, long ok, BigDecimal unitValue, BigDecimal unitHours) {
		return switch (metric) {
			case "value_usd" -> ok * unitValue.doubleValue();
			case "hours_saved" -> ok * unitHours.doubleValue();
			default -> ok;
		};
	}

	private static String metric(int round, boolean hoursModel) {
		return switch (round) {
			case 0 -> "value_usd";
			case 1 -> hoursModel ? "hours_saved" : "successful_outcomes";
			default -> "roi_pct";
		};
	}

	private static String unit(String metric) {
		return switch (metric) {
			case "value_usd" -> "usd";
			case "hours_saved" -> "hours";
			case "successful_outcomes" -> "outcomes";
			default -> "pct";
		};
	}

	private static String goalName(String department, String metric, LocalDate target) {
		String what = switch (metric) {
			case "value_usd" -> "value delivered";
			case "hours_saved" -> "hours saved";
			case "successful_outcomes" -> "successful outcomes";
			default -> "ROI";
		};
		return department + " " + what + " by " + target;
	}

	private static List<Dept> departments(Connection c, UUID ws) throws SQLException {
		List<Dept> out = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement("""
				SELECT d.id, d.department_code, d.department_name,
				       COALESCE(array_agg(a.agent_id ORDER BY a.agent_id) FILTER (WHERE a.agent_id IS NOT NULL), '{}')
				FROM departments d LEFT JOIN agents a ON a.department_id = d.id AND a.workspace_id = d.workspace_id
				WHERE d.workspace_id = ? GROUP BY d.id, d.department_code, d.department_name
				ORDER BY d.department_code""")) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(new Dept(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
							List.of((String[]) rs.getArray(4).getArray())));
				}
			}
		}
		return out;
	}

	private static Map<String, TreeMap<LocalDate, Day>> daily(Connection c, UUID ws) throws SQLException {
		Map<String, TreeMap<LocalDate, Day>> out = new HashMap<>();
		try (PreparedStatement ps = c.prepareStatement(DAILY)) {
			ps.setObject(1, ws);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
						.put(rs.getObject(2, LocalDate.class), new Day(rs.getLong(3), rs.getBigDecimal(4)));
				}
			}
		}
		return out;
	}

	private static List<String> statusMix() {
		List<String> mix = new ArrayList<>();
		mix.addAll(Collections.nCopies(15, "on_track"));
		mix.addAll(Collections.nCopies(6, "at_risk"));
		mix.addAll(Collections.nCopies(3, "off_track"));
		mix.add("achieved");
		return List.copyOf(mix);
	}

}
