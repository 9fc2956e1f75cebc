package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.Scope;

import org.springframework.stereotype.Component;

/**
 * A goal's progress from the traffic of its linked agents: the metric day by day from its start
 * (value, hours and outcomes cumulative on top of the baseline; ROI % of the period so far), the
 * pace of the last {@value #PACE_DAYS} complete days, the projection to the target date and the
 * status ({@link GoalStatus}). Closed goals keep the status and value they were closed with.
 */
@Component
class GoalEvaluator {

	static final int PACE_DAYS = 14;

	private final Traffic traffic;

	GoalEvaluator(Traffic traffic) {
		this.traffic = traffic;
	}

	record Evaluation(Goal goal, BigDecimal currentValue, BigDecimal projectedValue, BigDecimal pctOfTarget,
			BigDecimal progressPct, GoalStatus status, BigDecimal dailyPace, Map<LocalDate, BigDecimal> days) {
	}

	List<Evaluation> evaluate(UUID ws, List<Goal> goals, Map<UUID, ValueModel> models, Instant now) {
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalDate first = goals.stream().map(Goal::startDate).min(LocalDate::compareTo).orElse(today);
		List<FleetRow> rows = first.isAfter(today) ? List.of()
				: this.traffic.daily(new Scope(ws, null, null, null, null), first.atStartOfDay().toInstant(ZoneOffset.UTC),
						now, Dim.AGENT);
		List<Evaluation> out = new ArrayList<>(goals.size());
		for (Goal g : goals) {
			out.add(evaluate(g, rows, models, today));
		}
		return out;
	}

	static Evaluation evaluate(Goal g, List<FleetRow> rows, Map<UUID, ValueModel> models, LocalDate today) {
		Set<String> agents = new HashSet<>(g.linkedAgentIds());
		LocalDate last = today.isBefore(g.targetDate()) ? today : g.targetDate();
		Map<LocalDate, Traffic.Sum> perDay = new LinkedHashMap<>();
		for (LocalDate d = g.startDate(); !d.isAfter(last); d = d.plusDays(1)) {
			perDay.put(d, Traffic.Sum.ZERO);
		}
		for (FleetRow row : rows) {
			LocalDate day = Traffic.day(row);
			if (agents.contains(row.key().agentId()) && perDay.containsKey(day)) {
				perDay.merge(day, Traffic.Sum.of(row, models), Traffic.Sum::plus);
			}
		}
		Map<LocalDate, BigDecimal> days = new LinkedHashMap<>();
		Traffic.Sum cumulative = Traffic.Sum.ZERO;
		BigDecimal base = g.accumulating() ? g.baselineValue() : BigDecimal.ZERO;
		for (Map.Entry<LocalDate, Traffic.Sum> e : perDay.entrySet()) {
			cumulative = cumulative.plus(e.getValue());
			days.put(e.getKey(), metric(g.metric(), cumulative, base));
		}
		BigDecimal current = days.isEmpty() ? base : days.get(last);
		BigDecimal pace = pace(g, perDay, today);
		GoalStatus.Projection p = GoalStatus.project(g.accumulating(), current, g.targetValue(), pace, today,
				g.targetDate());
		GoalStatus status = p.status();
		if (g.closed()) {
			current = (g.currentValue() != null) ? g.currentValue() : current;
			status = GoalStatus.valueOf(g.status().toUpperCase(java.util.Locale.ROOT));
		}
		else if (!today.isBefore(g.targetDate()) && status != GoalStatus.ACHIEVED) {
			// the period is over: what was not reached is missed, however close
			status = GoalStatus.OFF_TRACK;
		}
		BigDecimal progress = current.multiply(BigDecimal.valueOf(100))
			.divide(g.targetValue(), 1, RoundingMode.HALF_UP);
		return new Evaluation(g, scale(current), scale(p.projected()), p.pctOfTarget().setScale(1, RoundingMode.HALF_UP),
				progress, status, scale(pace), days);
	}

	/** Mean daily gain over the last complete days (today is partial), at most {@value #PACE_DAYS}. */
	private static BigDecimal pace(Goal g, Map<LocalDate, Traffic.Sum> perDay, LocalDate today) {
		if (!g.accumulating()) {
			return BigDecimal.ZERO;
		}
		List<BigDecimal> complete = new ArrayList<>();
		for (Map.Entry<LocalDate, Traffic.Sum> e : perDay.entrySet()) {
			if (e.getKey().isBefore(today)) {
				complete.add(metric(g.metric(), e.getValue(), BigDecimal.ZERO));
			}
		}
		if (complete.isEmpty()) {
			return BigDecimal.ZERO;
		}
		List<BigDecimal> recent = complete.subList(Math.max(0, complete.size() - PACE_DAYS), complete.size());
		BigDecimal sum = recent.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		return sum.divide(BigDecimal.valueOf(recent.size()), 6, RoundingMode.HALF_UP);
	}

	private static BigDecimal metric(String metric, Traffic.Sum s, BigDecimal base) {
		return switch (metric) {
			case "value_usd" -> base.add(s.value());
			case "hours_saved" -> base.add(s.hours());
			case "successful_outcomes" -> base.add(BigDecimal.valueOf(s.successes()));
			default -> (s.cost().signum() == 0) ? BigDecimal.ZERO
					: s.value().subtract(s.cost()).multiply(BigDecimal.valueOf(100)).divide(s.cost(), 4,
							RoundingMode.HALF_UP);
		};
	}

	private static BigDecimal scale(BigDecimal v) {
		return v.setScale(2, RoundingMode.HALF_UP);
	}

}
