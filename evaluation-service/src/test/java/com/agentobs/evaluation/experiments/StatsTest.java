package com.agentobs.evaluation.experiments;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Known answers (computed independently with SciPy) and an A/A simulation of the error rates. */
class StatsTest {

	private static final double P = 1e-4;

	@Test
	void twoProportionZ_matchesTheKnownAnswer() {
		Stats.Comparison c = Stats.proportions(200, 10_000, 150, 10_000, 0.05);
		assertThat(c.statistic()).isCloseTo(-2.6963, within(1e-4));
		assertThat(c.pValue()).isCloseTo(0.007011, within(P));
		assertThat(c.diff()).isCloseTo(-0.0050, within(1e-9));
		assertThat(c.ciLow()).isCloseTo(-0.00863, within(1e-5));
		assertThat(c.ciHigh()).isCloseTo(-0.00137, within(1e-5));
		assertThat(c.lift()).isCloseTo(-0.25, within(1e-9));
	}

	@Test
	void welchT_matchesTheKnownAnswer() {
		Stats.Comparison c = Stats.means(1200, 400, 500, 1150, 380, 480, 0.05);
		assertThat(c.statistic()).isCloseTo(-2.0067, within(1e-4));
		assertThat(c.df()).isCloseTo(977.89, within(0.01));
		assertThat(c.pValue()).isCloseTo(0.045056, within(P));
		assertThat(c.ciLow()).isCloseTo(-98.896, within(1e-3));
		assertThat(c.ciHigh()).isCloseTo(-1.104, within(1e-3));
	}

	@Test
	void srm_matchesTheKnownAnswers_andFlagsOnlyBelowOnePerMille() {
		double[] even = { 50, 50 };
		Stats.Srm a = Stats.srm(new long[] { 5100, 4900 }, even);
		assertThat(a.chiSquare()).isCloseTo(4.0, within(1e-9));
		assertThat(a.pValue()).isCloseTo(0.0455, within(P));
		assertThat(a.mismatch()).isFalse();
		Stats.Srm b = Stats.srm(new long[] { 5200, 4800 }, even);
		assertThat(b.chiSquare()).isCloseTo(16.0, within(1e-9));
		assertThat(b.pValue()).isCloseTo(6.33e-5, within(P));
		assertThat(b.mismatch()).isTrue();
		Stats.Srm c = Stats.srm(new long[] { 5300, 4700 }, even);
		assertThat(c.chiSquare()).isCloseTo(36.0, within(1e-9));
		assertThat(c.pValue()).isCloseTo(1.97e-9, within(P));
		Stats.Srm d = Stats.srm(new long[] { 9180, 820 }, new double[] { 90, 10 });
		assertThat(d.chiSquare()).isCloseTo(36.0, within(1e-9));
		assertThat(d.pValue()).isCloseTo(1.97e-9, within(P));
		assertThat(d.mismatch()).isTrue();
	}

	@Test
	void sampleSizes_matchTheKnownAnswers() {
		assertThat(Stats.sampleSizeProportion(0.02, -0.005, 0.05, 0.8)).isEqualTo(10_795);
		assertThat(Stats.sampleSizeMean(400, 50, 0.05, 0.8)).isEqualTo(1_005);
		// the sample size it names gives the power asked for
		assertThat(Stats.power(400, 50, 1_005, 0.05)).isGreaterThanOrEqualTo(0.8).isLessThan(0.81);
	}

	@Test
	void holm_adjustsStepDown_andStaysMonotone() {
		double[] adjusted = Stats.holm(new double[] { 0.01, 0.04, 0.03, 0.005 });
		assertThat(adjusted).containsExactly(new double[] { 0.03, 0.06, 0.06, 0.02 }, within(1e-12));
		assertThat(Stats.holm(new double[] { 0.6, 0.9 })).containsExactly(new double[] { 1.0, 1.0 }, within(1e-12));
	}

	@Test
	void harmTest_isOneSided() {
		// treatment errors 3 % vs 2 %: harmful; 1 % vs 2 %: not
		Stats.Comparison worse = Stats.proportions(200, 10_000, 300, 10_000, 0.05);
		Stats.Comparison better = Stats.proportions(200, 10_000, 100, 10_000, 0.05);
		assertThat(Stats.harmPValue(worse)).isLessThan(0.001);
		assertThat(Stats.harmPValue(better)).isGreaterThan(0.99);
	}

	@Test
	void badInput_isRefused() {
		assertThatThrownBy(() -> Stats.proportions(11, 10, 1, 10, 0.05)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Stats.means(1, 1, 1, 1, 1, 10, 0.05)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Stats.sampleSizeProportion(0.02, 0.99, 0.05, 0.8))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * A/A: both arms convert at 10 %, 3,000 units per arm seen in 30 equal looks. The fixed-horizon
	 * test is read once at the end; naive peeking rejects at the first look with p < 0.05; the
	 * sequential mode rejects when the running minimum of the always-valid p falls below 0.05.
	 */
	@Test
	void aaSimulation_fixedHorizonHoldsAlpha_sequentialStaysSafe_naivePeekingDoesNot() {
		int runs = 1_000;
		int looks = 30;
		int perLook = 100;
		double rate = 0.10;
		double tau = 0.01;
		SplittableRandom random = new SplittableRandom(20_261_207L);
		int fixed = 0;
		int peeking = 0;
		int sequential = 0;
		for (int run = 0; run < runs; run++) {
			long cs = 0;
			long ts = 0;
			long n = 0;
			boolean peeked = false;
			double runningMin = 1;
			Stats.Comparison last = null;
			for (int look = 0; look < looks; look++) {
				for (int i = 0; i < perLook; i++) {
					cs += (random.nextDouble() < rate) ? 1 : 0;
					ts += (random.nextDouble() < rate) ? 1 : 0;
				}
				n += perLook;
				last = Stats.proportions(cs, n, ts, n, 0.05);
				peeked |= last.pValue() < 0.05;
				runningMin = Math.min(runningMin, Stats.msprtPValue(last.diff(), last.standardError(), tau));
			}
			fixed += (last.pValue() < 0.05) ? 1 : 0;
			peeking += peeked ? 1 : 0;
			sequential += (runningMin < 0.05) ? 1 : 0;
		}
		double fixedRate = 100.0 * fixed / runs;
		double peekingRate = 100.0 * peeking / runs;
		double sequentialRate = 100.0 * sequential / runs;
		assertThat(fixedRate).as("fixed horizon FPR %").isBetween(3.5, 6.5);
		assertThat(sequentialRate).as("sequential FPR % with 30 looks").isLessThanOrEqualTo(6.5);
		assertThat(peekingRate).as("naive peeking FPR %").isGreaterThanOrEqualTo(15.0);
		System.out.printf("A/A %d runs: fixed %.1f %%, sequential %.1f %%, naive peeking %.1f %%%n", runs, fixedRate,
				sequentialRate, peekingRate);
	}

}
