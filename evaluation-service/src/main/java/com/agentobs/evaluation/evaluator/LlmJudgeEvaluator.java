package com.agentobs.evaluation.evaluator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.evaluation.evaluator.JudgeClient.JudgeCallException;
import com.agentobs.evaluation.evaluator.JudgeClient.JudgeReply;
import com.agentobs.evaluation.evaluator.JudgeClient.JudgeRequest;
import com.agentobs.evaluation.rubric.Criterion;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.TraceSample;
import com.agentobs.evaluation.system.EvaluationProperties;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the rubric's judge prompt with the trace to the model gateway and stores the reply
 * only when it matches the reply schema ({@code score} 0–100, a number per criterion,
 * {@code reasoning}); otherwise an {@code error} row, never a score. Timeouts, 429 and 5xx
 * are retried {@code retries} times, then recorded as an error. Tokens and cost are kept
 * either way. Off unless {@code agentobs.evaluation.judge.enabled}.
 */
@Component
class LlmJudgeEvaluator implements Evaluator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_CONTENT_CHARS = 8_000;

	private final JudgeClient client;

	private final EvaluationProperties.Judge settings;

	LlmJudgeEvaluator(JudgeClient client, EvaluationProperties properties) {
		this.client = client;
		this.settings = properties.judge();
	}

	@Override
	public String name() {
		return LLM_JUDGE;
	}

	@Override
	public boolean enabled() {
		return this.settings.enabled();
	}

	@Override
	public EvaluationResult evaluate(TraceSample trace, Rubric rubric) {
		JudgeRequest request = new JudgeRequest(this.settings.model(), system(rubric), prompt(trace),
				"application/json", schema(rubric), 0, 512, "quality_judge");
		JudgeReply reply = null;
		JudgeCallException last = null;
		for (int attempt = 0; attempt <= this.settings.retries() && reply == null; attempt++) {
			try {
				reply = this.client.complete(trace.workspaceId(), request);
			}
			catch (JudgeCallException ex) {
				last = ex;
				if (!ex.retryable()) {
					break;
				}
			}
		}
		if (reply == null) {
			return EvaluationResult.error("judge_" + last.kind() + ": " + last.getMessage(), null, null);
		}
		return parse(reply, rubric).withJudgeUsage(reply.totalTokens(), reply.costUsd());
	}

	/** The reply text checked against {@link #schema}: anything else is an error, never a score. */
	static EvaluationResult parse(JudgeReply reply, Rubric rubric) {
		JsonNode root;
		try {
			root = JSON.readTree((reply.text() != null) ? reply.text() : "");
		}
		catch (RuntimeException ex) {
			return EvaluationResult.error("schema_invalid: reply is not JSON", null, null);
		}
		JsonNode score = root.get("score");
		if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 100) {
			return EvaluationResult.error("schema_invalid: score must be a number in [0, 100]", null, null);
		}
		JsonNode reasoning = root.get("reasoning");
		if (reasoning == null || !reasoning.isString()) {
			return EvaluationResult.error("schema_invalid: reasoning must be a string", null, null);
		}
		Map<String, Double> criteria = new LinkedHashMap<>();
		JsonNode given = root.get("criteria");
		for (Criterion c : rubric.criteria()) {
			JsonNode value = (given != null) ? given.get(c.key()) : null;
			if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
				return EvaluationResult.error("schema_invalid: criteria." + c.key() + " must be a number in [0, 100]",
						null, null);
			}
			criteria.put(c.key(), value.asDouble());
		}
		return EvaluationResult.scored(score.asDouble(), criteria, reasoning.asString());
	}

	static Map<String, Object> schema(Rubric rubric) {
		Map<String, Object> criteria = new LinkedHashMap<>();
		for (Criterion c : rubric.criteria()) {
			criteria.put(c.key(), Map.of("type", "number", "minimum", 0, "maximum", 100));
		}
		return Map.of("type", "object", "required", List.of("score", "criteria", "reasoning"), "properties",
				Map.of("score", Map.of("type", "number", "minimum", 0, "maximum", 100), "criteria",
						Map.of("type", "object", "required", List.copyOf(criteria.keySet()), "properties", criteria),
						"reasoning", Map.of("type", "string")));
	}

	private static String system(Rubric rubric) {
		StringBuilder system = new StringBuilder(
				"You are a strict evaluator of an AI agent's answer. Score each criterion from 0 to 100, then an "
						+ "overall score as the weighted sum. Reply with JSON only: "
						+ "{\"score\": n, \"criteria\": {key: n}, \"reasoning\": \"...\"}.\nCriteria:\n");
		for (Criterion c : rubric.criteria()) {
			system.append("- ").append(c.key()).append(" (weight ").append(c.weight()).append("): ")
				.append((c.description() != null) ? c.description() : c.name()).append('\n');
		}
		if (rubric.judgePrompt() != null && !rubric.judgePrompt().isBlank()) {
			system.append(rubric.judgePrompt());
		}
		return system.toString();
	}

	private static String prompt(TraceSample trace) {
		StringBuilder prompt = new StringBuilder();
		prompt.append("User input:\n").append(clip(trace.input())).append("\n\nAgent answer:\n").append(clip(trace.output()));
		if (trace.reference() != null) {
			prompt.append("\n\nReference answer:\n").append(clip(trace.reference()));
		}
		return prompt.toString();
	}

	private static String clip(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= MAX_CONTENT_CHARS) ? text : text.substring(0, MAX_CONTENT_CHARS);
	}

}
