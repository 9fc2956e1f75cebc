package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 digits, optionally grouped by single spaces or hyphens, that pass
 * Luhn AND start with an issuer prefix of a card network at a length that network issues. Luhn alone
 * passes one random number in ten (order numbers, timestamps), the prefix and length rule most of those out.
 */
final class PaymentCardDetector implements Detector {

	private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w.-])\\d(?:[ -]?\\d){12,18}(?![\\w]|[.-]\\d)");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		Anchored anchored = null;
		for (int i = 0; i < original.length(); i++) {
			// a match begins with a digit that follows no word character, '.' or '-' (the look-behind)
			if (Anchored.isDigit(original.charAt(i)) && (i == 0 || !numberGlue(original.charAt(i - 1)))
					&& (anchored == null || !anchored.hides(i)) && thirteenDigitsAt(original, i)) {
				if (anchored == null) {
					anchored = new Anchored(CANDIDATE, original);
				}
				if (anchored.matchesAt(i)) {
					accept(anchored.matcher().group(), anchored.matcher().start(), anchored.matcher().end(), out);
				}
			}
		}
	}

	/** The same findings with the pattern searched from every position: the reference {@link #detect} must equal. */
	static List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		Matcher m = CANDIDATE.matcher(original);
		while (m.find()) {
			accept(m.group(), m.start(), m.end(), out);
		}
		return out;
	}

	private static void accept(String raw, int start, int end, List<Finding> out) {
		if (!consistentGrouping(raw)) {
			return;
		}
		String digits = raw.replace(" ", "").replace("-", "");
		if (issuerMatches(digits) && luhn(digits)) {
			out.add(Finding.of(FindingType.CREDIT_CARD, start, end, 0.97));
		}
	}

	/** At least 13 digits from {@code i} on, each followed by at most one space or hyphen: a match needs them. */
	private static boolean thirteenDigitsAt(String text, int i) {
		int digits = 0;
		int j = i;
		while (j < text.length() && Anchored.isDigit(text.charAt(j))) {
			if (++digits >= 13) {
				return true;
			}
			j++;
			boolean separator = j + 1 < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '-');
			if (separator && Anchored.isDigit(text.charAt(j + 1))) {
				j++;
			}
		}
		return false;
	}

	/** Characters a number glued to them is part of ({@code \w}, '.', '-'): no card or SSN begins after one. */
	static boolean numberGlue(char c) {
		return Anchored.isWord(c) || c == '.' || c == '-';
	}

	/** Separators, when present, are all the same character (4-4-4-4, 4-6-5): "1234 5678-9012" is not a card. */
	static boolean consistentGrouping(String raw) {
		boolean space = raw.indexOf(' ') >= 0;
		boolean dash = raw.indexOf('-') >= 0;
		return !(space && dash);
	}

	static boolean issuerMatches(String d) {
		int len = d.length();
		int p2 = Integer.parseInt(d.substring(0, 2));
		int p3 = Integer.parseInt(d.substring(0, 3));
		int p4 = Integer.parseInt(d.substring(0, 4));
		int p6 = Integer.parseInt(d.substring(0, 6));
		if (d.charAt(0) == '4') {
			return len == 13 || len == 16 || len == 19; // Visa
		}
		if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
			return len == 16; // Mastercard
		}
		if (p2 == 34 || p2 == 37) {
			return len == 15; // American Express
		}
		if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
			return len >= 16 && len <= 19; // Discover
		}
		if (p4 >= 3528 && p4 <= 3589) {
			return len >= 16 && len <= 19; // JCB
		}
		if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
			return len >= 14 && len <= 19; // Diners Club
		}
		if (p2 == 62) {
			return len >= 16 && len <= 19; // UnionPay
		}
		if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 || p4 == 6761
				|| p4 == 6762 || p4 == 6763) {
			return len >= 12 && len <= 19; // Maestro
		}
		return false;
	}

	static boolean luhn(String digits) {
		int sum = 0;
		boolean dbl = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int n = digits.charAt(i) - '0';
			if (dbl) {
				n *= 2;
				if (n > 9) {
					n -= 9;
				}
			}
			sum += n;
			dbl = !dbl;
		}
		return sum % 10 == 0;
	}

}
