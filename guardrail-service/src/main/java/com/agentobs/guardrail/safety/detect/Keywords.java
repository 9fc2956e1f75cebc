package com.agentobs.guardrail.safety.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of ASCII keywords matched in one pass over a text (Aho–Corasick as a full transition table): each
 * character costs one table lookup however many keywords there are. The caller feeds characters with
 * {@link #next} and reads the keywords ending at that character from {@link #ending}.
 */
final class Keywords {

	/** Characters 128 and above share one column: no keyword contains them. */
	private static final int ALPHABET = 129;

	private static final int[] NONE = new int[0];

	private final List<String> words;

	private final int[] table;

	private final int[][] ending;

	Keywords(List<String> words) {
		this.words = List.copyOf(words);
		List<int[]> go = new ArrayList<>();
		List<int[]> out = new ArrayList<>();
		go.add(newRow());
		out.add(NONE);
		for (int w = 0; w < this.words.size(); w++) {
			String word = this.words.get(w);
			if (word.isEmpty()) {
				throw new IllegalArgumentException("empty keyword");
			}
			int state = 0;
			for (int i = 0; i < word.length(); i++) {
				int c = column(word.charAt(i));
				if (c == ALPHABET - 1) {
					throw new IllegalArgumentException("keyword is not ASCII: " + word);
				}
				if (go.get(state)[c] < 0) {
					go.get(state)[c] = go.size();
					go.add(newRow());
					out.add(NONE);
				}
				state = go.get(state)[c];
			}
			out.set(state, append(out.get(state), w));
		}
		// breadth-first: missing transitions follow the failure link, outputs include the failure state's
		int[] fail = new int[go.size()];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int c = 0; c < ALPHABET; c++) {
			int s = go.get(0)[c];
			if (s < 0) {
				go.get(0)[c] = 0;
			}
			else {
				fail[s] = 0;
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			int state = queue.poll();
			for (int c = 0; c < ALPHABET; c++) {
				int s = go.get(state)[c];
				if (s < 0) {
					go.get(state)[c] = go.get(fail[state])[c];
				}
				else {
					fail[s] = go.get(fail[state])[c];
					for (int w : out.get(fail[s])) {
						out.set(s, append(out.get(s), w));
					}
					queue.add(s);
				}
			}
		}
		this.table = new int[go.size() * ALPHABET];
		for (int s = 0; s < go.size(); s++) {
			System.arraycopy(go.get(s), 0, this.table, s * ALPHABET, ALPHABET);
		}
		this.ending = out.toArray(new int[0][]);
	}

	/** The start state. */
	static int start() {
		return 0;
	}

	int next(int state, char c) {
		return this.table[state * ALPHABET + column(c)];
	}

	/** Indexes (into the constructor's list) of the keywords that end with the character that led to {@code state}. */
	int[] ending(int state) {
		return this.ending[state];
	}

	int length(int keyword) {
		return this.words.get(keyword).length();
	}

	private static int column(char c) {
		return c < ALPHABET - 1 ? c : ALPHABET - 1;
	}

	private static int[] newRow() {
		int[] row = new int[ALPHABET];
		Arrays.fill(row, -1);
		return row;
	}

	private static int[] append(int[] array, int value) {
		for (int v : array) {
			if (v == value) {
				return array;
			}
		}
		int[] grown = Arrays.copyOf(array, array.length + 1);
		grown[array.length] = value;
		return grown;
	}

}
