package com.agentobs.alert.engine;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.AlternativeHypothesis;
import org.hipparchus.stat.inference.BinomialTest;

/**
 * Whether a window's failures are too many for its scope's baseline failure rate, on counts rather than
 * on the rate alone: with few requests one failure moves a rate by tens of points, so an error-rate anomaly
 * must also be this significant. Under "no change" the failures of the window and of the baseline hours
 * are Poisson with one rate per request, so given their sum m the window's share is Binomial(m, π) with π
 * the window's share of the requests (the exact conditional test of two Poisson rates; the baseline's own
 * noise is in it). Failures are counted as stored (sampled) requests: a represented count is a sum of sample
 * rates, so each agent's failures are first divided by the rate they were kept at (see {@link #gcd}); the
 * requests only set π, a share, which needs no unit.
 */
final class CountSignificance {

	private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

	private CountSignificance() {
	}

	/** One-sided p-value of {@code windowFailures} or more failures in the window (failures stored, requests in any unit). */
	static double pValue(long windowFailures, long windowRequests, long baselineFailures, long baselineRequests) {
		if (windowFailures <= 0 || windowRequests <= 0 || baselineRequests <= 0) {
			return 1;
		}
		long m = windowFailures + baselineFailures;
		double pi = (double) windowRequests / (windowRequests + baselineRequests);
		if (windowFailures <= m * pi || m > Integer.MAX_VALUE) {
			// not above the expected share: never significant (and a count beyond int is no sparse count)
			return (windowFailures <= m * pi) ? 1 : 0;
		}
		// P(X >= k) for X ~ Binomial(m, π), k above the mean; 1 - P(X < k) is exact enough down to 1e-15
		return new BinomialTest().binomialTest((int) m, (int) windowFailures, pi, AlternativeHypothesis.GREATER_THAN);
	}

	/** The one-sided normal tail beyond {@code z}: the p-value a robust z of that size stands for. */
	static double normalUpperTail(double z) {
		return NORMAL.cumulativeProbability(-z);
	}

	/** Greatest common divisor (0 with 0 gives the other): the sample rate behind a set of represented counts. */
	static long gcd(long a, long b) {
		a = Math.abs(a);
		b = Math.abs(b);
		while (b != 0) {
			long t = a % b;
			a = b;
			b = t;
		}
		return a;
	}

}
