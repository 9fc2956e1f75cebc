package com.agentobs.guardrail.safety.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers that libphonenumber finds valid (region-aware, US default region), written either in
 * international form ({@code +44 20 7946 0958}) or with the grouping people use ({@code (415) 555-2671}).
 * A bare run of digits is not a phone number here: order numbers and timestamps look exactly like one.
 */
final class PhoneDetector implements Detector {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	/**
	 * Stretches that can hold a phone number as this detector accepts one (a leading {@code +}, or digit
	 * groups with separators or parentheses); libphonenumber then validates each one on its own, which
	 * costs far less than its own search over the whole text.
	 */
	private static final Pattern CANDIDATE = Pattern
		.compile("(?:\\+\\s?\\(?\\d[\\d\\s().-]{5,24}\\d|\\(?\\d{2,5}\\)?[\\s.-]{1,2}\\d{2,5}[\\s.-]\\d{2,5}(?:[\\s.-]\\d{1,5}){0,2})");

	private final String defaultRegion;

	PhoneDetector(String defaultRegion) {
		this.defaultRegion = defaultRegion;
	}

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		Map<String, Boolean> validated = new HashMap<>(); // a conversation repeats its numbers: validate each once
		Anchored anchored = null;
		int last = original.length() - 1;
		for (int i = 0; i < last; i++) {
			// a match begins with '+', or with a group of 2 to 5 digits, optionally after '(', that a
			// separator or ')' ends: inside a longer run of digits no match can begin
			char c = original.charAt(i);
			boolean start = c == '+' || Anchored.isDigit(c) && shortGroupAt(original, i)
					|| c == '(' && shortGroupAt(original, i + 1);
			if (start) {
				if (anchored == null) {
					anchored = new Anchored(CANDIDATE, original);
				}
				if (anchored.matchesAt(i)) {
					accept(anchored.matcher(), original, validated, out);
				}
			}
		}
	}

	/** The same findings with the pattern searched from every position: the reference {@link #detect} must equal. */
	List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		Map<String, Boolean> validated = new HashMap<>();
		Matcher m = CANDIDATE.matcher(original);
		while (m.find()) {
			accept(m, original, validated, out);
		}
		return out;
	}

	private void accept(Matcher candidate, String original, Map<String, Boolean> validated, List<Finding> out) {
		String raw = candidate.group();
		if (!raw.startsWith("+") && !grouped(raw)) {
			return;
		}
		if (partOfLargerToken(original, candidate.start(), candidate.end())) {
			return;
		}
		if (validated.computeIfAbsent(raw, this::valid)) {
			out.add(Finding.of(FindingType.PHONE, candidate.start(), candidate.end(), raw.startsWith("+") ? 0.9 : 0.8));
		}
	}

	/** Digits at {@code i} and {@code i + 1}, and a non-digit within the next 3 characters after them. */
	private static boolean shortGroupAt(String text, int i) {
		if (i + 2 >= text.length() || !Anchored.isDigit(text.charAt(i)) || !Anchored.isDigit(text.charAt(i + 1))) {
			return false;
		}
		for (int j = i + 2; j <= i + 5 && j < text.length(); j++) {
			if (!Anchored.isDigit(text.charAt(j))) {
				return true;
			}
		}
		return false;
	}

	/** libphonenumber's validity (number plan, length, region) for one candidate, parsed on its own. */
	private boolean valid(String raw) {
		try {
			return PHONES.isValidNumber(PHONES.parse(raw, this.defaultRegion));
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

	/** Written as a phone number: parentheses, or at least two separators between digit groups. */
	static boolean grouped(String raw) {
		if (raw.indexOf('(') >= 0) {
			return true;
		}
		int separators = 0;
		for (int i = 1; i < raw.length() - 1; i++) {
			char c = raw.charAt(i);
			if ((c == '-' || c == ' ' || c == '.') && Character.isDigit(raw.charAt(i - 1))) {
				separators++;
			}
		}
		return separators >= 2 && raw.chars().noneMatch((c) -> c == '.') || separators >= 2 && dotted(raw);
	}

	/** {@code 415.555.2671}: three dot-separated groups of 3, 3 and 4 digits, not a version string. */
	private static boolean dotted(String raw) {
		return raw.matches("\\d{3}\\.\\d{3}\\.\\d{4}");
	}

	/** Digits glued to letters, dots or colons around them belong to an id, a version or a time. */
	static boolean partOfLargerToken(String text, int start, int end) {
		if (start > 0) {
			char before = text.charAt(start - 1);
			if (Character.isLetterOrDigit(before) || before == '.' || before == ':' || before == '/' || before == '_') {
				return true;
			}
		}
		if (end < text.length()) {
			char after = text.charAt(end);
			if (Character.isLetterOrDigit(after) || after == ':' || after == '/' || after == '_'
					|| (after == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)))) {
				return true;
			}
		}
		return false;
	}

}
