package com.agentobs.guardrail.safety.detect;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IBANs: a known country code, the country's exact length, and the ISO 13616 mod-97 check (remainder 1). */
final class IbanDetector implements Detector {

	private static final Pattern CANDIDATE = Pattern
		.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])");

	private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

	/** Length per country (ISO 13616 registry; the countries a European or global fleet sees). */
	private static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("AD", 24), Map.entry("AE", 23),
			Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
			Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18),
			Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22),
			Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23),
			Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
			Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15),
			Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("SA", 24),
			Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TR", 26),
			Map.entry("UA", 29));

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		Anchored anchored = null;
		for (int i = 0; i + 4 <= original.length(); i++) {
			// a match begins with two capitals and two digits that follow no letter or digit (the look-behind)
			if (upper(original.charAt(i)) && upper(original.charAt(i + 1)) && Anchored.isDigit(original.charAt(i + 2))
					&& Anchored.isDigit(original.charAt(i + 3)) && (i == 0 || !alphanumeric(original.charAt(i - 1)))) {
				if (anchored == null) {
					anchored = new Anchored(CANDIDATE, original);
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
		Matcher m = CANDIDATE.matcher(original);
		while (m.find()) {
			accept(m, out);
		}
		return out;
	}

	private static void accept(Matcher m, List<Finding> out) {
		String iban = m.group().replace(" ", "");
		Integer len = LENGTHS.get(iban.substring(0, 2));
		if (len != null && len == iban.length() && mod97(iban) == 1) {
			out.add(Finding.of(FindingType.IBAN, m.start(), m.end(), 0.98));
		}
	}

	private static boolean upper(char c) {
		return c >= 'A' && c <= 'Z';
	}

	private static boolean alphanumeric(char c) {
		return upper(c) || c >= 'a' && c <= 'z' || Anchored.isDigit(c);
	}

	static int mod97(String iban) {
		String rearranged = iban.substring(4) + iban.substring(0, 4);
		StringBuilder digits = new StringBuilder(rearranged.length() * 2);
		for (int i = 0; i < rearranged.length(); i++) {
			char c = rearranged.charAt(i);
			digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
	}

}
