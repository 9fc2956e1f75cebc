package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part, {@code @}, and a domain with a letters-only top-level label. The
 * pattern is tried once per {@code @}, at the only place its match can begin: the start of the run of
 * local-part characters before it.
 */
final class EmailDetector implements Detector {

	private static final Pattern EMAIL = Pattern.compile(
			"(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		int at = original.indexOf('@');
		if (at < 0) {
			return; // most texts hold no address
		}
		Anchored anchored = new Anchored(EMAIL, original);
		for (; at >= 0; at = original.indexOf('@', at + 1)) {
			// the local part cannot hold '@' nor start after a local-part character (the look-behind), so a
			// match holding this '@' begins where the run of local-part characters before it begins
			int start = at;
			while (start > 0 && at - start <= 64 && localPart(original.charAt(start - 1))) {
				start--;
			}
			if (start < at && dottedDomainAfter(original, at) && anchored.matchesAt(start)) {
				accept(anchored.matcher(), original, out);
			}
		}
	}

	private static void accept(Matcher m, String original, List<Finding> out) {
		// "git@github.com:org/repo" is an SSH remote, not a person's address
		if (original.startsWith("git@", m.start()) && m.end() < original.length() && original.charAt(m.end()) == ':') {
			return;
		}
		out.add(Finding.of(FindingType.EMAIL, m.start(), m.end(), 0.95));
	}

	/** The characters a domain can hold right after {@code at} include a dot: a match needs one. */
	private static boolean dottedDomainAfter(String text, int at) {
		for (int i = at + 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '.') {
				return i > at + 1;
			}
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
				return false;
			}
		}
		return false;
	}

	static boolean localPart(char c) {
		return Anchored.isWord(c) || c == '.' || c == '%' || c == '+' || c == '-';
	}

	/** The same findings with the pattern searched from every position: the reference {@link #detect} must equal. */
	static List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		Matcher m = EMAIL.matcher(original);
		while (m.find()) {
			accept(m, original, out);
		}
		return out;
	}

}
