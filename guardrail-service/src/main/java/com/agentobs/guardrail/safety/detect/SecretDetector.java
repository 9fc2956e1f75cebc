package com.agentobs.guardrail.safety.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials recognised by their vendor prefix and shape only. No entropy heuristic: it fires on
 * hashes, diffs and ids, which is most of what agents' traces contain.
 */
final class SecretDetector implements Detector {

	private record Rule(String entity, Pattern pattern) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule("aws_access_key", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}(?![A-Za-z0-9])")),
			new Rule("github_token", Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})(?![A-Za-z0-9_])")),
			new Rule("slack_token", Pattern.compile("(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])")),
			new Rule("stripe_key", Pattern.compile("(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])")),
			new Rule("anthropic_key", Pattern.compile("(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])")),
			new Rule("openai_key", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])")),
			new Rule("google_api_key", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])")),
			new Rule("private_key", Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]{0,8000}?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----)?")),
			new Rule("jwt", Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])")));

	@Override
	public void detect(ScanText text, List<Finding> out) {
		String original = text.original();
		for (Rule rule : RULES) {
			Matcher m = rule.pattern().matcher(original);
			while (m.find()) {
				// "sk-" followed by plain words ("sk-learn-compatible-estimator") is not a key: keys mix digits in
				if (rule.entity().equals("openai_key") && m.group().chars().noneMatch(Character::isDigit)) {
					continue;
				}
				out.add(new Finding(FindingType.SECRET, rule.entity(), m.start(), m.end(), 0.99));
			}
		}
	}

}
