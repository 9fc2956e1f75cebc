package com.agentobs.query.business;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exponential smoothing for daily business series: Holt with a damped trend, or additive Holt-Winters
 * with a weekly season once there are {@value #MIN_SEASONAL_DAYS} days (four full weeks: fewer cannot
 * tell a weekly pattern from noise). Smoothing parameters are chosen by grid search on the one-step
 * squared error; the damping factor may reach 1 (an undamped trend) when the data say so.
 * Intervals come from a bootstrap of the one-step residuals ({@value #PATHS} simulated paths with a
 * fixed seed, so the same history gives the same bands); every value is clamped at 0 because
 * requests, cost and value cannot be negative.
 */
final class Forecaster {

	static final int SEASON = 7;

	static final int MIN_SEASONAL_DAYS = 4 * SEASON;

	/** Fewer days than this and no forecast is written (a trend from fewer points is noise). */
	static final int MIN_DAYS = 5;

	static final int PATHS = 1000;

	static final String HOLT_DAMPED = "holt_damped";

	static final String HOLT_WINTERS_WEEKLY = "holt_winters_weekly";

	private static final double[] ALPHAS = { 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };

	private static final double[] BETAS = { 0.01, 0.05, 0.1, 0.2, 0.3 };

	private static final double[] GAMMAS = { 0.01, 0.05, 0.1, 0.2, 0.3 };

	private static final double[] PHIS = { 0.8, 0.85, 0.9, 0.95, 0.98, 1.0 };

	private Forecaster() {
	}

	record Point(double predicted, double lower80, double upper80, double lower95, double upper95) {
	}

	record Backtest(int trainDays, int testDays, double mapePct, double coverage80Pct, double coverage95Pct) {
	}

	record Forecast(String model, Map<String, Object> params, List<Point> points) {
	}

	/** The model's smoothing state after the last observation, and its one-step residuals. */
	record Fit(boolean seasonal, double alpha, double beta, double gamma, double phi, double level, double trend,
			double[] season, double[] residuals, double sse, double olsSlope) {

		/** The slope of the first forecast step (φ·b). */
		double slopePerDay() {
			return this.phi * this.trend;
		}

	}

	static boolean seasonal(int days) {
		return days >= MIN_SEASONAL_DAYS;
	}

	/** Fits the model the history's length allows and forecasts {@code horizon} days. */
	static Forecast forecast(double[] history, int horizon, long seed) {
		if (history.length < MIN_DAYS) {
			throw new IllegalArgumentException("need at least " + MIN_DAYS + " days, got " + history.length);
		}
		Fit fit = fit(history, seasonal(history.length));
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("alpha", fit.alpha());
		params.put("beta", fit.beta());
		if (fit.seasonal()) {
			params.put("gamma", fit.gamma());
			params.put("season_days", SEASON);
		}
		params.put("phi", fit.phi());
		params.put("slope_per_day", round(fit.slopePerDay(), 6));
		params.put("ols_slope_per_day", round(fit.olsSlope(), 6));
		params.put("rmse", round(Math.sqrt(fit.sse() / history.length), 6));
		params.put("bootstrap_paths", PATHS);
		params.put("seed", seed);
		return new Forecast(fit.seasonal() ? HOLT_WINTERS_WEEKLY : HOLT_DAMPED, params,
				points(fit, history.length, horizon, seed));
	}

	/**
	 * Fits on the first {@code trainDays} and scores the forecast of the rest: MAPE over days with a
	 * non-zero actual, and the share of actuals inside each band.
	 */
	static Backtest backtest(double[] series, int trainDays, long seed) {
		double[] train = Arrays.copyOf(series, trainDays);
		int test = series.length - trainDays;
		List<Point> points = forecast(train, test, seed).points();
		double ape = 0;
		int apeCount = 0;
		int in80 = 0;
		int in95 = 0;
		for (int i = 0; i < test; i++) {
			double actual = series[trainDays + i];
			Point p = points.get(i);
			if (actual != 0) {
				ape += Math.abs(actual - p.predicted()) / Math.abs(actual);
				apeCount++;
			}
			in80 += (actual >= p.lower80() && actual <= p.upper80()) ? 1 : 0;
			in95 += (actual >= p.lower95() && actual <= p.upper95()) ? 1 : 0;
		}
		return new Backtest(trainDays, test, (apeCount == 0) ? 0 : round(100 * ape / apeCount, 2),
				round(100.0 * in80 / test, 2), round(100.0 * in95 / test, 2));
	}

	static Fit fit(double[] y, boolean seasonal) {
		double[] ols = ols(y);
		double[] initialSeason = seasonal ? initialSeason(y, ols) : new double[0];
		Fit best = null;
		for (double alpha : ALPHAS) {
			for (double beta : BETAS) {
				for (double phi : PHIS) {
					if (seasonal) {
						for (double gamma : GAMMAS) {
							best = better(best, run(y, ols, initialSeason, alpha, beta, gamma, phi));
						}
					}
					else {
						best = better(best, run(y, ols, initialSeason, alpha, beta, 0, phi));
					}
				}
			}
		}
		return best;
	}

	private static Fit better(Fit best, Fit candidate) {
		return (best == null || candidate.sse() < best.sse()) ? candidate : best;
	}

	/** One pass of the smoothing equations from the OLS start (level and trend at t = −1). */
	private static Fit run(double[] y, double[] ols, double[] initialSeason, double alpha, double beta,
			double gamma, double phi) {
		boolean seasonal = initialSeason.length > 0;
		double level = ols[0] - ols[1];
		double trend = ols[1];
		double[] season = initialSeason.clone();
		double[] residuals = new double[y.length];
		double sse = 0;
		for (int t = 0; t < y.length; t++) {
			int si = t % SEASON;
			double s = seasonal ? season[si] : 0;
			double base = level + phi * trend;
			double error = y[t] - (base + s);
			residuals[t] = error;
			sse += error * error;
			double newLevel = alpha * (y[t] - s) + (1 - alpha) * base;
			trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
			if (seasonal) {
				season[si] = gamma * (y[t] - base) + (1 - gamma) * s;
			}
			level = newLevel;
		}
		return new Fit(seasonal, alpha, beta, gamma, phi, level, trend, season, residuals, sse, ols[1]);
	}

	private static List<Point> points(Fit fit, int historyDays, int horizon, long seed) {
		double[] point = new double[horizon];
		double level = fit.level();
		double damp = 0;
		double phiPow = 1;
		for (int h = 1; h <= horizon; h++) {
			phiPow *= fit.phi();
			damp += phiPow;
			double s = fit.seasonal() ? fit.season()[(historyDays + h - 1) % SEASON] : 0;
			point[h - 1] = level + damp * fit.trend() + s;
		}
		// the first season's residuals come from the untrained start; leave them out of the bootstrap
		int skip = (fit.residuals().length > 2 * SEASON) ? SEASON : 0;
		double[] residuals = bootstrapResiduals(fit, skip);
		double[][] paths = new double[horizon][PATHS];
		SplittableRandom random = new SplittableRandom(seed);
		for (int p = 0; p < PATHS; p++) {
			double l = fit.level();
			double b = fit.trend();
			double[] season = fit.season().clone();
			for (int h = 0; h < horizon; h++) {
				int si = (historyDays + h) % SEASON;
				double s = fit.seasonal() ? season[si] : 0;
				double base = l + fit.phi() * b;
				double value = base + s + residuals[random.nextInt(residuals.length)];
				paths[h][p] = value;
				double newLevel = fit.alpha() * (value - s) + (1 - fit.alpha()) * base;
				b = fit.beta() * (newLevel - l) + (1 - fit.beta()) * fit.phi() * b;
				if (fit.seasonal()) {
					season[si] = fit.gamma() * (value - base) + (1 - fit.gamma()) * s;
				}
				l = newLevel;
			}
		}
		List<Point> points = new ArrayList<>(horizon);
		for (int h = 0; h < horizon; h++) {
			double[] sims = paths[h];
			Arrays.sort(sims);
			double predicted = Math.max(0, point[h]);
			double lower80 = Math.min(predicted, Math.max(0, quantile(sims, 0.10)));
			double upper80 = Math.max(predicted, Math.max(0, quantile(sims, 0.90)));
			double lower95 = Math.min(lower80, Math.max(0, quantile(sims, 0.025)));
			double upper95 = Math.max(upper80, Math.max(0, quantile(sims, 0.975)));
			points.add(new Point(predicted, lower80, upper80, lower95, upper95));
		}
		return points;
	}

	/**
	 * The one-step residuals centred on zero and scaled by √(n ÷ (n − k)), k = the fitted parameters
	 * and initial states: in-sample residuals of a tuned model understate its error out of sample.
	 */
	private static double[] bootstrapResiduals(Fit fit, int skip) {
		double[] r = Arrays.copyOfRange(fit.residuals(), skip, fit.residuals().length);
		double mean = Arrays.stream(r).average().orElse(0);
		int k = fit.seasonal() ? 5 + SEASON : 4;
		double scale = (r.length > k + 1) ? Math.sqrt((double) r.length / (r.length - k)) : 1;
		for (int i = 0; i < r.length; i++) {
			r[i] = (r[i] - mean) * scale;
		}
		return r;
	}

	/** Linear interpolation between order statistics (type 7, as R and NumPy default). */
	static double quantile(double[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	/** Ordinary least squares of y on t = 0..n−1: {intercept, slope}. */
	static double[] ols(double[] y) {
		int n = y.length;
		double meanT = (n - 1) / 2.0;
		double meanY = Arrays.stream(y).average().orElse(0);
		double sxy = 0;
		double sxx = 0;
		for (int t = 0; t < n; t++) {
			sxy += (t - meanT) * (y[t] - meanY);
			sxx += (t - meanT) * (t - meanT);
		}
		double slope = (sxx == 0) ? 0 : sxy / sxx;
		return new double[] { meanY - slope * meanT, slope };
	}

	/** Mean detrended value per weekday position, centred so the seven add to zero. */
	private static double[] initialSeason(double[] y, double[] ols) {
		double[] sum = new double[SEASON];
		int[] count = new int[SEASON];
		for (int t = 0; t < y.length; t++) {
			sum[t % SEASON] += y[t] - (ols[0] + ols[1] * t);
			count[t % SEASON]++;
		}
		double[] season = new double[SEASON];
		double mean = 0;
		for (int i = 0; i < SEASON; i++) {
			season[i] = sum[i] / count[i];
			mean += season[i] / SEASON;
		}
		for (int i = 0; i < SEASON; i++) {
			season[i] -= mean;
		}
		return season;
	}

	static double round(double value, int places) {
		double scale = Math.pow(10, places);
		return Math.round(value * scale) / scale;
	}

}
