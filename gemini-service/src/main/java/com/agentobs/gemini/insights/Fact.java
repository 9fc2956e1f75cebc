package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;

/**
 * One figure the service read itself, already rounded to the precision it is shown at, so the
 * text and the sheet agree exactly. {@code value} is null for a text fact (an agent id, a
 * department name, the window); {@code display} is how every writer must show it.
 */
public record Fact(String key, String label, BigDecimal value, String unit, String display) {

	public Fact {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(display, "display");
	}

	static Fact count(String key, String label, long value) {
		return new Fact(key, label, BigDecimal.valueOf(value), "count", format(BigDecimal.valueOf(value), 0));
	}

	static Fact pct(String key, String label, BigDecimal value) {
		BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP);
		return new Fact(key, label, rounded, "pct", format(rounded, 1));
	}

	static Fact usd(String key, String label, BigDecimal value, int scale) {
		BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
		return new Fact(key, label, rounded, "usd", format(rounded, scale));
	}

	static Fact ms(String key, String label, BigDecimal value) {
		BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
		return new Fact(key, label, rounded, "ms", format(rounded, 0));
	}

	/** A quality score (0 to 100) or a difference of scores in points, with one decimal. */
	static Fact score(String key, String label, BigDecimal value) {
		BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP);
		return new Fact(key, label, rounded, "score", format(rounded, 1));
	}

	/** Minutes with one decimal, as the Incidents tab shows time to acknowledge and to resolve. */
	static Fact minutes(String key, String label, BigDecimal value) {
		BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP);
		return new Fact(key, label, rounded, "minutes", format(rounded, 1));
	}

	/** A measured value in its own unit (an alert's value or threshold): at most two decimals, no trailing zeros. */
	static Fact measure(String key, String label, BigDecimal value, String unit) {
		BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
		int scale = Math.max(rounded.scale(), 0);
		return new Fact(key, label, rounded.setScale(scale, RoundingMode.UNNECESSARY), unit, format(rounded, scale));
	}

	static Fact text(String key, String label, String value) {
		return new Fact(key, label, null, "text", value);
	}

	boolean numeric() {
		return this.value != null;
	}

	/** Grouped thousands, fixed decimals, no sign: {@code 12,345.6}. */
	static String format(BigDecimal value, int scale) {
		DecimalFormat format = new DecimalFormat((scale == 0) ? "#,##0" : "#,##0." + "0".repeat(scale),
				DecimalFormatSymbols.getInstance(Locale.US));
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value.abs());
	}

}
