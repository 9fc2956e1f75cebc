package com.agentobs.alert.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CountSignificanceTest {

	@Test
	void normalTail_ofFour_isTheTextbookValue() {
		assertThat(CountSignificance.normalUpperTail(4)).isCloseTo(3.167e-5, within(1e-8));
	}

	@Test
	void oneOrTwoFailures_amongAHandfulOfRequests_areNotSignificant() {
		// 1 of 2 requests failed (a 50 % rate) against 2 of 30 in the baseline hours: noise
		assertThat(CountSignificance.pValue(1, 2, 2, 30)).isGreaterThan(0.05);
		assertThat(CountSignificance.pValue(2, 3, 1, 36)).isGreaterThan(CountSignificance.normalUpperTail(4));
	}

	@Test
	void manyFailures_againstAQuietBaseline_areSignificant() {
		// 8 of 12 requests failed against 3 of 120 in the baseline hours
		assertThat(CountSignificance.pValue(8, 12, 3, 120)).isLessThan(CountSignificance.normalUpperTail(4));
	}

	@Test
	void failuresAtTheBaselineRate_orNoBaseline_areNeverSignificant() {
		assertThat(CountSignificance.pValue(10, 100, 100, 1000)).isEqualTo(1);
		assertThat(CountSignificance.pValue(0, 10, 3, 100)).isEqualTo(1);
		assertThat(CountSignificance.pValue(5, 10, 0, 0)).isEqualTo(1);
	}

	@Test
	void gcd_recoversTheSampleRate_ofRepresentedCounts() {
		assertThat(CountSignificance.gcd(CountSignificance.gcd(700, 100), 1200)).isEqualTo(100);
		assertThat(CountSignificance.gcd(0, 300)).isEqualTo(300);
		assertThat(CountSignificance.gcd(37, 100)).isEqualTo(1);
	}

}
