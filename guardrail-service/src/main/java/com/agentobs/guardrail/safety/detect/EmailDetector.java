package com.agentobs.guardrail.safety.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a local part, {@code @}, and a domain with a letters-only top-level label. */
final class EmailDetector implements Detector {

	private static final Pattern EMAIL = Pattern.compile(
			"(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		if (text.original().indexOf('@') < 0) {
			return; // most texts hold no address: skip the search
		}
		Matcher m = EMAIL.matcher(text.original());
		while (m.find()) {
			String match = m.group();
			// "git@github.com:org/repo" is an SSH remote, not a person's address
			if (match.startsWith("git@") && m.end() < text.original().length() && text.original().charAt(m.end()) == ':') {
				continue;
			}
			out.add(Finding.of(FindingType.EMAIL, m.start(), m.end(), 0.95));
		}
	}

}
