package com.agentobs.evaluation.evaluator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.agentobs.evaluation.rubric.Criterion;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.TraceSample;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Offline, deterministic scoring from signals of the trace itself, each 0–100: {@code error}
 * (a failed trace scores 0), {@code length} (distinct words: none or a few is poor, very many decays),
 * {@code refusal} (refusal phrases), {@code format} (output that claims JSON must parse; a JSON
 * request needs JSON), {@code latency} (100 up to 2 s, 40 at 30 s and beyond) and
 * {@code reference} (share of the reference answer's words found in the output, when a reference
 * exists). A criterion scores its {@code check}'s signal ({@code overall}, or a reference check
 * without a reference: the mean of the others); the score is the weighted sum.
 */
@Component
class HeuristicEvaluator implements Evaluator {

	private static final Pattern REFUSAL = Pattern.compile(
			"\\b(i can(?:no|')t|i cannot|i am unable|i'm unable|i won't|as an ai|i'm sorry, but|i am sorry, but)\\b");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String name() {
		return HEURISTIC;
	}

	@Override
	public EvaluationResult evaluate(TraceSample trace, Rubric rubric) {
		Map<String, Double> signals = signals(trace);
		double overall = signals.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
		if (trace.failed()) {
			overall = 0;
		}
		Map<String, Double> criteria = new LinkedHashMap<>();
		double score = 0;
		for (Criterion c : rubric.criteria()) {
			double value = signals.getOrDefault(c.check(), overall);
			criteria.put(c.key(), round(value));
			score += c.weight() * value;
		}
		return EvaluationResult.scored(Math.max(0, Math.min(100, score)), criteria, null);
	}

	/** Every signal that applies to the trace ({@code reference} only with a reference). */
	static Map<String, Double> signals(TraceSample trace) {
		String output = (trace.output() != null) ? trace.output().trim() : "";
		Map<String, Double> signals = new LinkedHashMap<>();
		signals.put("error", trace.failed() ? 0.0 : 100.0);
		signals.put("length", lengthScore(words(output).size()));
		signals.put("refusal", REFUSAL.matcher(output.toLowerCase(Locale.ROOT)).find() ? 20.0 : 100.0);
		signals.put("format", formatScore(trace.input(), output));
		signals.put("latency", latencyScore(trace.latencyMs()));
		if (trace.reference() != null && !trace.reference().isBlank()) {
			signals.put("reference", overlap(trace.reference(), output));
		}
		return signals;
	}

	static double lengthScore(int words) {
		if (words == 0) {
			return 0;
		}
		if (words < 3) {
			return 40;
		}
		if (words <= 800) {
			return 100;
		}
		return Math.max(60, 100 - (words - 800) / 50.0);
	}

	static double formatScore(String input, String output) {
		boolean looksJson = output.startsWith("{") || output.startsWith("[");
		if (looksJson) {
			try {
				JSON.readTree(output);
				return 100;
			}
			catch (RuntimeException ex) {
				return 0;
			}
		}
		boolean jsonAsked = input != null && input.toLowerCase(Locale.ROOT).contains("json");
		return jsonAsked ? 30 : 100;
	}

	static double latencyScore(Integer latencyMs) {
		if (latencyMs == null || latencyMs <= 2_000) {
			return 100;
		}
		if (latencyMs >= 30_000) {
			return 40;
		}
		return 100 - 60.0 * (latencyMs - 2_000) / 28_000;
	}

	/** Share of the reference's distinct words that the output contains (0–100). */
	static double overlap(String reference, String output) {
		Set<String> wanted = words(reference);
		if (wanted.isEmpty()) {
			return 100;
		}
		Set<String> have = words(output);
		long found = wanted.stream().filter(have::contains).count();
		return 100.0 * found / wanted.size();
	}

	private static Set<String> words(String text) {
		Set<String> words = new HashSet<>();
		var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (m.find()) {
			words.add(m.group());
		}
		return words;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
