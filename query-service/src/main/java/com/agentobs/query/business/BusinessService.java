package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.query.business.BusinessResponses.Attribution;
import com.agentobs.query.business.BusinessResponses.DepartmentRoi;
import com.agentobs.query.business.BusinessResponses.ExecutiveReport;
import com.agentobs.query.business.BusinessResponses.GoalView;
import com.agentobs.query.business.BusinessResponses.Overview;
import com.agentobs.query.business.BusinessResponses.ReportForecast;
import com.agentobs.query.business.BusinessResponses.ReportGoal;
import com.agentobs.query.business.BusinessResponses.ReportRow;
import com.agentobs.query.business.BusinessResponses.ReportSummary;
import com.agentobs.query.business.BusinessResponses.Share;
import com.agentobs.query.business.BusinessResponses.ValuePoint;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

/**
 * The Business Impact reads. Value, cost and ROI follow the standard filters' window and scope;
 * goals follow their own periods (department filter only); forecasts are read as the business job
 * stored them.
 */
@Service
class BusinessService {

	static final List<String> SERIES = ForecastStore.SERIES;

	/** Days of actuals shown before a forecast. */
	static final int HISTORY_SHOWN_DAYS = 60;

	private final Traffic traffic;

	private final ValueModels valueModels;

	private final Goals goals;

	private final GoalEvaluator evaluator;

	private final ForecastStore forecasts;

	private final Clock clock = Clock.systemUTC();

	BusinessService(Traffic traffic, ValueModels valueModels, Goals goals, GoalEvaluator evaluator,
			ForecastStore forecasts) {
		this.traffic = traffic;
		this.valueModels = valueModels;
		this.goals = goals;
		this.evaluator = evaluator;
		this.forecasts = forecasts;
	}

	View overview(StandardFilters f) {
		Scope scope = this.traffic.fleet().scope(f);
		Map<UUID, ValueModel> models = this.valueModels.byDepartment(f.workspaceId());
		Traffic.Sum sum = Traffic.Sum.of(this.traffic.totals(scope, f.from(), f.to()), models);
		Roi roi = Roi.of(Cents.round(sum.value()), Cents.round(sum.cost()));
		BigDecimal perOutcome = (sum.successes() == 0) ? null
				: sum.cost().divide(BigDecimal.valueOf(sum.successes()), 4, RoundingMode.HALF_UP);
		List<GoalEvaluator.Evaluation> open = evaluations(f, false);
		int onTrack = (int) open.stream()
			.filter((e) -> e.status() == GoalStatus.ON_TRACK || e.status() == GoalStatus.ACHIEVED)
			.count();
		int missing = (int) this.traffic.fleet()
			.departments(f.workspaceId())
			.stream()
			.filter((d) -> scope.departmentId() == null || scope.departmentId().equals(d.id()))
			.filter((d) -> !models.containsKey(d.id()))
			.count();
		return View.of(new Overview(Cents.round(sum.value()), Cents.round(sum.cost()), roi.pct(), roi.note(),
				sum.hours().setScale(1, RoundingMode.HALF_UP), sum.successes(), perOutcome, onTrack, open.size(),
				missing));
	}

	View roiByDepartment(StandardFilters f) {
		return View.of(departmentRois(f));
	}

	private List<DepartmentRoi> departmentRois(StandardFilters f) {
		Scope scope = this.traffic.fleet().scope(f);
		Map<UUID, ValueModel> models = this.valueModels.byDepartment(f.workspaceId());
		Map<UUID, Traffic.Sum> byDept = new HashMap<>();
		for (FleetRow row : this.traffic.totals(scope, f.from(), f.to())) {
			if (row.key().departmentId() != null) {
				byDept.merge(row.key().departmentId(), Traffic.Sum.of(row, models), Traffic.Sum::plus);
			}
		}
		List<DepartmentRoi> rows = new ArrayList<>();
		for (Departments.Department d : this.traffic.fleet().departments(f.workspaceId())) {
			if (scope.departmentId() != null && !scope.departmentId().equals(d.id())) {
				continue;
			}
			Traffic.Sum s = byDept.getOrDefault(d.id(), Traffic.Sum.ZERO);
			ValueModel m = models.get(d.id());
			Roi roi = Roi.of(Cents.round(s.value()), Cents.round(s.cost()));
			rows.add(new DepartmentRoi(d.code(), d.name(), Cents.round(s.value()), Cents.round(s.cost()), roi.pct(),
					roi.note(), s.hours().setScale(1, RoundingMode.HALF_UP), s.successes(),
					(m != null) ? m.modelType() : null, (m != null) ? m.unitValueUsd().setScale(4, RoundingMode.HALF_UP)
							: null));
		}
		rows.sort(Comparator.comparing(DepartmentRoi::valueUsd).reversed().thenComparing(DepartmentRoi::department));
		return rows;
	}

