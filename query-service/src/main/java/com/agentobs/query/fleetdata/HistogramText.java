package com.agentobs.query.fleetdata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the rollups' histograms from their PostgreSQL text forms without a general parser:
 * an array ({@code {3,17,42}}) or a JSONB object ({@code {"3": 2, "17": 5}}) is the sequence
 * of its non-negative integers in order (for the object: key, value, key, value…).
 */
final class HistogramText {

	private HistogramText() {
	}

	/**
	 * The numbers of a column's text bytes as the driver received them ({@code ResultSet.getBytes}
	 * on a text column): no String is decoded, because parsing is the hot loop of a long read.
	 */
	static long[] numbers(byte[] text) {
		long[] out = new long[16];
		int size = 0;
		long value = 0;
		boolean inNumber = false;
		for (byte ch : text) {
			if (ch >= '0' && ch <= '9') {
				value = value * 10 + (ch - '0');
				inNumber = true;
			}
			else if (ch == '.' || ch == '-' || ch == 'e' || ch == 'E') {
				throw new IllegalArgumentException(
						"histogram text is not integral: " + new String(text, StandardCharsets.US_ASCII));
			}
			else if (inNumber) {
				if (size == out.length) {
					out = Arrays.copyOf(out, size * 2);
				}
				out[size++] = value;
				value = 0;
				inNumber = false;
			}
		}
		if (inNumber) {
			if (size == out.length) {
				out = Arrays.copyOf(out, size + 1);
			}
			out[size++] = value;
		}
		return Arrays.copyOf(out, size);
	}

}
