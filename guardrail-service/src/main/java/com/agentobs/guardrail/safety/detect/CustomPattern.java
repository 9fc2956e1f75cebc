package com.agentobs.guardrail.safety.detect;

import com.google.re2j.PatternSyntaxException;

/**
 * A workspace's own pattern, compiled with RE2J: matching runs in time linear in the text, so no
 * pattern a user saves (nested quantifiers, back-references) can hang the check.
 */
public record CustomPattern(String name, com.google.re2j.Pattern pattern) {

	public static final int MAX_LENGTH = 1000;

	/** Compiles {@code regex}; an invalid or over-long pattern is an {@link IllegalArgumentException} naming why. */
	public static CustomPattern compile(String name, String regex) {
		if (regex == null || regex.isBlank()) {
			throw new IllegalArgumentException("pattern is empty");
		}
		if (regex.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("pattern is longer than " + MAX_LENGTH + " characters");
		}
		try {
			return new CustomPattern(name, com.google.re2j.Pattern.compile(regex));
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("invalid pattern: " + ex.getDescription(), ex);
		}
	}

}