	View attribution(StandardFilters f) {
		Scope scope = this.traffic.fleet().scope(f);
		Map<UUID, ValueModel> models = this.valueModels.byDepartment(f.workspaceId());
		Map<UUID, Departments.Department> depts = this.traffic.fleet().departmentsById(f.workspaceId());
		Map<String, Traffic.Sum> byAgent = new LinkedHashMap<>();
		Map<String, UUID> agentDept = new HashMap<>();
		Map<String, Traffic.Sum> byIntent = new LinkedHashMap<>();
		for (FleetRow row : this.traffic.totals(scope, f.from(), f.to(), Dim.AGENT, Dim.INTENT)) {
			Traffic.Sum s = Traffic.Sum.of(row, models);
			byAgent.merge(row.key().agentId(), s, Traffic.Sum::plus);
			agentDept.putIfAbsent(row.key().agentId(), row.key().departmentId());
			byIntent.merge((row.key().intent() != null) ? row.key().intent() : "unknown", s, Traffic.Sum::plus);
		}
		BigDecimal total = Cents.round(byAgent.values().stream().map(Traffic.Sum::value)
			.reduce(BigDecimal.ZERO, BigDecimal::add));
		List<Share> agents = shares(byAgent, total, (k) -> Departments.code(depts, agentDept.get(k)));
		List<Share> intents = shares(byIntent, total, (k) -> null);
		return View.of(new Attribution(total, agents, intents));
	}

