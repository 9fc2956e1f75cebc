package com.agentobs.guardrail.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injection rules and the secret patterns are tried only where a keyword pass finds one of their
 * starts: on the labelled corpus and on generated texts built from the rules' own words, that must give
 * exactly what searching every pattern over the whole text gives.
 */
class GatedRulesTest {

	static List<String> texts;

	@BeforeAll
	static void texts() throws IOException {
		DetectionCorpusTest.load();
		texts = new ArrayList<>(DetectionCorpusTest.cases.stream().map(DetectionCorpusTest.Case::text).toList());
		texts.addAll(generated(3000));
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
