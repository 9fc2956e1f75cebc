package com.agentobs.evaluation.online;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.evaluation.evaluator.Evaluator;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.rubric.RubricStore;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.EvaluationStore;
import com.agentobs.evaluation.scoring.NewEvaluation;
import com.agentobs.evaluation.scoring.TraceLoader;
import com.agentobs.evaluation.scoring.TraceSample;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/**
 * Scores one batch of processed traces: every enabled rule whose filters match and whose
 * sample contains the trace runs its evaluator against its rubric's current version (when the
 * rubric applies to the trace's agent or department). Reads in one transaction, evaluates
 * outside any (a judge call may take seconds), writes in one; the write is idempotent, so a
 * replayed batch adds nothing.
 */
@Service
public class OnlineEvaluation {

	private final WorkspaceTransactions transactions;

	private final RuleStore rules;

	private final RubricStore rubrics;

	private final TraceLoader traces;

	private final EvaluationStore evaluations;

	private final Map<String, Evaluator> evaluators;

	private final Counter written;

	private final Counter skippedDisabled;

	OnlineEvaluation(WorkspaceTransactions transactions, RuleStore rules, RubricStore rubrics, TraceLoader traces,
			EvaluationStore evaluations, List<Evaluator> evaluators, MeterRegistry meters) {
		this.transactions = transactions;
		this.rules = rules;
		this.rubrics = rubrics;
		this.traces = traces;
		this.evaluations = evaluations;
		this.evaluators = evaluators.stream().collect(Collectors.toMap(Evaluator::name, Function.identity()));
		this.written = meters.counter("agentobs.evaluation.written");
		this.skippedDisabled = meters.counter("agentobs.evaluation.skipped", "reason", "evaluator_disabled");
	}

	private record Work(List<TraceSample> traces, List<EvaluatorRule> rules, Map<UUID, Rubric> rubrics,
			Map<UUID, Double> judgeSpend) {
	}

	/** Evaluates the given traces of one workspace; returns the number of evaluations written. */
	public int evaluate(UUID ws, List<String> traceIds, Instant from, Instant to) {
		Work work = this.transactions.inWorkspace(ws, () -> {
			List<EvaluatorRule> enabled = this.rules.enabled(ws);
			if (enabled.isEmpty()) {
				return null;
			}
			Map<UUID, Rubric> rubrics = new HashMap<>();
			Map<UUID, Double> spend = new HashMap<>();
			for (EvaluatorRule rule : enabled) {
				this.rubrics.find(ws, rule.rubricId()).ifPresent((r) -> rubrics.put(r.rubricId(), r));
				if (rule.dailyCostCapUsd() != null) {
					spend.put(rule.id(), this.evaluations.judgeSpendToday(ws, rule.id()));
				}
			}
			return new Work(this.traces.load(ws, traceIds, from, to), enabled, rubrics, spend);
		});
		if (work == null || work.traces().isEmpty()) {
			return 0;
		}
		List<NewEvaluation> results = score(work);
		int inserted = this.transactions.inWorkspace(ws, () -> this.evaluations.insertAll(ws, results)).size();
		this.written.increment(inserted);
		return inserted;
	}

	/**
	 * Scores one rule over traces already loaded (a backfill's page): the same filters, sampling,
	 * rubric assignment, evaluator and cap as online; returns what to insert.
	 */
	List<NewEvaluation> scoreRule(UUID ws, EvaluatorRule rule, Rubric rubric, List<TraceSample> traces) {
		Map<UUID, Double> spend = new HashMap<>();
		if (rule.dailyCostCapUsd() != null) {
			spend.put(rule.id(), this.transactions.inWorkspace(ws, () -> this.evaluations.judgeSpendToday(ws, rule.id())));
		}
		return score(new Work(traces, List.of(rule), Map.of(rubric.rubricId(), rubric), spend));
	}

	private List<NewEvaluation> score(Work work) {
		List<NewEvaluation> results = new ArrayList<>();
		for (TraceSample trace : work.traces()) {
			for (EvaluatorRule rule : work.rules()) {
				evaluate(trace, rule, work).ifPresent(results::add);
			}
		}
		return results;
	}

	private Optional<NewEvaluation> evaluate(TraceSample trace, EvaluatorRule rule, Work work) {
		Rubric rubric = work.rubrics().get(rule.rubricId());
		Evaluator evaluator = this.evaluators.get(rule.evaluator());
		if (rubric == null || evaluator == null || !rule.matches(trace)
				|| !rubric.appliesTo(trace.agentId(), trace.department()) || !rule.samples(trace)) {
			return Optional.empty();
		}
		if (!evaluator.enabled()) {
			this.skippedDisabled.increment();
			return Optional.empty();
		}
		EvaluationResult result;
		Double spent = work.judgeSpend().get(rule.id());
		if (Evaluator.LLM_JUDGE.equals(evaluator.name()) && spent != null && spent >= rule.dailyCostCapUsd()) {
			result = EvaluationResult.budgetExhausted();
		}
		else {
			result = evaluator.evaluate(trace, rubric);
			if (spent != null && result.judgeCostUsd() != null) {
				work.judgeSpend().put(rule.id(), spent + result.judgeCostUsd().doubleValue());
			}
		}
		return Optional.of(new NewEvaluation(trace, rubric.rubricId(), rubric.version(), evaluator.name(), rule.id(),
				result, rubric.passThreshold(), null, null));
	}

}
