package com.agentobs.guardrail.safety.detect;

import java.text.Normalizer;

/**
 * The text under scan, with a folded form for the rule-based detectors: NFKC (full-width and
 * compatibility forms become ASCII), zero-width and soft-hyphen characters removed, Cyrillic and
 * Greek look-alikes folded to Latin, lower case, whitespace collapsed. Attackers use exactly these
 * to slip past rules; spans of PII and secrets are always taken from the original text.
 */
public final class ScanText {

	private final String original;

	private String folded;

	public ScanText(String original) {
		this.original = original;
	}

	public String original() {
		return this.original;
	}

	/** The folded form (computed once, on first use). */
	public String folded() {
		if (this.folded == null) {
			this.folded = fold(this.original);
		}
		return this.folded;
	}

	static String fold(String text) {
		// ASCII is already in NFKC: most texts skip the normaliser's copy
		String nfkc = ascii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(nfkc.length());
		boolean space = false;
		for (int i = 0; i < nfkc.length(); i++) {
			char c = nfkc.charAt(i);
			if (isInvisible(c)) {
				continue;
			}
			if (Character.isWhitespace(c)) {
				space = true;
				continue;
			}
			if (space && out.length() > 0) {
				out.append(' ');
			}
			space = false;
			out.append(Character.toLowerCase(homoglyph(c)));
		}
		return out.toString();
	}

	private static boolean ascii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	static boolean isInvisible(char c) {
		return (c >= '\u200B' && c <= '\u200F') || c == '\u2060' || c == '\u2061' || c == '\u2062' || c == '\u2063'
				|| c == '\uFEFF' || c == '\u00AD' || c == '\u180E' || c == '\u034F';
	}

	/** Cyrillic and Greek letters that render like Latin ones, folded to the Latin letter. */
	static char homoglyph(char c) {
		return switch (c) {
			case 'а', 'А', 'α', 'Α' -> 'a';
			case 'в', 'В', 'β', 'Β' -> 'b';
			case 'с', 'С', 'ϲ' -> 'c';
			case 'е', 'Е', 'ε', 'Ε', 'ё' -> 'e';
			case 'н', 'Н', 'Η' -> 'h';
			case 'і', 'І', 'ι', 'Ι', 'ӏ' -> 'i';
			case 'ј', 'Ј' -> 'j';
			case 'к', 'К', 'κ', 'Κ' -> 'k';
			case 'м', 'М', 'Μ' -> 'm';
			case 'п', 'η' -> 'n';
			case 'Ν', 'ν' -> 'n';
			case 'о', 'О', 'ο', 'Ο', 'σ' -> 'o';
			case 'р', 'Р', 'ρ', 'Ρ' -> 'p';
			case 'ѕ', 'Ѕ' -> 's';
			case 'т', 'Т', 'τ', 'Τ' -> 't';
			case 'υ', 'Υ' -> 'u';
			case 'х', 'Х', 'χ', 'Χ' -> 'x';
			case 'у', 'У', 'γ' -> 'y';
			case 'Ζ' -> 'z';
			case 'ԁ' -> 'd';
			case 'ɡ' -> 'g';
			case 'ⅼ', 'Ӏ' -> 'l';
			default -> c;
		};
	}

}
