package com.agentobs.evaluation.experiments;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.StatisticalSummaryValues;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.inference.TTest;

/**
 * The experiment statistics. Every comparison is treatment minus control; distributions and tests
 * come from Hipparchus. Two-sided tests unless named one-sided; intervals are the unpooled
 * (Wald) or Welch intervals at {@code 1 - alpha}.
 */
public final class Stats {

	/** An SRM check flags below this p (a broken split, not bad luck). */
	public static final double SRM_ALPHA = 0.001;

	private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

	private Stats() {
	}

	/** The answer of one comparison. {@code lift} = diff / control value (null when the control is 0). */
	public record Comparison(double statistic, double pValue, double diff, double ciLow, double ciHigh, Double lift,
			Double df, double controlValue, double treatmentValue, double standardError) {
	}

	/** Two-proportion z-test with the pooled variance; interval on the difference with the unpooled one. */
	public static Comparison proportions(long controlSuccesses, long controlN, long treatmentSuccesses,
			long treatmentN, double alpha) {
		checkCounts(controlSuccesses, controlN, "control");
		checkCounts(treatmentSuccesses, treatmentN, "treatment");
		double p1 = (double) controlSuccesses / controlN;
		double p2 = (double) treatmentSuccesses / treatmentN;
		double pooled = (double) (controlSuccesses + treatmentSuccesses) / (controlN + treatmentN);
		double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlN + 1.0 / treatmentN));
		double seUnpooled = Math.sqrt(p1 * (1 - p1) / controlN + p2 * (1 - p2) / treatmentN);
		double diff = p2 - p1;
		double z = (sePooled == 0) ? 0 : diff / sePooled;
		double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
		double q = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		return new Comparison(z, p, diff, diff - q * seUnpooled, diff + q * seUnpooled, lift(diff, p1), null, p1, p2,
				seUnpooled);
	}

	/** Welch's t-test on two means from their summaries (sd is the sample standard deviation). */
	public static Comparison means(double controlMean, double controlSd, long controlN, double treatmentMean,
			double treatmentSd, long treatmentN, double alpha) {
		if (controlN < 2 || treatmentN < 2) {
			throw new IllegalArgumentException("n must be at least 2 in each arm");
		}
		if (controlSd < 0 || treatmentSd < 0 || !Double.isFinite(controlSd) || !Double.isFinite(treatmentSd)) {
			throw new IllegalArgumentException("sd must be 0 or more");
		}
		double v1 = controlSd * controlSd;
		double v2 = treatmentSd * treatmentSd;
		double se = Math.sqrt(v1 / controlN + v2 / treatmentN);
		double diff = treatmentMean - controlMean;
		if (se == 0) {
			return new Comparison(0, (diff == 0) ? 1 : 0, diff, diff, diff, lift(diff, controlMean), null,
					controlMean, treatmentMean, 0);
		}
		Welch welch = new Welch();
		StatisticalSummaryValues c = new StatisticalSummaryValues(controlMean, v1, controlN, Double.NaN, Double.NaN,
				controlMean * controlN);
		StatisticalSummaryValues t = new StatisticalSummaryValues(treatmentMean, v2, treatmentN, Double.NaN,
				Double.NaN, treatmentMean * treatmentN);
		double statistic = welch.t(t, c);
		double p = welch.tTest(t, c);
		double df = welch.degrees(v2, v1, treatmentN, controlN);
		double q = new TDistribution(df).inverseCumulativeProbability(1 - alpha / 2);
		return new Comparison(statistic, p, diff, diff - q * se, diff + q * se, lift(diff, controlMean), df,
				controlMean, treatmentMean, se);
	}

	/** One-sided p-value that the treatment is WORSE, for a metric where higher is worse. */
	public static double harmPValue(Comparison c) {
		if (c.standardError() == 0) {
			return (c.diff() > 0) ? 0 : 1;
		}
		double z = c.diff() / c.standardError();
		if (c.df() != null) {
			return 1 - new TDistribution(c.df()).cumulativeProbability(z);
		}
		return 1 - NORMAL.cumulativeProbability(z);
	}

	/** Sample-ratio mismatch: chi-square goodness of fit of the observed counts to the planned weights. */
	public record Srm(double chiSquare, double pValue, boolean mismatch) {
	}

	public static Srm srm(long[] observed, double[] weights) {
		if (observed.length != weights.length || observed.length < 2) {
			throw new IllegalArgumentException("one count and one weight per arm, at least 2 arms");
		}
		long total = Arrays.stream(observed).sum();
		double weightSum = Arrays.stream(weights).sum();
		if (total == 0 || weightSum <= 0) {
			return new Srm(0, 1, false);
		}
		double[] expected = Arrays.stream(weights).map((w) -> total * w / weightSum).toArray();
		// an arm planned at 0 % that received traffic is a mismatch by definition
		for (int i = 0; i < expected.length; i++) {
			if (expected[i] == 0 && observed[i] > 0) {
				return new Srm(Double.POSITIVE_INFINITY, 0, true);
			}
		}
		int[] live = IntStream.range(0, expected.length).filter((i) -> expected[i] > 0).toArray();
		if (live.length < 2) {
			return new Srm(0, 1, false);
		}
		double[] e = Arrays.stream(live).mapToDouble((i) -> expected[i]).toArray();
		long[] o = Arrays.stream(live).mapToLong((i) -> observed[i]).toArray();
		ChiSquareTest test = new ChiSquareTest();
		double chi = test.chiSquare(e, o);
		double p = test.chiSquareTest(e, o);
		return new Srm(chi, p, p < SRM_ALPHA);
	}

	/** Holm step-down adjusted p-values (same order as the input), monotone and capped at 1. */
	public static double[] holm(double[] pValues) {
		int m = pValues.length;
		Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> pValues[i]));
		double[] adjusted = new double[m];
		double running = 0;
		for (int rank = 0; rank < m; rank++) {
			int i = order[rank];
			running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
			adjusted[i] = running;
		}
		return adjusted;
	}

	/**
	 * Always-valid p-value of the mixture SPRT (normal mixture with variance {@code tau^2} over the
	 * effect) for an estimate {@code diff} with standard error {@code se}. By Ville's inequality,
	 * rejecting the first time it falls below alpha keeps the error at alpha however often one looks;
	 * callers carry the running minimum across looks.
	 */
	public static double msprtPValue(double diff, double se, double tau) {
		if (se <= 0 || tau <= 0) {
			return 1;
		}
		double v = se * se;
		double t2 = tau * tau;
		double logLambda = 0.5 * Math.log(v / (v + t2)) + diff * diff * t2 / (2 * v * (v + t2));
		return Math.min(1, Math.exp(-logLambda));
	}

	/** Per-arm sample size to detect {@code baseline -> baseline + mde} on a rate (two-sided, pooled under H0). */
	public static long sampleSizeProportion(double baseline, double mde, double alpha, double power) {
		double p1 = baseline;
		double p2 = baseline + mde;
		if (p1 <= 0 || p1 >= 1 || p2 <= 0 || p2 >= 1 || mde == 0) {
			throw new IllegalArgumentException("baseline and baseline + mde must be between 0 and 1, mde not 0");
		}
		double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		double zb = NORMAL.inverseCumulativeProbability(power);
		double pBar = (p1 + p2) / 2;
		double root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
		return ceil(root * root / (mde * mde));
	}

	/** Per-arm sample size to detect a difference {@code mde} in a mean with standard deviation {@code sd}. */
	public static long sampleSizeMean(double sd, double mde, double alpha, double power) {
		if (sd <= 0 || mde == 0) {
			throw new IllegalArgumentException("sd must be positive and mde not 0");
		}
		double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		double zb = NORMAL.inverseCumulativeProbability(power);
		return ceil(2 * (za + zb) * (za + zb) * sd * sd / (mde * mde));
	}

	/** Power of a two-sided test with {@code nPerArm} per arm against an effect of {@code mde} (sd of one unit). */
	public static double power(double sd, double mde, long nPerArm, double alpha) {
		double se = sd * Math.sqrt(2.0 / nPerArm);
		double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		double shift = Math.abs(mde) / se;
		return NORMAL.cumulativeProbability(shift - za) + NORMAL.cumulativeProbability(-shift - za);
	}

	/** Standard deviation of one Bernoulli unit at rate p. */
	public static double bernoulliSd(double p) {
		return Math.sqrt(p * (1 - p));
	}

	// a tolerance keeps 10795.0000000001 (floating noise) from becoming 10796
	private static long ceil(double n) {
		return (long) Math.ceil(n - 1e-9);
	}

	private static Double lift(double diff, double control) {
		return (control == 0) ? null : diff / control;
	}

	private static void checkCounts(long successes, long n, String arm) {
		if (n <= 0 || successes < 0 || successes > n) {
			throw new IllegalArgumentException(arm + ": need 0 <= successes <= n and n > 0");
		}
	}

	/** Exposes Hipparchus' Welch-Satterthwaite degrees of freedom. */
	private static final class Welch extends TTest {

		double degrees(double v1, double v2, double n1, double n2) {
			return df(v1, v2, n1, n2);
		}

	}

}