	private static List<Share> shares(Map<String, Traffic.Sum> sums, BigDecimal total,
			java.util.function.Function<String, String> department) {
		List<String> keys = new ArrayList<>(sums.keySet());
		List<BigDecimal> cents = Cents.allocate(keys.stream().map((k) -> sums.get(k).value()).toList());
		List<Share> out = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			BigDecimal v = cents.get(i);
			Double pct = (total.signum() == 0) ? null
					: v.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP).doubleValue();
			out.add(new Share(keys.get(i), department.apply(keys.get(i)), v, pct, sums.get(keys.get(i)).successes()));
		}
		out.sort(Comparator.comparing(Share::valueUsd).reversed().thenComparing(Share::key));
		return out;
	}

	View valueOverTime(StandardFilters f) {
		Scope scope = this.traffic.fleet().scope(f);
		Map<UUID, ValueModel> models = this.valueModels.byDepartment(f.workspaceId());
		Source series = this.traffic.fleet().sources().seriesWithBucket(f.from(), f.to(), java.time.Duration.ofDays(1));
		Map<Instant, Traffic.Sum> byBucket = new LinkedHashMap<>();
		for (Instant start : series.bucketStarts()) {
			byBucket.put(start, Traffic.Sum.ZERO);
		}
		for (FleetRow row : this.traffic.fleet().read(series, scope).groupBy(Dim.BUCKET, Dim.DEPARTMENT).rows().list()) {
			byBucket.merge(row.key().bucket(), Traffic.Sum.of(row, models), Traffic.Sum::plus);
		}
		List<ValuePoint> points = new ArrayList<>();
		byBucket.forEach((t, s) -> points.add(new ValuePoint(t, Cents.round(s.value()), Cents.round(s.cost()),
				Cents.round(s.value().subtract(s.cost())))));
		return View.of(points, Map.of("bucket_seconds", series.bucket().toSeconds()));
	}

	View goals(StandardFilters f, boolean includeClosed) {
		List<GoalView> views = new ArrayList<>();
		for (GoalEvaluator.Evaluation e : evaluations(f, includeClosed)) {
			Goal g = e.goal();
			List<BusinessResponses.ProgressPoint> progress = new ArrayList<>();
			e.days().forEach((d, v) -> progress.add(new BusinessResponses.ProgressPoint(d, v.setScale(2,
					RoundingMode.HALF_UP))));
			views.add(new GoalView(g.goalId(), g.department(), g.name(), g.metric(), g.unit(), g.baselineValue(),
					g.targetValue(), e.currentValue(), e.projectedValue(), e.pctOfTarget(), e.progressPct(),
					e.status().code(), e.dailyPace(), g.startDate(), g.targetDate(), g.linkedAgentIds(), g.closed(),
					g.closedAt(), progress));
		}
		Map<GoalStatus, Integer> counts = new EnumMap<>(GoalStatus.class);
		views.stream().filter((v) -> !v.closed()).forEach((v) -> counts.merge(
				GoalStatus.valueOf(v.status().toUpperCase(java.util.Locale.ROOT)), 1, Integer::sum));
		Map<String, Object> extra = new LinkedHashMap<>();
		for (GoalStatus s : GoalStatus.values()) {
			extra.put("goals_" + s.code(), counts.getOrDefault(s, 0));
		}
		return View.of(views, extra);
	}

	private List<GoalEvaluator.Evaluation> evaluations(StandardFilters f, boolean includeClosed) {
		Scope scope = this.traffic.fleet().scope(f);
		List<Goal> list = this.goals.all(f.workspaceId(), includeClosed)
			.stream()
			.filter((g) -> scope.departmentId() == null || scope.departmentId().equals(g.departmentId()))
			.toList();
		return this.evaluator.evaluate(f.workspaceId(), list, this.valueModels.byDepartment(f.workspaceId()),
				this.clock.instant());
	}

	View forecast(StandardFilters f, String series) {
		Scope scope = this.traffic.fleet().scope(f);
		var run = this.forecasts.latest(f.workspaceId(), series, scope.departmentId());
		String department = f.department();
		if (run.isEmpty()) {
			return View.of(new BusinessResponses.Forecast(series, department, "pending", null, Map.of(), null, null,
					null, null, List.of(), List.of()), Map.of("note",
							"No forecast yet: the business job writes one once there are "
									+ Forecaster.MIN_DAYS + " complete days of traffic"));
		}
		ForecastStore.Run r = run.get();
		List<BusinessResponses.ForecastPoint> points = this.forecasts.points(f.workspaceId(), r.runId())
			.stream()
			.map((p) -> new BusinessResponses.ForecastPoint(p.date(), p.predicted(), p.lower80(), p.upper80(),
					p.lower95(), p.upper95()))
			.toList();
		BusinessResponses.Backtest backtest = (r.backtestMapePct() == null) ? null
				: new BusinessResponses.Backtest(r.backtestMapePct(), r.backtestCoverage80(), r.backtestCoverage95());
		return View.of(new BusinessResponses.Forecast(series, department, "ready", r.model(), r.params(), backtest,
				r.historyFrom(), r.historyTo(), r.generatedAt(), history(scope, series, r.historyTo()), points));
	}

	/** The actuals of the last {@value #HISTORY_SHOWN_DAYS} complete days up to the run's last day. */
	private List<BusinessResponses.HistoryPoint> history(Scope scope, String series, LocalDate to) {
		Map<UUID, ValueModel> models = this.valueModels.byDepartment(scope.workspaceId());
		LocalDate from = to.minusDays(HISTORY_SHOWN_DAYS - 1L);
		Map<LocalDate, Traffic.Sum> byDay = new LinkedHashMap<>();
		for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
			byDay.put(d, Traffic.Sum.ZERO);
		}
		Scope onlyDept = new Scope(scope.workspaceId(), scope.departmentId(), null, null, null);
		for (FleetRow row : this.traffic.daily(onlyDept, from.atStartOfDay().toInstant(ZoneOffset.UTC),
				to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
			byDay.merge(Traffic.day(row), Traffic.Sum.of(row, models), Traffic.Sum::plus);
		}
		List<BusinessResponses.HistoryPoint> out = new ArrayList<>();
		boolean started = false;
		for (Map.Entry<LocalDate, Traffic.Sum> e : byDay.entrySet()) {
			started |= e.getValue().requests() > 0;
			if (started) {
				out.add(new BusinessResponses.HistoryPoint(e.getKey(),
						BigDecimal.valueOf(BusinessJob.pick(series, e.getValue())).setScale(2, RoundingMode.HALF_UP)));
			}
		}
		return out;
	}

	View valueModels(StandardFilters f) {
		return View.of(this.valueModels.all(f.workspaceId()));
	}

	/** Forecast horizons of the executive report, in days. */
	static final List<Integer> REPORT_HORIZONS = List.of(30, 90);

	View executiveReport(StandardFilters f) {
		Scope scope = this.traffic.fleet().scope(f);
		List<GoalEvaluator.Evaluation> open = evaluations(f, false);
		Map<String, int[]> goalCounts = new HashMap<>();
		for (GoalEvaluator.Evaluation e : open) {
			int[] c = goalCounts.computeIfAbsent(e.goal().department(), (k) -> new int[GoalStatus.values().length]);
			c[e.status().ordinal()]++;
		}
		Map<String, UUID> ids = new HashMap<>();
		this.traffic.fleet().departments(f.workspaceId()).forEach((d) -> ids.put(d.code(), d.id()));
		List<ReportRow> rows = new ArrayList<>();
		for (DepartmentRoi d : departmentRois(f)) {
			int[] c = goalCounts.getOrDefault(d.department(), new int[GoalStatus.values().length]);
			UUID id = ids.get(d.department());
			rows.add(new ReportRow(d.department(), d.valueUsd(), d.costUsd(), d.roiPct(), d.hoursSaved(),
					d.successfulOutcomes(), c[GoalStatus.ON_TRACK.ordinal()], c[GoalStatus.AT_RISK.ordinal()],
					c[GoalStatus.OFF_TRACK.ordinal()], c[GoalStatus.ACHIEVED.ordinal()],
					this.forecasts.predictedTotal(f.workspaceId(), "value_usd", id).orElse(null),
					this.forecasts.predictedTotal(f.workspaceId(), "cost_usd", id).orElse(null)));
		}
		List<ReportGoal> board = open.stream()
			.map((e) -> new ReportGoal(e.goal().department(), e.goal().name(), e.goal().metric(), e.goal().unit(),
					e.currentValue(), e.goal().targetValue(), e.pctOfTarget(), e.status().code(),
					e.goal().targetDate()))
			.toList();
		List<ReportForecast> forecast = new ArrayList<>();
		for (String series : List.of("value_usd", "cost_usd")) {
			var points = this.forecasts.latestPoints(f.workspaceId(), series, scope.departmentId());
			for (int days : REPORT_HORIZONS) {
				forecast.add(points.map((p) -> ForecastStore.total(p, days))
					.map((t) -> new ReportForecast(series, days, "ready", t.predicted(), t.lower80(), t.upper80()))
					.orElseGet(() -> new ReportForecast(series, days, "pending", null, null, null)));
			}
		}
		return View.of(new ExecutiveReport(f.workspaceId(), this.traffic.fleet().workspaceName(f.workspaceId()),
				f.from(), f.to(), this.clock.instant(), summary(rows), rows, board, forecast));
	}

	/** The report's KPIs from its rows, so the PDF's totals are the CSV's rows added up. */
	private static ReportSummary summary(List<ReportRow> rows) {
		BigDecimal value = rows.stream().map(ReportRow::valueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal cost = rows.stream().map(ReportRow::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		Roi roi = Roi.of(value, cost);
		return new ReportSummary(value, cost, roi.pct(), roi.note(),
				rows.stream().map(ReportRow::hoursSaved).reduce(BigDecimal.ZERO, BigDecimal::add),
				rows.stream().mapToLong(ReportRow::successfulOutcomes).sum(),
				rows.stream().mapToInt(ReportRow::goalsOnTrack).sum(),
				rows.stream().mapToInt(ReportRow::goalsAtRisk).sum(),
				rows.stream().mapToInt(ReportRow::goalsOffTrack).sum(),
				rows.stream().mapToInt(ReportRow::goalsAchieved).sum());
	}

	static String checkSeries(String series) {
		String s = (series == null || series.isBlank()) ? "value_usd" : series;
		if (!SERIES.contains(s)) {
			throw ApiException.validation("series", "must be one of " + SERIES, SERIES);
		}
		return s;
	}


}
