package com.agentobs.evaluation.evaluator;

import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.TraceSample;

/**
 * Scores one trace against one rubric version. Implementations: {@code heuristic} (offline,
 * deterministic, the default) and {@code llm_judge} (a judge prompt sent through the model
 * gateway). Human scores arrive through the review queue, not through this interface.
 */
public interface Evaluator {

	String HEURISTIC = "heuristic";

	String LLM_JUDGE = "llm_judge";

	String HUMAN = "human";

	/** The {@code evaluations.evaluator} value. */
	String name();

	/** Whether this evaluator may run now (the judge is off unless configured). */
	default boolean enabled() {
		return true;
	}

	EvaluationResult evaluate(TraceSample trace, Rubric rubric);

}
