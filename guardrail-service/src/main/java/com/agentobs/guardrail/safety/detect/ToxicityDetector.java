package com.agentobs.guardrail.safety.detect;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Toxicity by word-list density over the folded text: abusive words and threats, scored by how many
 * there are per word of text. A single mild word in a long answer stays under the threshold; a short
 * abusive message does not.
 */
final class ToxicityDetector implements Detector {

	static final double THRESHOLD = 0.5;

	private static final Set<String> ABUSIVE = Set.of("idiot", "idiots", "moron", "morons", "stupid", "dumbass",
			"imbecile", "retard", "retarded", "scum", "worthless", "pathetic", "loser", "losers", "bitch", "bastard",
			"asshole", "assholes", "fuck", "fucking", "fucked", "shit", "shitty", "cunt", "dickhead", "prick", "twat",
			"wanker", "slut", "whore", "jerk", "trash", "garbage", "disgusting", "hate", "despise");

	private static final Pattern THREAT = Pattern.compile(
			"\\b(?:i(?:'ll| will| am going to|'m going to) (?:kill|hurt|destroy|find|beat) you|you (?:should|deserve to) die|kill yourself|kys)\\b");

	private static final Keywords WORDS = new Keywords(List.copyOf(ABUSIVE));

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String folded = text.folded();
		int words = 0;
		int abusive = 0;
		// words are runs of [a-z']; one keyword pass finds the listed words, counted when they are a whole run
		int state = Keywords.start();
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			boolean inWord = wordChar(c);
			if (inWord && (i == 0 || !wordChar(folded.charAt(i - 1)))) {
				words++;
			}
			state = WORDS.next(state, c);
			if (inWord && (i + 1 == folded.length() || !wordChar(folded.charAt(i + 1)))) {
				for (int keyword : WORDS.ending(state)) {
					int start = i + 1 - WORDS.length(keyword);
					if (start == 0 || !wordChar(folded.charAt(start - 1))) {
						abusive++;
					}
				}
			}
		}
		double score = 0;
		// every threat holds "you" or "kys": most texts skip the search
		if ((folded.contains("you") || folded.contains("kys")) && THREAT.matcher(folded).find()) {
			score = 0.95;
		}
		else if (abusive > 0) {
			// two abusive words in a short message, or a density above ~1 in 12 words
			score = Math.min(1.0, 0.3 * abusive + 3.0 * abusive / Math.max(words, 1));
		}
		if (score >= THRESHOLD) {
			out.add(new Finding(FindingType.TOXICITY, "toxicity", 0, text.original().length(),
					Math.round(score * 1000) / 1000.0));
		}
	}

	/** The listed words, for tests. */
	static Set<String> abusive() {
		return ABUSIVE;
	}

	private static boolean wordChar(char c) {
		return (c >= 'a' && c <= 'z') || c == '\'';
	}

}
