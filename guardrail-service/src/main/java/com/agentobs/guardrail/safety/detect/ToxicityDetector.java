package com.agentobs.guardrail.safety.detect;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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

	private static final Pattern WORD = Pattern.compile("[a-z']+");

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String folded = text.folded();
		int words = 0;
		int abusive = 0;
		Matcher m = WORD.matcher(folded);
		while (m.find()) {
			words++;
			if (ABUSIVE.contains(m.group())) {
				abusive++;
			}
		}
		double score = 0;
		if (THREAT.matcher(folded).find()) {
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

}
