package com.agentobs.guardrail.safety.detect;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces span findings with typed placeholders ({@code <EMAIL_1>}, {@code <CREDIT_CARD_2>}). The
 * numbering is stable within one call: the same value gets the same placeholder wherever it occurs,
 * so a redacted answer still reads coherently ("write to <EMAIL_1> … <EMAIL_1> confirmed").
 */
public final class Redactor {

	private Redactor() {
	}

	/** {@code text} with every span finding in {@code findings} replaced; whole-text findings are ignored. */
	public static String redact(String text, Collection<Finding> findings) {
		List<Finding> spans = findings.stream()
			.filter(Detectors::isSpan)
			.sorted((a, b) -> Integer.compare(a.start(), b.start()))
			.toList();
		if (spans.isEmpty()) {
			return text;
		}
		Map<String, String> placeholders = new HashMap<>();
		Map<FindingType, Integer> counters = new HashMap<>();
		StringBuilder out = new StringBuilder(text.length());
		int at = 0;
		for (Finding f : spans) {
			if (f.start() < at || f.end() > text.length()) {
				continue;
			}
			String value = text.substring(f.start(), f.end());
			String placeholder = placeholders.computeIfAbsent(f.type() + "\u0000" + value,
					(k) -> "<" + f.type().name() + "_" + counters.merge(f.type(), 1, Integer::sum) + ">");
			out.append(text, at, f.start()).append(placeholder);
			at = f.end();
		}
		return out.append(text, at, text.length()).toString();
	}

	/**
	 * A short excerpt around {@code finding} (at most {@code radius} characters each side) with every
	 * span finding in it redacted: what a violation stores, so a raw secret or PII value never reaches a table.
	 */
	public static String excerpt(String text, List<Finding> findings, Finding finding, int radius) {
		int from = Detectors.isSpan(finding) ? Math.max(0, finding.start() - radius) : 0;
		int to = Detectors.isSpan(finding) ? Math.min(text.length(), finding.end() + radius)
				: Math.min(text.length(), 2 * radius);
		// widen to whole findings so no partial value leaks at the edges
		for (Finding f : findings) {
			if (Detectors.isSpan(f) && f.start() < to && f.end() > from) {
				from = Math.min(from, f.start());
				to = Math.max(to, f.end());
			}
		}
		int start = from;
		int end = to;
		List<Finding> inside = findings.stream()
			.filter((f) -> Detectors.isSpan(f) && f.start() >= start && f.end() <= end)
			.map((f) -> new Finding(f.type(), f.entity(), f.start() - start, f.end() - start, f.score()))
			.toList();
		// NUL cannot be stored in text or jsonb columns; the excerpt is for people, so it becomes U+FFFD
		String redacted = redact(text.substring(start, end), inside).replace('\u0000', '\uFFFD');
		return (start > 0 ? "…" : "") + redacted + (end < text.length() ? "…" : "");
	}

}
