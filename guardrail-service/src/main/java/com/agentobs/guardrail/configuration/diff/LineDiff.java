package com.agentobs.guardrail.configuration.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff for long texts (prompts): the longest common subsequence of lines, then
 * {@code " "} kept, {@code "-"} removed, {@code "+"} added. Quadratic in lines, so inputs are capped
 * at {@link #MAX_LINES} each (beyond that the whole text is shown replaced).
 */
public final class LineDiff {

	static final int MAX_LINES = 2000;

	public record Line(String op, String text) {
	}

	private LineDiff() {
	}

	public static List<Line> diff(String before, String after) {
		String[] a = (before != null) ? before.split("\n", -1) : new String[0];
		String[] b = (after != null) ? after.split("\n", -1) : new String[0];
		List<Line> out = new ArrayList<>();
		if (a.length > MAX_LINES || b.length > MAX_LINES) {
			for (String line : a) {
				out.add(new Line("-", line));
			}
			for (String line : b) {
				out.add(new Line("+", line));
			}
			return out;
		}
		int[][] lcs = new int[a.length + 1][b.length + 1];
		for (int i = a.length - 1; i >= 0; i--) {
			for (int j = b.length - 1; j >= 0; j--) {
				lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < a.length && j < b.length) {
			if (a[i].equals(b[j])) {
				out.add(new Line(" ", a[i]));
				i++;
				j++;
			}
			else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
				out.add(new Line("-", a[i++]));
			}
			else {
				out.add(new Line("+", b[j++]));
			}
		}
		while (i < a.length) {
			out.add(new Line("-", a[i++]));
		}
		while (j < b.length) {
			out.add(new Line("+", b[j++]));
		}
		return out;
	}

}
