package com.agentobs.guardrail.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection rules and the secret patterns are tried only where a keyword pass finds one of their
 * starts, the PII patterns only where a character scan says a match can begin: on the labelled corpus
 * and on generated texts built from the rules' own words and the PII shapes, that must give exactly
 * what searching every pattern over the whole text gives.
 */
class GatedRulesTest {

	static List<String> texts;

	@BeforeAll
	static void texts() throws IOException {
		DetectionCorpusTest.load();
		texts = new ArrayList<>(DetectionCorpusTest.cases.stream().map(DetectionCorpusTest.Case::text).toList());
		texts.addAll(generated(3000));
		texts.addAll(generatedPii(4000));
	}

	/** Digits, separators, '@', ':', hex, capitals and glue characters shuffled into PII look-alikes. */
	static List<String> generatedPii(int count) {
		String[] parts = { "4111", "1111", "4", "1", "9", "12", "123", "415", "555", "2671", "0", "00", "255", "10",
				"192.168.", ".", ".", "-", "-", " ", " ", " ", "  ", "+", "+1 ", "+44 ", "(", ")", "(415) ", "@", "@",
				"jane.doe", "a", "x_", "example.com", "mail.co.uk", ".org", "git@", "%", "_", ":", ":", "::", "fe80",
				"2001:db8", "abcd", "ABCD", "GB", "DE89", "GB82 WEST 1234 5698 7654 32", "NWBK", "60161331926819",
				"version ", "v", "\n", "\n", "\t", "é", "​", "078-05-1120", "219-09-9999", "536-22-8726" };
		Random random = new Random(31);
		List<String> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			StringBuilder text = new StringBuilder();
			int n = 1 + random.nextInt(30);
			for (int p = 0; p < n; p++) {
				text.append(parts[random.nextInt(parts.length)]);
			}
			out.add(text.toString());
		}
		return out;
	}

	@Test
	void piiFindings_equalEveryPatternSearchedOverTheWholeText() {
		PhoneDetector phone = new PhoneDetector("US");
		List<String> different = new ArrayList<>();
		Map<FindingType, Integer> found = new EnumMap<>(FindingType.class);
		for (String text : texts) {
			List<Finding> gated = new ArrayList<>();
			List<Finding> full = new ArrayList<>();
			ScanText scan = new ScanText(text);
			new EmailDetector().detect(scan, gated);
			full.addAll(EmailDetector.detectByFullSearch(text));
			new PaymentCardDetector().detect(scan, gated);
			full.addAll(PaymentCardDetector.detectByFullSearch(text));
			new IbanDetector().detect(scan, gated);
			full.addAll(IbanDetector.detectByFullSearch(text));
			new SsnDetector().detect(scan, gated);
			full.addAll(SsnDetector.detectByFullSearch(text));
			new IpAddressDetector().detect(scan, gated);
			full.addAll(IpAddressDetector.detectByFullSearch(text));
			phone.detect(scan, gated);
			full.addAll(phone.detectByFullSearch(text));
			if (!gated.equals(full)) {
				different.add(text + "\n  gated " + gated + "\n  full  " + full);
			}
			gated.forEach((f) -> found.merge(f.type(), 1, Integer::sum));
		}
		assertThat(different).isEmpty();
		assertThat(found).as("PII found per type").containsOnlyKeys(FindingType.EMAIL, FindingType.CREDIT_CARD,
				FindingType.IBAN, FindingType.US_SSN, FindingType.IP_ADDRESS, FindingType.PHONE);
		assertThat(found.values()).as("PII found per type").allSatisfy((n) -> assertThat(n).isGreaterThanOrEqualTo(20));
	}

	/** Fragments of the rules, vendor prefixes, leetspeak, separators and look-alikes, shuffled together. */
	static List<String> generated(int count) {
		String[] parts = { "ignore", "1gn0re", "all", "previous", "pr3vious", "instructions", "1nstructi0ns", "rules",
				"disregard", "everything", "above", "do not", "don't", "follow", "your", "system prompt", "new",
				"instructions:", "from now on", "you are now", "act as", "dan", "developer mode", "enable", "the",
				"without", "restrictions", "reveal", "show me", "what is", "repeat", "words", "starting with \"you are",
				"<<sys>>", "[inst]", "<|im_start|>", "###", "system", "override", "i am", "your developer", "and",
				"fake", "are", "send", "conversation", "to", "http://x.io", "@", "$", "!", "4", "0", "7", " ", " ", " ",
				"\n", "-", ".", ",", "AKIA", "ABCDEFGHIJKLMNOP", "ghp_", "github_pat_", "xoxb-", "sk_live_", "sk-",
				"sk-ant-api03-", "proj-", "AIza", "eyJ", "-----BEGIN ", "PRIVATE KEY-----", "-----END PRIVATE KEY-----",
				"abcdefghij0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "_", "X", "9" };
		Random random = new Random(23);
		List<String> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			StringBuilder text = new StringBuilder();
			int n = 1 + random.nextInt(40);
			for (int p = 0; p < n; p++) {
				text.append(parts[random.nextInt(parts.length)]);
			}
			out.add(text.toString());
		}
		return out;
	}

	@Test
	void injectionScore_equalsEveryRuleSearchedOverTheWholeText() {
		List<String> different = new ArrayList<>();
		int scored = 0;
		for (String text : texts) {
			String folded = ScanText.fold(text);
			double gated = InjectionDetector.score(folded);
			if (gated != InjectionDetector.scoreByFullSearch(folded)) {
				different.add(text);
			}
			scored += gated > 0 ? 1 : 0;
		}
		assertThat(different).isEmpty();
		assertThat(scored).as("texts where some rule fired").isGreaterThan(200);
	}

	@Test
	void secretFindings_equalEveryPatternSearchedOverTheWholeText() {
		List<String> different = new ArrayList<>();
		int found = 0;
		for (String text : texts) {
			List<Finding> gated = new ArrayList<>();
			new SecretDetector().detect(new ScanText(text), gated);
			if (!gated.equals(SecretDetector.detectByFullSearch(text))) {
				different.add(text);
			}
			found += gated.size();
		}
		assertThat(different).isEmpty();
		assertThat(found).as("secrets found").isGreaterThan(200);
	}

	/** The keyword pass finds exactly the words a word-by-word lookup in the list finds. */
	@Test
	void toxicityFindings_equalAWordByWordLookup() {
		String[] parts = { "idiot", "idiots", "idiot's", "stupid", "you", "are", "a", "an", "the", "hate", "hated",
				"loser", "losers", "trash", "trashy", "scum", "bag", "jerk", "jerks", " ", " ", " ", ", ", ". ", "'", "-",
				"И", "ІDIOT", "i'll find you", "kys", "4", "\u200b" };
		Random random = new Random(47);
		List<String> generated = new ArrayList<>(texts);
		for (int i = 0; i < 3000; i++) {
			StringBuilder text = new StringBuilder();
			int n = 1 + random.nextInt(25);
			for (int p = 0; p < n; p++) {
				text.append(parts[random.nextInt(parts.length)]);
			}
			generated.add(text.toString());
		}
		List<String> different = new ArrayList<>();
		int toxic = 0;
		for (String text : generated) {
			List<Finding> found = new ArrayList<>();
			new ToxicityDetector().detect(new ScanText(text), found);
			if (!found.equals(toxicityByWordLookup(text))) {
				different.add(text);
			}
			toxic += found.size();
		}
		assertThat(different).isEmpty();
		assertThat(toxic).as("toxic texts").isGreaterThan(300);
	}

	/** The reference: split the folded text into runs of [a-z'] and look each run up in the list. */
	private static List<Finding> toxicityByWordLookup(String original) {
		String folded = ScanText.fold(original);
		int words = 0;
		int abusive = 0;
		for (int i = 0; i < folded.length();) {
			char c = folded.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c == '\'')) {
				i++;
				continue;
			}
			int start = i;
			while (i < folded.length() && (folded.charAt(i) >= 'a' && folded.charAt(i) <= 'z' || folded.charAt(i) == '\'')) {
				i++;
			}
			words++;
			abusive += ToxicityDetector.abusive().contains(folded.substring(start, i)) ? 1 : 0;
		}
		double score = 0;
		if (java.util.regex.Pattern.compile("\\b(?:i(?:'ll| will| am going to|'m going to) (?:kill|hurt|destroy|find|beat) you|you (?:should|deserve to) die|kill yourself|kys)\\b")
			.matcher(folded)
			.find()) {
			score = 0.95;
		}
		else if (abusive > 0) {
			score = Math.min(1.0, 0.3 * abusive + 3.0 * abusive / Math.max(words, 1));
		}
		return score >= ToxicityDetector.THRESHOLD ? List.of(new Finding(FindingType.TOXICITY, "toxicity", 0,
				original.length(), Math.round(score * 1000) / 1000.0)) : List.of();
	}

	@Test
	void ruleStarts_holdNoLeetspeakCharacter() {
		// the keyword pass reads the leetspeak-folded form, which keeps every other character as it is
		assertThat(InjectionDetector.starts()).allSatisfy((start) -> assertThat(start).doesNotContainPattern("[0134579!@$]"));
	}

	@Test
	void keywords_reportEveryOccurrence_includingOverlappingOnes() {
		Keywords keywords = new Keywords(List.of("he", "she", "his", "hers"));
		List<String> found = new ArrayList<>();
		String text = "ushers his";
		int state = Keywords.start();
		for (int i = 0; i < text.length(); i++) {
			state = keywords.next(state, text.charAt(i));
			for (int k : keywords.ending(state)) {
				found.add((i + 1 - keywords.length(k)) + ":" + k);
			}
		}
		assertThat(found).containsExactlyInAnyOrder("1:1", "2:0", "2:3", "7:2");
	}

}
