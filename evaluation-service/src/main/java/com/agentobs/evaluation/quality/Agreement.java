package com.agentobs.evaluation.quality;

/**
 * Agreement between two evaluators of the same traces: Cohen's kappa over their labels and
 * Pearson's correlation over their scores. Undefined values (no pairs, no variance, chance
 * agreement of 1) are {@code null}, never 0: "no information" must not read as "no agreement".
 */
public final class Agreement {

	private Agreement() {
	}

	/**
	 * Cohen's kappa of a square confusion matrix ({@code m[i][j]}: first evaluator said label
	 * i, second said j): (p_o − p_e) / (1 − p_e).
	 */
	public static Double kappa(long[][] m) {
		int k = m.length;
		long n = 0;
		long diagonal = 0;
		long[] rows = new long[k];
		long[] cols = new long[k];
		for (int i = 0; i < k; i++) {
			if (m[i].length != k) {
				throw new IllegalArgumentException("confusion matrix must be square");
			}
			for (int j = 0; j < k; j++) {
				n += m[i][j];
				rows[i] += m[i][j];
				cols[j] += m[i][j];
			}
			diagonal += m[i][i];
		}
		if (n == 0) {
			return null;
		}
		double observed = (double) diagonal / n;
		double expected = 0;
		for (int i = 0; i < k; i++) {
			expected += ((double) rows[i] / n) * ((double) cols[i] / n);
		}
		if (expected >= 1) {
			return null;
		}
		return (observed - expected) / (1 - expected);
	}

	/** Pearson's r of paired scores. */
	public static Double pearson(double[] x, double[] y) {
		if (x.length != y.length) {
			throw new IllegalArgumentException("x and y must be paired");
		}
		Sums s = new Sums(0, 0, 0, 0, 0, 0);
		for (int i = 0; i < x.length; i++) {
			s = s.add(x[i], y[i]);
		}
		return pearson(s);
	}

	/**
	 * Pearson's r from the sufficient statistics (SQL aggregates them, so no pair leaves the
	 * database): cov / (sd_x · sd_y) with n-scaled sums.
	 */
	public static Double pearson(Sums s) {
		if (s.n() < 2) {
			return null;
		}
		double cov = s.n() * s.sxy() - s.sx() * s.sy();
		double vx = s.n() * s.sxx() - s.sx() * s.sx();
		double vy = s.n() * s.syy() - s.sy() * s.sy();
		if (vx <= 0 || vy <= 0) {
			return null;
		}
		double r = cov / Math.sqrt(vx * vy);
		return Math.max(-1, Math.min(1, r));
	}

	/** n, Σx, Σy, Σx², Σy², Σxy of paired scores. */
	public record Sums(long n, double sx, double sy, double sxx, double syy, double sxy) {

		Sums add(double x, double y) {
			return new Sums(this.n + 1, this.sx + x, this.sy + y, this.sxx + x * x, this.syy + y * y,
					this.sxy + x * y);
		}

	}

}
