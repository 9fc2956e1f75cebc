package com.agentobs.evaluation.quality;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementTest {

	private static final Offset<Double> EXACT = Offset.offset(1e-9);

	@Test
	void kappa_ofTheTextbookTwoByTwo_is0point400() {
		// p_o = 35/50 = 0.70, p_e = (25·30 + 25·20) / 50² = 0.50
		assertThat(Agreement.kappa(new long[][] { { 20, 5 }, { 10, 15 } })).isCloseTo(0.4, EXACT);
	}

	@Test
	void kappa_isOneForPerfectAgreement_zeroAtChance_andNegativeBelowChance() {
		assertThat(Agreement.kappa(new long[][] { { 12, 0 }, { 0, 8 } })).isCloseTo(1.0, EXACT);
		assertThat(Agreement.kappa(new long[][] { { 25, 25 }, { 25, 25 } })).isCloseTo(0.0, EXACT);
		assertThat(Agreement.kappa(new long[][] { { 0, 10 }, { 10, 0 } })).isCloseTo(-1.0, EXACT);
	}

	@Test
	void kappa_ofThreeLabels_matchesTheHandComputation() {
		// n = 100, p_o = 0.70, p_e = (0.4·0.4 + 0.3·0.3 + 0.3·0.3) = 0.34 → κ = 0.36 / 0.66
		long[][] m = { { 30, 5, 5 }, { 5, 20, 5 }, { 5, 5, 20 } };
		assertThat(Agreement.kappa(m)).isCloseTo(0.36 / 0.66, EXACT);
	}

	@Test
	void kappa_isUndefined_withoutPairs_orWhenBothAlwaysSayTheSameLabel() {
		assertThat(Agreement.kappa(new long[][] { { 0, 0 }, { 0, 0 } })).isNull();
		assertThat(Agreement.kappa(new long[][] { { 9, 0 }, { 0, 0 } })).isNull();
	}

	@Test
	void pearson_ofALinearRelation_isOne_andOfItsMirror_minusOne() {
		assertThat(Agreement.pearson(new double[] { 1, 2, 3, 4 }, new double[] { 2, 4, 6, 8 })).isCloseTo(1.0, EXACT);
		assertThat(Agreement.pearson(new double[] { 1, 2, 3, 4 }, new double[] { 8, 6, 4, 2 })).isCloseTo(-1.0,
				EXACT);
	}

	@Test
	void pearson_matchesTheHandComputation() {
		// x̄ = 3, ȳ = 4; Σdxdy = 8, Σdx² = 10, Σdy² = 10 → r = 0.8
		double[] x = { 1, 2, 3, 4, 5 };
		double[] y = { 2, 4, 3, 6, 5 };
		assertThat(Agreement.pearson(x, y)).isCloseTo(0.8, EXACT);
	}

	@Test
	void pearson_isUndefined_forOnePair_orAConstantSide() {
		assertThat(Agreement.pearson(new double[] { 1 }, new double[] { 2 })).isNull();
		assertThat(Agreement.pearson(new double[] { 1, 2, 3 }, new double[] { 5, 5, 5 })).isNull();
	}

}
