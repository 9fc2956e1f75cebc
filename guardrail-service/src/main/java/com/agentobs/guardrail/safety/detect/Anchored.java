package com.agentobs.guardrail.safety.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern tried only at the positions where one of its matches can begin, instead of searched from
 * every position of the text: each detector finds those positions with a plain character scan (a
 * digit after a separator, the local part before an {@code @}) and most of a long text never enters
 * the regex engine. Positions are given in increasing order; a match hides the positions it covers,
 * so the matches are exactly those of repeated {@link Matcher#find()} as long as every position
 * where a match can begin is offered (each detector's {@code detectByFullSearch} is the reference).
 */
final class Anchored {

	private final Matcher matcher;

	private final int length;

	private int from;

	Anchored(Pattern pattern, String text) {
		// transparent bounds: look-behinds and look-aheads see the text outside the region
		this.matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		this.length = text.length();
	}

	/** Whether a match begins at {@code start}; if so, {@link #matcher()} holds it. */
	boolean matchesAt(int start) {
		if (start < this.from) {
			return false;
		}
		if (this.matcher.region(start, this.length).lookingAt()) {
			this.from = Math.max(this.matcher.end(), start + 1);
			return true;
		}
		return false;
	}

	/** Whether {@code position} lies inside the last match (no match can begin there): callers skip their own checks. */
	boolean hides(int position) {
		return position < this.from;
	}

	Matcher matcher() {
		return this.matcher;
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** {@code \w} of {@link Pattern} without flags: ASCII letters, digits and underscore. */
	static boolean isWord(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
	}

	static boolean isHex(char c) {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
	}

}
