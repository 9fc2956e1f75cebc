package com.agentobs.contracts.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextsTest {

	@Test
	void displayProblem_acceptsOrdinaryTextInAnyScript() {
		assertThat(PlainTexts.displayProblem("Support agent – café 客服 😀", false)).isNull();
		assertThat(PlainTexts.displayProblem("line one\nline two\tend", true)).isNull();
		assertThat(PlainTexts.displayProblem(null, false)).isNull();
	}

	/** U+202E makes "agent\u202Egnp.exe" render as "agentexe.png": refused in anything shown. */
	@Test
	void displayProblem_refusesBidiOverridesAndIsolates() {
		for (char c : new char[] { '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
				'\u2069' }) {
			assertThat(PlainTexts.displayProblem("a" + c + "b", true)).as("U+%04X", (int) c).contains("bidirectional");
		}
	}

	@Test
	void displayProblem_refusesControlCharacters_andLineBreaksInNames() {
		assertThat(PlainTexts.displayProblem("a\u0007b", true)).contains("control");
		assertThat(PlainTexts.displayProblem("a\u0085b", true)).contains("control");
		assertThat(PlainTexts.displayProblem("a\nb", false)).contains("control");
	}

	@Test
	void storableProblem_refusesNulAndUnpairedSurrogates_acceptsPairs() {
		assertThat(PlainTexts.storableProblem("a\u0000b")).contains("NUL");
		assertThat(PlainTexts.storableProblem("a\uD800")).contains("surrogate");
		assertThat(PlainTexts.storableProblem("\uDC00a")).contains("surrogate");
		assertThat(PlainTexts.storableProblem("\uD83D\uDE00")).isNull();
	}

}
