package com.agentobs.guardrail.safety.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials recognised by their vendor prefix and shape only. No entropy heuristic: it fires on
 * hashes, diffs and ids, which is most of what agents' traces contain. One pass over the text finds the
 * vendor prefixes; each vendor's pattern is tried only there, anchored, instead of searched over the whole text.
 */
final class SecretDetector implements Detector {

	/** {@code prefixes}: every match of {@code pattern} begins with one of them (after its look-behind). */
	private record Rule(String entity, Pattern pattern, List<String> prefixes) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule("aws_access_key", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
					List.of("AKIA", "ASIA", "AGPA", "AIDA", "AROA")),
			new Rule("github_token", Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])"),
					List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
			new Rule("slack_token", Pattern.compile("(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])"),
					List.of("xox")),
			new Rule("stripe_key", Pattern.compile("(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])"),
					List.of("sk_", "rk_")),
			new Rule("anthropic_key", Pattern.compile("(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])"),
					List.of("sk-ant-")),
			new Rule("openai_key", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])"),
					List.of("sk-")),
			new Rule("google_api_key", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"),
					List.of("AIza")),
			new Rule("private_key", Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]{0,8000}?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----)?"),
					List.of("-----BEGIN ")),
			new Rule("jwt", Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])"),
					List.of("eyJ")));

	/** Every prefix, each once; {@link #RULES_OF} holds, per prefix, the bit set of the rules it starts. */
	private static final List<String> PREFIXES = RULES.stream().flatMap((r) -> r.prefixes().stream()).distinct().toList();

	private static final int[] RULES_OF = new int[PREFIXES.size()];

	private static final Keywords KEYWORDS = new Keywords(PREFIXES);

	static {
		for (int r = 0; r < RULES.size(); r++) {
			for (String prefix : RULES.get(r).prefixes()) {
				RULES_OF[PREFIXES.indexOf(prefix)] |= 1 << r;
			}
		}
	}

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		List<int[]> hits = null;
		int state = Keywords.start();
		for (int i = 0; i < original.length(); i++) {
			state = KEYWORDS.next(state, original.charAt(i));
			for (int prefix : KEYWORDS.ending(state)) {
				if (hits == null) {
					hits = new ArrayList<>();
				}
				hits.add(new int[] { i + 1 - KEYWORDS.length(prefix), prefix });
			}
		}
		if (hits == null) {
			return;
		}
		hits.sort(Comparator.comparingInt((int[] hit) -> hit[0]));
		for (int r = 0; r < RULES.size(); r++) {
			Rule rule = RULES.get(r);
			Matcher m = rule.pattern().matcher(original).useTransparentBounds(true).useAnchoringBounds(false);
			int end = 0; // matches do not overlap, as with a search from left to right
			for (int[] hit : hits) {
				if ((RULES_OF[hit[1]] & (1 << r)) == 0 || hit[0] < end) {
					continue;
				}
				if (m.region(hit[0], original.length()).lookingAt()) {
					end = m.end();
					// "sk-" followed by plain words ("sk-learn-compatible-estimator") is not a key: keys mix digits in
					if (rule.entity().equals("openai_key") && m.group().chars().noneMatch(Character::isDigit)) {
						continue;
					}
					out.add(new Finding(FindingType.SECRET, rule.entity(), m.start(), m.end(), 0.99));
				}
			}
		}
	}

	/** The same findings with every pattern searched over the whole text: the reference {@link #detect} must equal. */
	static List<Finding> detectByFullSearch(String original) {
		List<Finding> out = new ArrayList<>();
		for (Rule rule : RULES) {
			Matcher m = rule.pattern().matcher(original);
			while (m.find()) {
				if (rule.entity().equals("openai_key") && m.group().chars().noneMatch(Character::isDigit)) {
					continue;
				}
				out.add(new Finding(FindingType.SECRET, rule.entity(), m.start(), m.end(), 0.99));
			}
		}
		return out;
	}

}
