package com.agentobs.contracts.validation;

/**
 * The text rules every service applies to what it stores and shows. Storable: no NUL
 * (PostgreSQL text and jsonb refuse it) and no unpaired UTF-16 surrogate (it has no UTF-8
 * form). Displayable (names, reasons, anything the dashboard renders): storable, no control
 * character but tab and line breaks where the text may span lines, and no bidirectional
 * embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which make a name read
 * differently from what it is.
 */
public final class PlainTexts {

	private PlainTexts() {
	}

	/** Why {@code text} cannot be stored, or null when it can. */
	public static String storableProblem(String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return "must not contain a NUL character";
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must not contain an unpaired UTF-16 surrogate";
			}
			if (Character.isLowSurrogate(c)) {
				return "must not contain an unpaired UTF-16 surrogate";
			}
		}
		return null;
	}

	/** Why {@code text} cannot be shown as a name or reason, or null when it can. */
	public static String displayProblem(String text, boolean multiline) {
		String storable = storableProblem(text);
		if (storable != null || text == null) {
			return storable;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isBidiControl(c)) {
				return "must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)";
			}
			boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
			if (Character.isISOControl(c) && !(multiline && lineBreakOrTab)) {
				return "must not contain control characters";
			}
		}
		return null;
	}

	static boolean isBidiControl(char c) {
		return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}

	/** {@code text} safe to echo in an error message: controls escaped, at most 64 characters. */
	public static String printable(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < 64; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || isBidiControl(c) || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
