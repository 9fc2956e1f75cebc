package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 (four octets 0–255, no leading zeros, not inside a longer dotted version string) and IPv6
 * (eight groups, or fewer with one {@code ::}). Times ({@code 12:30:45}) and MAC addresses fail the
 * group rules.
 */
final class IpAddressDetector implements Detector {

	private static final Pattern V4 = Pattern.compile("(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w]|\\.\\d)");

	private static final Pattern V6 = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		Anchored v4 = null;
		boolean colon = false;
		for (int i = 0; i < original.length(); i++) {
			char c = original.charAt(i);
			colon |= c == ':';
			// an IPv4 match begins with a digit that follows no word character or '.' (the look-behind), and
			// at most three digits and a '.'
			if (Anchored.isDigit(c) && (i == 0 || !v4Glue(original.charAt(i - 1))) && octetThenDot(original, i)) {
				if (v4 == null) {
					v4 = new Anchored(V4, original);
				}
				if (v4.matchesAt(i)) {
					acceptV4(v4.matcher(), original, out);
				}
			}
		}
		if (!colon) {
			return;
		}
		Anchored v6 = new Anchored(V6, original);
		for (int c = original.indexOf(':'); c >= 0; c = original.indexOf(':', c + 1)) {
			// an IPv6 match reaches its first ':' after at most 4 hex digits that follow no word character,
			// ':' or '.' (the look-behind): each ':' gives at most one place a match can begin
			int start = c;
			while (start > 0 && c - start < 5 && Anchored.isHex(original.charAt(start - 1))) {
				start--;
			}
			if (c - start <= 4 && (start == 0 || !v6Glue(original.charAt(start - 1))) && v6.matchesAt(start)
					&& validV6(v6.matcher().group())) {
				out.add(Finding.of(FindingType.IP_ADDRESS, v6.matcher().start(), v6.matcher().end(), 0.85));
			}
		}
	}

	/** The same findings with both patterns searched from every position: the reference {@link #detect} must equal. */
	static List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		Matcher m = V4.matcher(original);
		while (m.find()) {
			acceptV4(m, original, out);
		}
		m = V6.matcher(original);
		while (m.find()) {
			if (validV6(m.group())) {
				out.add(Finding.of(FindingType.IP_ADDRESS, m.start(), m.end(), 0.85));
			}
		}
		return out;
	}

	private static void acceptV4(Matcher m, String original, List<Finding> out) {
		if (validOctets(m) && !afterVersionWord(original, m.start())) {
			out.add(Finding.of(FindingType.IP_ADDRESS, m.start(), m.end(), 0.85));
		}
	}

	private static boolean octetThenDot(String text, int i) {
		for (int j = i; j < text.length() && j <= i + 3; j++) {
			char c = text.charAt(j);
			if (c == '.') {
				return j > i;
			}
			if (!Anchored.isDigit(c)) {
				return false;
			}
		}
		return false;
	}

	private static boolean v4Glue(char c) {
		return Anchored.isWord(c) || c == '.';
	}

	private static boolean v6Glue(char c) {
		return Anchored.isWord(c) || c == ':' || c == '.';
	}

	/** "Version 10.2.15.1", "build 4.0.0.12": a dotted quad right after a version word is a version. */
	static boolean afterVersionWord(String text, int start) {
		String before = text.substring(Math.max(0, start - 12), start).toLowerCase(java.util.Locale.ROOT);
		return before.matches("(?s).*\\b(?:version|ver|release|build|v)[\\s:=]*$");
	}

	private static boolean validOctets(Matcher m) {
		for (int g = 1; g <= 4; g++) {
			String octet = m.group(g);
			if (octet.length() > 1 && octet.charAt(0) == '0') {
				return false;
			}
			if (Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	static boolean validV6(String candidate) {
		int compressed = candidate.indexOf("::");
		if (compressed >= 0 && candidate.indexOf("::", compressed + 1) >= 0) {
			return false;
		}
		String[] groups = candidate.split(":", -1);
		int nonEmpty = 0;
		boolean hasLetterOrLongGroup = false;
		for (String group : groups) {
			if (group.isEmpty()) {
				continue;
			}
			nonEmpty++;
			if (group.length() > 2 || group.chars().anyMatch(Character::isLetter)) {
				hasLetterOrLongGroup = true;
			}
		}
		if (compressed < 0) {
			return groups.length == 8 && nonEmpty == 8 && hasLetterOrLongGroup;
		}
		// "::1", "fe80::1", "2001:db8::ff00:42:8329": at least two non-empty groups around one "::"
		return nonEmpty >= 2 && nonEmpty <= 7 && hasLetterOrLongGroup || candidate.equals("::1");
	}

}
