package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers written with separators ({@code 123-45-6789}, {@code 123 45 6789}):
 * area not 000, 666 or 900–999, group not 00, serial not 0000, and not a published sample number.
 * Nine bare digits are not matched: they are far more often ids than SSNs.
 */
final class SsnDetector implements Detector {

	private static final Pattern SSN = Pattern.compile("(?<![\\w.-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\w]|[.-]\\d)");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		Anchored anchored = null;
		for (int i = 0; i < original.length(); i++) {
			// a match begins with a digit that follows no word character, '.' or '-' (the look-behind), and
			// three digits and a separator
			if (Anchored.isDigit(original.charAt(i)) && (i == 0 || !PaymentCardDetector.numberGlue(original.charAt(i - 1)))
					&& i + 3 < original.length() && Anchored.isDigit(original.charAt(i + 1))
					&& Anchored.isDigit(original.charAt(i + 2))
					&& (original.charAt(i + 3) == '-' || original.charAt(i + 3) == ' ')) {
				if (anchored == null) {
					anchored = new Anchored(SSN, original);
				}
				if (anchored.matchesAt(i)) {
					accept(anchored.matcher(), out);
				}
			}
		}
	}

	/** The same findings with the pattern searched from every position: the reference {@link #detect} must equal. */
	static List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		Matcher m = SSN.matcher(original);
		while (m.find()) {
			accept(m, out);
		}
		return out;
	}

	private static void accept(Matcher m, List<Finding> out) {
		int area = Integer.parseInt(m.group(1));
		int group = Integer.parseInt(m.group(3));
		int serial = Integer.parseInt(m.group(4));
		if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
			return;
		}
		String ssn = m.group(1) + m.group(3) + m.group(4);
		if (ssn.equals("078051120") || ssn.equals("219099999") || ssn.equals("123456789")) {
			return;
		}
		out.add(Finding.of(FindingType.US_SSN, m.start(), m.end(), 0.9));
	}

}
