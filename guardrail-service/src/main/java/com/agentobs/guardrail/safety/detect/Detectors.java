package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every detector, run over one text: PII, secrets, injection, toxicity, plus a workspace's custom
 * patterns, minus its allow list (exact values, case-insensitive, never reported). Overlapping span
 * findings keep the most specific one (highest score, then the longer span), so a value is redacted once.
 */
public final class Detectors {

	/** Longest text scanned; the rest is not looked at (the check answers on the first 256 KB). */
	public static final int MAX_SCAN_CHARS = 256 * 1024;

	private static final List<Detector> STANDARD = List.of(new SecretDetector(), new EmailDetector(),
			new PaymentCardDetector(), new IbanDetector(), new SsnDetector(), new PhoneDetector("US"),
			new IpAddressDetector(), new InjectionDetector(), new ToxicityDetector());

	private final List<CustomPattern> custom;

	private final Set<String> allowList;

	private Detectors(List<CustomPattern> custom, Set<String> allowList) {
		this.custom = List.copyOf(custom);
		this.allowList = allowList.stream().map((v) -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	public static Detectors standard() {
		return new Detectors(List.of(), Set.of());
	}

	public static Detectors of(List<CustomPattern> custom, Set<String> allowList) {
		return new Detectors(custom, allowList);
	}

	/** The findings in {@code text}, ordered by start; spans refer to {@code text} as given. */
	public List<Finding> scan(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		String scanned = text.length() > MAX_SCAN_CHARS ? text.substring(0, MAX_SCAN_CHARS) : text;
		ScanText scan = new ScanText(scanned);
		List<Finding> found = new ArrayList<>();
		for (Detector detector : STANDARD) {
			detector.detect(scan, found);
		}
		for (CustomPattern pattern : this.custom) {
			com.google.re2j.Matcher m = pattern.pattern().matcher(scanned);
			while (m.find()) {
				if (m.end() > m.start()) {
					found.add(new Finding(FindingType.CUSTOM, pattern.name(), m.start(), m.end(), 1.0));
				}
			}
		}
		if (!this.allowList.isEmpty()) {
			found.removeIf((f) -> isSpan(f)
					&& this.allowList.contains(scanned.substring(f.start(), f.end()).toLowerCase(Locale.ROOT)));
		}
		return resolveOverlaps(found);
	}

	/** Findings about a span of the text (PII, secrets, custom), as opposed to the whole text (injection, toxicity). */
	public static boolean isSpan(Finding finding) {
		return finding.type().category() != FindingType.Category.INJECTION
				&& finding.type().category() != FindingType.Category.TOXICITY;
	}

	static List<Finding> resolveOverlaps(List<Finding> found) {
		List<Finding> spans = new ArrayList<>();
		List<Finding> whole = new ArrayList<>();
		for (Finding f : found) {
			(isSpan(f) ? spans : whole).add(f);
		}
		spans.sort(Comparator.comparingDouble(Finding::score)
			.reversed()
			.thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed())
			.thenComparingInt(Finding::start));
		List<Finding> kept = new ArrayList<>();
		for (Finding candidate : spans) {
			if (kept.stream().noneMatch(candidate::overlaps)) {
				kept.add(candidate);
			}
		}
		kept.addAll(whole);
		kept.sort(Comparator.comparingInt(Finding::start).thenComparing((Finding f) -> f.type()));
		return List.copyOf(kept);
	}

}
