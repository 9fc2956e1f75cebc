package com.agentobs.guardrail.safety.detect;

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
		Matcher m = V4.matcher(original);
		while (m.find()) {
			if (validOctets(m) && !afterVersionWord(original, m.start())) {
				out.add(Finding.of(FindingType.IP_ADDRESS, m.start(), m.end(), 0.85));
			}
		}
		if (original.indexOf(':') < 0) {
			return;
		}
		m = V6.matcher(original);
		while (m.find()) {
			if (validV6(m.group())) {
				out.add(Finding.of(FindingType.IP_ADDRESS, m.start(), m.end(), 0.85));
			}
		}
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
