package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rejects text that says anything the fact sheet does not: every number written must be a
 * numeric fact (sign ignored; within rounding, or 0.5 %), and every evidence id must exist.
 * Text facts (agent ids, names, the window) are removed first, so digits inside them are not
 * read as claims; digits glued to a letter ({@code p95}, {@code v2}) are not numbers.
 */
final class GroundingCheck {

	private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])\\d[\\d,]*(?:\\.\\d+)?");

	private static final BigDecimal RELATIVE_TOLERANCE = new BigDecimal("0.005");

	private GroundingCheck() {
	}

	/** The first reason the cards are not grounded in {@code sheet}, or empty when they are. */
	static Optional<String> firstViolation(List<InsightCard> cards, FactSheet sheet) {
		for (int i = 0; i < cards.size(); i++) {
			InsightCard card = cards.get(i);
			if (card.title().isBlank() || card.body().isBlank()) {
				return Optional.of("card " + (i + 1) + " is empty");
			}
			for (String id : card.evidence()) {
				if (!sheet.hasEvidence(id)) {
					return Optional.of("card " + (i + 1) + " cites evidence " + id + ", which does not exist");
				}
			}
			for (String number : ungroundedNumbers(card.title() + "\n" + card.body(), sheet)) {
				return Optional.of("card " + (i + 1) + " states " + number + ", which is not in the facts");
			}
		}
		return Optional.empty();
	}

	/** The numbers in {@code text} that match no numeric fact. */
	static List<String> ungroundedNumbers(String text, FactSheet sheet) {
		String remaining = text;
		List<String> textFacts = sheet.facts()
			.stream()
			.filter((f) -> !f.numeric())
			.map(Fact::display)
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		for (String value : textFacts) {
			remaining = remaining.replace(value, " ");
		}
		List<String> out = new ArrayList<>();
		Matcher matcher = NUMBER.matcher(remaining);
		while (matcher.find()) {
			String written = matcher.group();
			if (!grounded(written, sheet)) {
				out.add(written);
			}
		}
		return out;
	}

	private static boolean grounded(String written, FactSheet sheet) {
		String plain = written.replace(",", "");
		if (plain.endsWith(".")) {
			plain = plain.substring(0, plain.length() - 1);
		}
		BigDecimal number = new BigDecimal(plain);
		// half a unit of the last digit written: "12.3" stands for anything in [12.25, 12.35)
		BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(number.scale(), 0)).divide(BigDecimal.valueOf(2));
		for (Fact fact : sheet.facts()) {
			if (!fact.numeric()) {
				continue;
			}
			BigDecimal value = fact.value().abs();
			BigDecimal tolerance = value.multiply(RELATIVE_TOLERANCE).max(halfUnit);
			if (number.subtract(value).abs().compareTo(tolerance) <= 0) {
				return true;
			}
		}
		return false;
	}

}
