package com.agentobs.alert.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.rules.AlertRule;
import com.agentobs.alert.slo.Slo;

import org.springframework.stereotype.Component;

/**
 * Replays a rule (saved or not) over the past days without writing anything: the same
 * observations as the evaluator at every {@code step}, the same pending → firing → resolved rules
 * ({@code for_minutes}, hysteresis, clear evaluations to resolve), no silences, inhibition or
 * notifications. The step grows with the range so a preview is at most {@link #MAX_EVALUATIONS}
 * evaluations (a window shorter than the step is sampled, not scanned).
 */
@Component
public class RulePreview {

	public static final int MAX_EVALUATIONS = 400;

	private final RuleEvaluator evaluator;

	RulePreview(RuleEvaluator evaluator) {
		this.evaluator = evaluator;
	}

	/** The evaluation step for a rule over {@code days}: its window (5 to 60 min), widened to stay within the cap. */
	public static Duration step(AlertRule rule, int days) {
		long base = "burn_rate".equals(rule.kind()) ? 5 : Math.max(5, Math.min(60, rule.windowMinutes()));
		long needed = (long) Math.ceil(days * 1440.0 / MAX_EVALUATIONS);
		long minutes = Math.max(base, needed);
		minutes = ((minutes + 4) / 5) * 5;
		return Duration.ofMinutes(minutes);
	}

	/** Replays {@code rule} over the {@code days} before {@code now}; the caller holds the workspace transaction. */
	public Result replay(UUID ws, AlertRule rule, Slo slo, Instant now, int days) {
		Duration step = step(rule, days);
		// instants on a grid of whole steps since the epoch: the same rule previews at the same instants
		long stepSeconds = step.toSeconds();
		Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), stepSeconds) * stepSeconds);
		Instant at = end.minus(Duration.ofDays(days));
		Map<Scope, Open> open = new HashMap<>();
		List<Firing> firings = new ArrayList<>();
		int evaluations = 0;
		int clearsToResolve = AlertPipeline.clearsToResolve(rule);
		for (; !at.isAfter(end); at = at.plus(step)) {
			evaluations++;
			Map<Scope, Observation> seen = new HashMap<>();
			for (Observation o : this.evaluator.observe(ws, rule, slo, at)) {
				seen.put(o.scope(), o);
			}
			for (Map.Entry<Scope, Observation> e : seen.entrySet()) {
				Observation o = e.getValue();
				Open a = open.get(e.getKey());
				if (o.breached()) {
					if (a == null) {
						a = new Open(at);
						open.put(e.getKey(), a);
					}
					a.clears = 0;
					a.peak = (o.value() != null && (a.peak == null || o.value() > a.peak)) ? o.value() : a.peak;
					a.severity = (a.severity == null || o.severity().compareTo(a.severity) < 0) ? o.severity()
							: a.severity;
					if (a.firedAt == null && !at.isBefore(a.startedAt.plus(Duration.ofMinutes(rule.forMinutes())))) {
						a.firedAt = at;
					}
				}
				else if (a != null && o.cleared()) {
					close(e.getKey(), a, at, clearsToResolve, open, firings);
				}
			}
			// a group that vanished from the data counts as clear, as in the evaluator
			for (Map.Entry<Scope, Open> e : new ArrayList<>(open.entrySet())) {
				if (!seen.containsKey(e.getKey())) {
					close(e.getKey(), e.getValue(), at, clearsToResolve, open, firings);
				}
			}
		}
		open.forEach((scope, a) -> {
			if (a.firedAt != null) {
				firings.add(a.toFiring(scope, null));
			}
		});
		firings.sort(Comparator.comparing(Firing::firedAt));
		long scopes = firings.stream().map(Firing::labels).distinct().count();
		long firingMinutes = firings.stream()
			.mapToLong((f) -> Duration.between(f.firedAt(), (f.resolvedAt() != null) ? f.resolvedAt() : end).toMinutes())
			.sum();
		return new Result(days, (int) step.toMinutes(), evaluations, end.minus(Duration.ofDays(days)), end,
				firings.size(), scopes, firingMinutes, firings);
	}

	private static void close(Scope scope, Open a, Instant at, int clearsToResolve, Map<Scope, Open> open,
			List<Firing> out) {
		if (a.firedAt == null) {
			open.remove(scope);
			return;
		}
		a.clears++;
		if (a.clears >= clearsToResolve) {
			out.add(a.toFiring(scope, at));
			open.remove(scope);
		}
	}

	private static final class Open {

		final Instant startedAt;

		Instant firedAt;

		Double peak;

		String severity;

		int clears;

		Open(Instant startedAt) {
			this.startedAt = startedAt;
		}

		Firing toFiring(Scope scope, Instant resolvedAt) {
			return new Firing(scope.labels(), this.severity, this.startedAt, this.firedAt, resolvedAt, this.peak);
		}

	}

	// POST /api/v1/alert-rules/preview (data)
	/** What a rule would have done over the range: every firing with its scope, and totals. */
	public record Result(int days, int stepMinutes, int evaluations, Instant from, Instant to, int firedCount,
			long scopesFired, long firingMinutes, List<Firing> firings) {
	}

	/** One would-be alert: its labels, when it started (pending), fired and resolved (null: still firing at the end). */
	public record Firing(Map<String, String> labels, String severity, Instant startedAt, Instant firedAt,
			Instant resolvedAt, Double peakValue) {
	}

}
