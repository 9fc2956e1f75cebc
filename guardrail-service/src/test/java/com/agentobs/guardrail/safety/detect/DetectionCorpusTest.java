package com.agentobs.guardrail.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus ({@code safety/detection-corpus.tsv}): every case's outcome is pinned, and the
 * precision and recall the product promises are computed from the labels. Columns: id, truth (finding
 * types, comma-separated; or {@code none:<type>} for a hard negative of that type, a text built to look
 * like one; or {@code none}), pinned (empty when the detectors must answer the truth;
 * otherwise the outcome they are known to give instead, a documented miss or false positive), text
 * (with {@code \n}, {@code \t}, {@code \\} escapes). Hard negatives (ids, hashes, timestamps, versions,
 * Luhn-valid order numbers, benign "ignore all previous emails") are the point: false positives are
 * what make teams switch guardrails off.
 */
class DetectionCorpusTest {

	/** {@code negativeFor}: the finding type a hard negative imitates, else {@code null}. */
	record Case(String id, Set<String> truth, Set<String> pinned, String text, String negativeFor) {
	}

	static List<Case> cases;

	static Detectors detectors = Detectors.standard();

	@BeforeAll
	static void load() throws IOException {
		cases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				DetectionCorpusTest.class.getResourceAsStream("/safety/detection-corpus.tsv"), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] cols = line.split("\t", 4);
				Set<String> truth = labels(cols[1]);
				Set<String> pinned = cols[2].isEmpty() ? truth : labels(cols[2]);
				String negativeFor = cols[1].startsWith("none:") ? cols[1].substring("none:".length()) : null;
				cases.add(new Case(cols[0], truth, pinned, unescape(cols[3]), negativeFor));
			}
		}
	}

	static Set<String> labels(String column) {
		if (column.equals("none") || column.startsWith("none:")) {
			return Set.of();
		}
		return new TreeSet<>(Arrays.asList(column.split(",")));
	}

	static String unescape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char n = text.charAt(++i);
				out.append(switch (n) {
					case 'n' -> '\n';
					case 't' -> '\t';
					default -> n;
				});
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	static Set<String> outcome(String text) {
		return detectors.scan(text).stream().map((f) -> f.type().wire()).collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void corpus_isLargeEnough_perEntityAndForInjection() {
		Map<String, Long> positives = new TreeMap<>();
		for (Case c : cases) {
			c.truth().forEach((t) -> positives.merge(t, 1L, Long::sum));
		}
		Map<String, Long> hardNegatives = cases.stream()
			.filter((c) -> c.negativeFor() != null)
			.collect(Collectors.groupingBy(Case::negativeFor, TreeMap::new, Collectors.counting()));
		for (String entity : List.of("email", "credit_card", "iban", "us_ssn", "phone", "ip_address")) {
			assertThat(positives.get(entity)).as(entity + " positives").isGreaterThanOrEqualTo(20);
			assertThat(hardNegatives.get(entity)).as(entity + " hard negatives").isGreaterThanOrEqualTo(20);
		}
		assertThat(positives.get("prompt_injection")).as("injection attacks").isGreaterThanOrEqualTo(100);
		assertThat(hardNegatives.get("prompt_injection")).as("benign injection look-alikes").isGreaterThanOrEqualTo(100);
		List<String> attacks = cases.stream().filter((c) -> c.truth().contains("prompt_injection")).map(Case::text).toList();
		assertThat(attacks.stream().filter((t) -> t.chars().anyMatch((ch) -> ScanText.isInvisible((char) ch))))
			.as("injection attacks with zero-width characters").hasSizeGreaterThanOrEqualTo(10);
		assertThat(attacks.stream().filter((t) -> t.chars().anyMatch((ch) -> ch != ScanText.homoglyph((char) ch))))
			.as("injection attacks with Cyrillic or Greek look-alike letters").hasSizeGreaterThanOrEqualTo(10);
		assertThat(cases.stream().filter((c) -> c.negativeFor() != null && !c.truth().isEmpty()))
			.as("hard negatives hold no finding").isEmpty();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
	}

	@Test
	void everyCase_givesItsPinnedOutcome() {
		List<String> wrong = new ArrayList<>();
		for (Case c : cases) {
			Set<String> got = outcome(c.text());
			if (!got.equals(c.pinned())) {
				wrong.add(c.id() + " expected " + c.pinned() + " got " + got + ": " + c.text().replace("\n", "\\n"));
			}
		}
		assertThat(wrong).as("cases whose outcome changed (fix the detector, or re-pin with a reason)").isEmpty();
	}

	@Test
	void piiDetectors_meetPrecisionAndRecall_perEntity() {
		for (String entity : List.of("email", "credit_card", "iban", "us_ssn", "phone")) {
			Metrics m = metrics(entity);
			assertThat(m.precision()).as(entity + " precision " + m).isGreaterThanOrEqualTo(0.97);
			assertThat(m.recall()).as(entity + " recall " + m).isGreaterThanOrEqualTo(0.90);
		}
	}

	@Test
	void injectionDetector_meetsRecall_atLowFalsePositiveRate() {
		Metrics m = metrics("prompt_injection");
		assertThat(m.recall()).as("injection recall " + m).isGreaterThanOrEqualTo(0.80);
		assertThat(m.falsePositiveRate()).as("injection false-positive rate " + m).isLessThanOrEqualTo(0.03);
	}

	record Metrics(int tp, int fp, int fn, int tn) {

		double precision() {
			return this.tp + this.fp == 0 ? 1.0 : (double) this.tp / (this.tp + this.fp);
		}

		double recall() {
			return this.tp + this.fn == 0 ? 1.0 : (double) this.tp / (this.tp + this.fn);
		}

		double falsePositiveRate() {
			return this.fp + this.tn == 0 ? 0.0 : (double) this.fp / (this.fp + this.tn);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f fpr=%.3f", this.tp,
					this.fp, this.fn, this.tn, precision(), recall(), falsePositiveRate());
		}

	}

	static Metrics metrics(String entity) {
		int tp = 0;
		int fp = 0;
		int fn = 0;
		int tn = 0;
		for (Case c : cases) {
			boolean truth = c.truth().contains(entity);
			boolean found = outcome(c.text()).contains(entity);
			if (truth && found) {
				tp++;
			}
			else if (!truth && found) {
				fp++;
			}
			else if (truth) {
				fn++;
			}
			else {
				tn++;
			}
		}
		return new Metrics(tp, fp, fn, tn);
	}

}
