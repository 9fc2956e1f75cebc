package com.agentobs.query.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetResult;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Tiers;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class UsageService {

	static final List<String> COHORT_SIZES = List.of("monthly", "weekly");

	/** Raw-trace filter fragment, appended after {@code WHERE t.workspace_id = :ws}. */
	private static final String RAW_WINDOW = " AND t.timestamp >= :from AND t.timestamp < :to";

	private static final String SELECT_TOP_USERS = """
			SELECT t.user_id, sum(t.sample_rate) AS n, count(DISTINCT t.agent_id) AS agents,
			       sum(t.sample_rate * COALESCE(t.cost_usd, 0)) AS cost, max(t.timestamp) AS last_seen,
			       count(*) OVER () AS total
			FROM traces t WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL""";

	private static final String SELECT_ADOPTION = """
			WITH firsts AS (
			    SELECT t.user_id, min(t.timestamp) AS first_seen
			    FROM traces t WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL AND t.timestamp < :to %s
			    GROUP BY t.user_id),
			active AS (
			    SELECT date_bin(CAST(:bucket AS interval), t.timestamp, :origin) AS b,
			           count(DISTINCT t.user_id) AS users, count(DISTINCT t.agent_id) AS agents
			    FROM traces t WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to %s
			    GROUP BY 1),
			fresh AS (
			    SELECT date_bin(CAST(:bucket AS interval), f.first_seen, :origin) AS b, count(*) AS new_users
			    FROM firsts f WHERE f.first_seen >= :from GROUP BY 1)
			SELECT (SELECT count(*) FROM firsts f WHERE f.first_seen < :from) AS before_window,
			       COALESCE(a.b, n.b) AS b, COALESCE(a.users, 0) AS users, COALESCE(a.agents, 0) AS agents,
			       COALESCE(n.new_users, 0) AS new_users
			FROM active a FULL JOIN fresh n ON n.b = a.b
			ORDER BY 2
			""";

	private static final String SELECT_COHORTS = """
			WITH firsts AS (
			    SELECT t.user_id, date_trunc(:unit, min(t.timestamp), 'UTC') AS cohort
			    FROM traces t WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL AND t.timestamp < :to %s
			    GROUP BY t.user_id),
			activity AS (
			    SELECT DISTINCT t.user_id, date_trunc(:unit, t.timestamp, 'UTC') AS period
			    FROM traces t WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL
			      AND t.timestamp >= :from AND t.timestamp < :to %s)
			SELECT f.cohort, a.period, count(DISTINCT a.user_id) AS users,
			       (SELECT count(*) FROM firsts f2 WHERE f2.cohort = f.cohort) AS cohort_users
			FROM firsts f JOIN activity a ON a.user_id = f.user_id AND a.period >= f.cohort
			WHERE f.cohort >= date_trunc(:unit, CAST(:from AS timestamptz), 'UTC')
			GROUP BY f.cohort, a.period
			ORDER BY f.cohort, a.period
			""";

	private final Fleet fleet;

	private final JdbcClient jdbc;

	UsageService(Fleet fleet, JdbcClient jdbc) {
		this.fleet = fleet;
		this.jdbc = jdbc;
	}

	View overview(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		// the series covers exactly [from, to): one scan for the window, its agents, departments and buckets
		Source series = this.fleet.sources().series(f.from(), f.to(), 30);
		FleetResult cur = this.fleet.read(series, scope)
			.groupBy()
			.groupBy(Dim.AGENT)
			.groupBy(Dim.DEPARTMENT)
			.groupBy(Dim.BUCKET)
			.fetch();
		FleetResult prev = this.fleet.read(pf.from(), pf.to(), scope).groupBy().groupBy(Dim.AGENT).fetch();
		Totals now = cur.total();
		Totals before = prev.total();
		long users = this.fleet.distinctUsers(scope, f.from(), f.to());
		long prevUsers = this.fleet.distinctUsers(scope, pf.from(), pf.to());
		long activeAgents = cur.rows(Dim.AGENT).stream().filter((r) -> r.totals().requests() > 0).count();
		long prevActive = prev.rows(Dim.AGENT).stream().filter((r) -> r.totals().requests() > 0).count();
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());
		List<UsageResponses.DepartmentCalls> byDept = new ArrayList<>();
		cur.rows(Dim.DEPARTMENT)
			.stream()
			.forEach((r) -> byDept.add(new UsageResponses.DepartmentCalls(
					Departments.code(depts, r.key().departmentId()), r.totals().requests(),
					pct(r.totals().requests(), now.requests()))));
		byDept.sort(Comparator.comparingLong(UsageResponses.DepartmentCalls::value).reversed());
		FleetRows buckets = cur.rows(Dim.BUCKET);
		List<UsageResponses.Point> overTime = series.bucketStarts()
			.stream()
			.map((b) -> new UsageResponses.Point(b, buckets.totals(FleetKey.ofBucket(b)).requests()))
			.toList();
		Double perUser = (users == 0) ? null : Totals.round((double) now.requests() / users, 1);
		Double prevPerUser = (prevUsers == 0) ? null : Totals.round((double) before.requests() / prevUsers, 1);
		return View.of(new UsageResponses.Overview(Change.Metric.of(now.requests(), before.requests(), f),
				Change.Metric.of(users, prevUsers, f), Change.Metric.of(activeAgents, prevActive, f),
				Change.Metric.of(perUser, prevPerUser, f), byDept, overTime),
				Map.of("bucket_seconds", series.bucket().toSeconds()));
	}

	View intentDistribution(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());
		List<FleetRow> cells = this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.DEPARTMENT, Dim.INTENT).rows().list();
		long total = cells.stream().mapToLong((r) -> r.totals().requests()).sum();
		Map<String, Long> perDept = new HashMap<>();
		cells.forEach((r) -> perDept.merge(Departments.code(depts, r.key().departmentId()), r.totals().requests(),
				Long::sum));
		List<UsageResponses.IntentRow> rows = new ArrayList<>();
		cells.forEach((r) -> {
			String dept = Departments.code(depts, r.key().departmentId());
			Totals t = r.totals();
			rows.add(new UsageResponses.IntentRow(dept, (r.key().intent() != null) ? r.key().intent() : "unknown",
					t.requests(), pct(t.requests(), perDept.get(dept)), pct(t.requests(), total)));
		});
		rows.sort(Comparator.comparing(UsageResponses.IntentRow::department)
			.thenComparing(Comparator.comparingLong(UsageResponses.IntentRow::count).reversed()));
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("total_requests", total);
		extra.put("departments_count", perDept.size());
		extra.put("intents_count", rows.stream().map(UsageResponses.IntentRow::intent).distinct().count());
		return View.of(rows, extra);
	}

	View topAgents(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());
		List<FleetRow> rows = this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.AGENT, Dim.DEPARTMENT).rows().list();
		long total = rows.stream().mapToLong((r) -> r.totals().requests()).sum();
		Map<String, UsageResponses.TopAgent> byAgent = new LinkedHashMap<>();
		Map<String, Totals> merged = new LinkedHashMap<>();
		Map<String, String> deptOf = new HashMap<>();
		rows.forEach((r) -> {
			merged.merge(r.key().agentId(), r.totals(), Totals::plus);
			deptOf.putIfAbsent(r.key().agentId(), Departments.code(depts, r.key().departmentId()));
		});
		merged.forEach((agent, t) -> byAgent.put(agent, new UsageResponses.TopAgent(agent, deptOf.get(agent),
				t.requests(), pct(t.requests(), total), t.errorRatePct(), t.costCents())));
		List<UsageResponses.TopAgent> sorted = byAgent.values()
			.stream()
			.sorted(Comparator.comparingLong(UsageResponses.TopAgent::requestCount)
				.reversed()
				.thenComparing(UsageResponses.TopAgent::agentId))
			.toList();
		int from = Math.min(sorted.size(), f.offset());
		return View.page(sorted.subList(from, Math.min(sorted.size(), from + f.limit())),
				View.Paging.offset(sorted.size(), f.page(), f.limit()));
	}

	View topUsers(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = SELECT_TOP_USERS + RAW_WINDOW + scope.sqlFilters("t", params)
				+ " GROUP BY t.user_id ORDER BY n DESC, t.user_id LIMIT :limit OFFSET :offset";
		params.put("limit", f.limit());
		params.put("offset", f.offset());
		long[] total = { 0 };
		List<UsageResponses.TopUser> rows = bind(sql, params, f.from(), f.to()).query((rs, i) -> {
			total[0] = rs.getLong("total");
			return new UsageResponses.TopUser(rs.getString("user_id"), rs.getLong("n"), rs.getLong("agents"),
					rs.getBigDecimal("cost").setScale(2, java.math.RoundingMode.HALF_UP),
					rs.getObject("last_seen", OffsetDateTime.class).toInstant());
		}).list();
		return View.page(rows, View.Paging.offset(total[0], f.page(), f.limit()));
	}

	View adoption(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Source series = this.fleet.sources().series(f.from(), f.to(), 30);
		Map<String, Object> params = new LinkedHashMap<>();
		String filter = scope.sqlFilters("t", params);
		params.put("bucket", series.bucket().toSeconds() + " seconds");
		params.put("origin", Tiers.at(series.origin()));
		Map<Instant, long[]> byBucket = new LinkedHashMap<>();
		long[] before = { 0 };
		bind(SELECT_ADOPTION.formatted(filter, filter), params, f.from(), f.to()).query((rs) -> {
			before[0] = rs.getLong("before_window");
			byBucket.put(rs.getObject("b", OffsetDateTime.class).toInstant(),
					new long[] { rs.getLong("users"), rs.getLong("new_users"), rs.getLong("agents") });
		});
		List<UsageResponses.AdoptionPoint> points = new ArrayList<>();
		long cumulative = before[0];
		for (Instant b : series.bucketStarts()) {
			long[] v = byBucket.getOrDefault(b, new long[3]);
			cumulative += v[1];
			points.add(new UsageResponses.AdoptionPoint(b, v[0], v[1], cumulative, v[2]));
		}
		return View.of(points, Map.of("bucket_seconds", series.bucket().toSeconds()));
	}

	View retentionCohorts(StandardFilters f, String cohortSize) {
		String size = (cohortSize == null) ? "monthly" : cohortSize;
		if (!COHORT_SIZES.contains(size)) {
			throw ApiException.validation("cohort_size", "must be one of " + COHORT_SIZES, COHORT_SIZES);
		}
		boolean weekly = size.equals("weekly");
		Scope scope = this.fleet.scope(f);
		Map<String, Object> params = new LinkedHashMap<>();
		String filter = scope.sqlFilters("t", params);
		params.put("unit", weekly ? "week" : "month");
		Map<Instant, Map<Instant, Long>> cells = new LinkedHashMap<>();
		Map<Instant, Long> cohortUsers = new HashMap<>();
		bind(SELECT_COHORTS.formatted(filter, filter), params, f.from(), f.to()).query((rs) -> {
			Instant cohort = rs.getObject("cohort", OffsetDateTime.class).toInstant();
			cells.computeIfAbsent(cohort, (c) -> new LinkedHashMap<>())
				.put(rs.getObject("period", OffsetDateTime.class).toInstant(), rs.getLong("users"));
			cohortUsers.put(cohort, rs.getLong("cohort_users"));
		});
		Instant lastPeriod = periodStart(f.to().minusNanos(1), weekly);
		String prefix = weekly ? "week_" : "month_";
		List<Map<String, Object>> rows = new ArrayList<>();
		cells.forEach((cohort, periods) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put(weekly ? "cohort_week" : "cohort_month",
					weekly ? cohort.toString().substring(0, 10) : cohort.toString().substring(0, 7));
			long size0 = cohortUsers.getOrDefault(cohort, 0L);
			row.put("cohort_users", size0);
			int index = 0;
			for (Instant p = cohort; !p.isAfter(lastPeriod); p = next(p, weekly), index++) {
				Long active = periods.get(p);
				row.put(prefix + index, (size0 == 0) ? null : pct((active != null) ? active : 0, size0));
			}
			rows.add(row);
		});
		return View.of(rows, Map.of("cohort_size", size, "first_seen",
				"a user's first trace in the workspace (within the selected filters)"));
	}

	private static Instant periodStart(Instant t, boolean weekly) {
		OffsetDateTime utc = t.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
		return weekly ? utc.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toInstant()
				: utc.withDayOfMonth(1).toInstant();
	}

	private static Instant next(Instant p, boolean weekly) {
		OffsetDateTime utc = p.atOffset(ZoneOffset.UTC);
		return (weekly ? utc.plusWeeks(1) : utc.plusMonths(1)).toInstant();
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params, Instant from, Instant to) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql)
			.param("from", Tiers.at(from))
			.param("to", Tiers.at(to));
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

	static double pct(long part, long whole) {
		return (whole == 0) ? 0 : Totals.round(100.0 * part / whole, 1);
	}

	static BigDecimal zero() {
		return BigDecimal.ZERO;
	}

}
