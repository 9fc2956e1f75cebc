package com.agentobs.evaluation.rubric;

import java.util.List;

/**
 * One weighted criterion of a rubric version. {@code check} names the heuristic signal that
 * scores it offline ({@link #CHECKS}; {@code overall} = the mean of every signal).
 */
public record Criterion(String key, String name, String description, double weight, String check) {

	public static final List<String> CHECKS = List.of("overall", "length", "refusal", "format", "latency", "error",
			"reference");

	public Criterion {
		check = (check == null || check.isBlank()) ? "overall" : check;
	}

}
