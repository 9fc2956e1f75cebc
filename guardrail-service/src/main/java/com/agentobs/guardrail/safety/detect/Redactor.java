package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
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
	 * span finding in it redacted ({@code findings} as {@link Detectors#scan} returns them): what a
	 * violation stores, so a raw secret or PII value never reaches a table.
	 */
	public static String excerpt(String text, List<Finding> findings, Finding finding, int radius) {
		int from = Detectors.isSpan(finding) ? Math.max(0, finding.start() - radius) : 0;
		int to = Detectors.isSpan(finding) ? Math.min(text.length(), finding.end() + radius)
				: Math.min(text.length(), 2 * radius);
		// widen to whole findings so no partial value leaks at the edges; only findings near the window can
		// touch it, and Detectors.scan orders them by start (so a long text costs no scan of all of them)
		int first = firstEndingAfter(findings, from);
		for (int i = first; i < findings.size() && findings.get(i).start() < to; i++) {
			Finding f = findings.get(i);
			if (Detectors.isSpan(f) && f.end() > from) {
				from = Math.min(from, f.start());
				to = Math.max(to, f.end());
			}
		}
		int start = from;
		int end = to;
		List<Finding> inside = new ArrayList<>();
		for (int i = firstEndingAfter(findings, start); i < findings.size() && findings.get(i).start() < end; i++) {
			Finding f = findings.get(i);
			if (Detectors.isSpan(f) && f.start() >= start && f.end() <= end) {
				inside.add(new Finding(f.type(), f.entity(), f.start() - start, f.end() - start, f.score()));
			}
		}
		// NUL cannot be stored in text or jsonb columns; the excerpt is for people, so it becomes U+FFFD
		String redacted = redact(text.substring(start, end), inside).replace('\u0000', '\uFFFD');
		return (start > 0 ? "…" : "") + redacted + (end < text.length() ? "…" : "");
	}

	/**
	 * Where to start looking for findings that reach past {@code from} in {@code findings} as
	 * {@link Detectors#scan} returns them (ordered by start; span findings do not overlap, so their ends are
	 * ordered too): bisection on start, then back over the findings that start before {@code from} until a
	 * span finding that ends by {@code from}, before which none can reach it.
	 */
	static int firstEndingAfter(List<Finding> findings, int from) {
		int lo = 0;
		int hi = findings.size();
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (findings.get(mid).start() < from) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		while (lo > 0) {
			Finding before = findings.get(lo - 1);
			if (Detectors.isSpan(before) && before.end() <= from) {
				break;
			}
			lo--;
		}
		return lo;
	}

}
