package com.agentobs.query.business;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponential smoothing for daily business series. With fewer than {@value #MIN_SEASONAL_DAYS} days
 * (four weeks: fewer cannot tell a weekly pattern from noise) it fits Holt with a damped trend started
 * from the least-squares line. From four weeks on it fits Holt-Winters with a weekly season,
 * multiplicative when every day is positive (business traffic scales: a weekend at 30 % of a weekday
 * stays at 30 % when the level moves) and additive otherwise; level, trend and season start from a
 * classical decomposition of the first weeks. Smoothing parameters come from a fixed grid minimizing
 * the one-step squared error (relative error for the multiplicative model), once with a damped trend and
 * once without; the one whose forecasts from every past day were closer over the next 30 days wins (the
 * one-step error alone cannot tell a trend from a wandering level, and the forecast is read months ahead).
 * <p>
 * Bands come from the model's own h-step errors: from every origin in the history the fitted filter's
 * state forecasts up to {@value #BAND_HORIZON} days ahead, the errors (log ratio actual ÷ forecast when
 * the series is positive, so a weekend's band is as wide relative to its level as a weekday's; the
 * difference otherwise) give a variance per horizon (centred: the bias of the history is not the bias of
 * the future), smoothed by a line a + c·(h − 1) (a wandering level makes it grow linearly) and, past the
 * longest measured horizon, grown by the model's own variance growth. The variance is scaled by
 * n ÷ (n − k), k = the fitted parameters and initial states, since in-sample errors of a tuned model
 * understate its error out of sample; bands are the normal quantiles. Everything is deterministic (no
 * simulation, no seed) and clamped at 0 (requests, cost and value cannot be negative).
 */
final class Forecaster {

	static final int SEASON = 7;

	static final int MIN_SEASONAL_DAYS = 4 * SEASON;

	/** Fewer days than this and no forecast is written (a trend from fewer points is noise). */
	static final int MIN_DAYS = 5;

	/** Longest horizon whose in-sample errors are measured; longer ones use the fitted variance line. */
	static final int BAND_HORIZON = 30;

	/** A horizon's error variance is used when at least this many origins reach it. */
	static final int MIN_ERRORS_PER_HORIZON = 10;

	static final String HOLT_DAMPED = "holt_damped";

	static final String HOLT_WINTERS_WEEKLY = "holt_winters_weekly";

	static final double Z80 = 1.2815515655446004;

	static final double Z95 = 1.959963984540054;

	private static final double[] ALPHAS = { 0.05, 0.1, 0.2, 0.3, 0.5 };

	private static final double[] BETAS = { 0.01, 0.05, 0.1, 0.2 };

	private static final double[] GAMMAS = { 0.01, 0.05, 0.1, 0.2 };

	private static final double[] PHIS = { 0.8, 0.9, 0.95, 0.98, 1.0 };

	/** Holt (no season) has fewer parameters, so a finer grid is cheap. */
	private static final double[] HOLT_ALPHAS = { 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };

	private static final double[] HOLT_BETAS = { 0.01, 0.05, 0.1, 0.2, 0.3 };

	private static final double[] HOLT_PHIS = { 0.8, 0.85, 0.9, 0.95, 0.98, 1.0 };

	private Forecaster() {
	}

	record Point(double predicted, double lower80, double upper80, double lower95, double upper95) {
	}

	record Backtest(int trainDays, int testDays, double mapePct, double coverage80Pct, double coverage95Pct) {
	}

	record Forecast(String model, Map<String, Object> params, List<Point> points) {
	}

	/**
	 * A fitted model: its parameters, the filter's state after each day ({@code levels[t]},
	 * {@code trends[t]}, and {@code seasonUpdates[t]}, the factor of day t's weekday once day t is seen,
	 * on top of {@code initialSeason}) and its one-step squared error.
	 */
	record Fit(boolean seasonal, boolean multiplicative, boolean trended, double alpha, double beta, double gamma,
			double phi, double[] levels, double[] trends, double[] initialSeason, double[] seasonUpdates, double sse,
			double olsSlope) {

		/** The slope of the first forecast step (φ·b). */
		double slopePerDay() {
			return this.phi * this.trends[this.trends.length - 1];
		}

		/** Parameters and initial states estimated from the data, plus the error variance. */
		int parameterCount() {
			if (!this.seasonal) {
				return 3 + 2 + 1;
			}
			return (this.trended ? 4 + 2 : 2 + 1) + (SEASON - 1) + 1;
		}

		/** The season of weekday position {@code position} once day {@code origin} is seen. */
		double seasonAfter(int origin, int position) {
			int last = origin - Math.floorMod(origin - position, SEASON);
			return (last < 0) ? this.initialSeason[position] : this.seasonUpdates[last];
		}

		/** Forecasts days {@code origin + 1 … origin + horizon} from the state after day {@code origin}. */
		double[] forecastFrom(int origin, int horizon) {
			double[] out = new double[horizon];
			double damp = 0;
			double phiPow = 1;
			for (int h = 1; h <= horizon; h++) {
				phiPow *= this.phi;
				damp += phiPow;
				double base = this.levels[origin] + damp * this.trends[origin];
				if (!this.seasonal) {
					out[h - 1] = base;
				}
				else {
					double s = seasonAfter(origin, (origin + h) % SEASON);
					out[h - 1] = this.multiplicative ? base * s : base + s;
				}
			}
			return out;
		}

	}

	/**
	 * The h-step error variance on the band's scale (log ratio or difference): the measured line
	 * a + c·(h − 1) up to the longest measured horizon, beyond it that value grown by the model's own
	 * growth factor (so bands keep widening past what the history can show), all inflated for the fitted
	 * parameters.
	 */
	record ErrorVariance(boolean relative, double intercept, double perDay, int measuredDays, double[] growth,
			double inflation) {

		double sd(int h) {
			int m = Math.min(h, this.measuredDays);
			double variance = Math.max(0, this.intercept + this.perDay * (m - 1));
			if (h > m) {
				variance *= this.growth[h - 1] / this.growth[m - 1];
			}
			return Math.sqrt(variance * this.inflation);
		}

	}

	static boolean seasonal(int days) {
		return days >= MIN_SEASONAL_DAYS;
	}

	/** Fits the model the history's length allows and forecasts {@code horizon} days. */
	static Forecast forecast(double[] history, int horizon) {
		if (history.length < MIN_DAYS) {
			throw new IllegalArgumentException("need at least " + MIN_DAYS + " days, got " + history.length);
		}
		Fit fit = fit(history, seasonal(history.length));
		ErrorVariance variance = errorVariance(fit, history, horizon);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("alpha", fit.alpha());
		params.put("beta", fit.beta());
		if (fit.seasonal()) {
			params.put("gamma", fit.gamma());
			params.put("season_days", SEASON);
			params.put("seasonality", fit.multiplicative() ? "multiplicative" : "additive");
			params.put("trend", fit.trended() ? "damped" : "none");
		}
		params.put("phi", fit.phi());
		params.put("slope_per_day", round(fit.slopePerDay(), 6));
		params.put("ols_slope_per_day", round(fit.olsSlope(), 6));
		params.put("rmse", round(Math.sqrt(fit.sse() / history.length), 6));
		params.put("band_scale", variance.relative() ? "log_ratio" : "difference");
		params.put("band_sd_day1", round(variance.sd(1), 6));
		params.put("band_sd_last_day", round(variance.sd(horizon), 6));
		return new Forecast(fit.seasonal() ? HOLT_WINTERS_WEEKLY : HOLT_DAMPED, params,
				points(fit, variance, history.length, horizon));
	}

	/**
	 * Fits on the first {@code trainDays} and scores the forecast of the rest: MAPE over days with a
	 * non-zero actual, and the share of actuals inside each band.
	 */
	static Backtest backtest(double[] series, int trainDays) {
		double[] train = Arrays.copyOf(series, trainDays);
		int test = series.length - trainDays;
		List<Point> points = forecast(train, test).points();
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
		double olsSlope = ols[1];
		if (!seasonal) {
			State start = new State(ols[0] - ols[1], ols[1], new double[0]);
			Fit best = null;
			for (double alpha : HOLT_ALPHAS) {
				for (double beta : HOLT_BETAS) {
					for (double phi : HOLT_PHIS) {
						Fit candidate = run(y, start, false, false, true, alpha, beta, 0, phi, olsSlope);
						best = (best == null || candidate.sse() < best.sse()) ? candidate : best;
					}
				}
			}
			return best;
		}
		boolean multiplicative = Arrays.stream(y).allMatch((v) -> v > 0);
		Fit trended = bestSeasonal(y, multiplicative, true, olsSlope);
		Fit flat = bestSeasonal(y, multiplicative, false, olsSlope);
		return (hStepErrors(trended, y).meanSquare() < hStepErrors(flat, y).meanSquare()) ? trended : flat;
	}

	/** The grid's Holt-Winters fit with the least one-step squared error, with or without a trend. */
	private static Fit bestSeasonal(double[] y, boolean multiplicative, boolean trended, double olsSlope) {
		State start = decomposition(y, multiplicative, trended);
		Fit best = null;
		for (double alpha : ALPHAS) {
			for (double beta : trended ? BETAS : new double[] { 0 }) {
				for (double gamma : GAMMAS) {
					for (double phi : trended ? PHIS : new double[] { 1 }) {
						Fit candidate = run(y, start, true, multiplicative, trended, alpha, beta, gamma, phi,
								olsSlope);
						best = (best == null || candidate.sse() < best.sse()) ? candidate : best;
					}
				}
			}
		}
		return best;
	}

	/** Level and trend at t = −1 and the season of days 0…6. */
	private record State(double level, double trend, double[] season) {
	}

	/**
	 * Classical decomposition of the first (up to four) full weeks: the level is the first week's mean,
	 * the trend the difference between the last and the first of those weekly means ÷ the days between
	 * (whole weeks cancel the weekly pattern; a least-squares line through seasonal data over the whole
	 * history is tilted by the pattern and by any later drift), the season each weekday's mean ratio to
	 * (or difference from) that line, normalized to average 1 (or 0).
	 */
	private static State decomposition(double[] y, boolean multiplicative, boolean trended) {
		int weeks = Math.min(y.length / SEASON, 4);
		int days = weeks * SEASON;
		double week0 = mean(y, 0, SEASON);
		double lastWeek = mean(y, days - SEASON, days);
		double trend = trended ? (lastWeek - week0) / (days - SEASON) : 0;
		double level0 = week0 - trend * (SEASON - 1) / 2.0;
		double[] season = new double[SEASON];
		for (int t = 0; t < days; t++) {
			double line = level0 + trend * t;
			season[t % SEASON] += multiplicative ? y[t] / line : y[t] - line;
		}
		double mean = 0;
		for (int i = 0; i < SEASON; i++) {
			season[i] /= days / SEASON;
			mean += season[i] / SEASON;
		}
		for (int i = 0; i < SEASON; i++) {
			season[i] = multiplicative ? season[i] / mean : season[i] - mean;
		}
		return new State(level0 - trend, trend, season);
	}

	/** One pass of the smoothing equations; an impossible state (a non-positive base) scores infinity. */
	private static Fit run(double[] y, State start, boolean seasonal, boolean multiplicative, boolean trended,
			double alpha, double beta, double gamma, double phi, double olsSlope) {
		int n = y.length;
		double level = start.level();
		double trend = start.trend();
		double[] season = start.season().clone();
		double[] levels = new double[n];
		double[] trends = new double[n];
		double[] seasonUpdates = new double[n];
		double sse = 0;
		for (int t = 0; t < n; t++) {
			int si = t % SEASON;
			double base = level + phi * trend;
			double newLevel;
			if (seasonal && multiplicative) {
				double s = season[si];
				double predicted = base * s;
				if (predicted <= 0 || s <= 0) {
					sse = Double.POSITIVE_INFINITY;
					break;
				}
				double error = (y[t] - predicted) / predicted;
				sse += error * error;
				newLevel = alpha * (y[t] / s) + (1 - alpha) * base;
				season[si] = gamma * (y[t] / base) + (1 - gamma) * s;
			}
			else {
				double s = seasonal ? season[si] : 0;
				double error = y[t] - (base + s);
				sse += error * error;
				newLevel = alpha * (y[t] - s) + (1 - alpha) * base;
				if (seasonal) {
					season[si] = gamma * (y[t] - base) + (1 - gamma) * s;
				}
			}
			trend = trended ? beta * (newLevel - level) + (1 - beta) * phi * trend : 0;
			level = newLevel;
			levels[t] = level;
			trends[t] = trend;
			seasonUpdates[t] = seasonal ? season[si] : 0;
		}
		return new Fit(seasonal, multiplicative, trended, alpha, beta, gamma, phi, levels, trends, start.season(),
				seasonUpdates, sse, olsSlope);
	}

	/**
	 * The fitted filter's h-step errors over the history: from every origin after the start-up (two weeks
	 * for the seasonal model, whose first weeks only set the season; one day for Holt) it forecasts up to
	 * {@value #BAND_HORIZON} days ahead. Errors are log(actual ÷ forecast) when the series is positive, the
	 * difference otherwise; a non-positive forecast of a positive series is counted as unusable.
	 */
	static HStepErrors hStepErrors(Fit fit, double[] y) {
		int n = y.length;
		boolean relative = Arrays.stream(y).allMatch((v) -> v > 0);
		int firstOrigin = fit.seasonal() ? 2 * SEASON - 1 : 1;
		int maxH = Math.max(0, Math.min(BAND_HORIZON, n - 1 - firstOrigin));
		HStepErrors errors = new HStepErrors(relative, new double[maxH + 1], new double[maxH + 1], new int[maxH + 1],
				new int[1]);
		if (!Double.isFinite(fit.sse())) {
			errors.unusable()[0]++;
			return errors;
		}
		for (int origin = firstOrigin; origin < n - 1; origin++) {
			double[] f = fit.forecastFrom(origin, Math.min(maxH, n - 1 - origin));
			for (int h = 1; h <= f.length; h++) {
				if (relative && f[h - 1] <= 0) {
					errors.unusable()[0]++;
					continue;
				}
				double e = relative ? Math.log(y[origin + h] / f[h - 1]) : y[origin + h] - f[h - 1];
				errors.sum()[h] += e;
				errors.sumSquares()[h] += e * e;
				errors.count()[h]++;
			}
		}
		return errors;
	}

	/** Sums of the h-step errors per horizon h (index 0 unused). */
	record HStepErrors(boolean relative, double[] sum, double[] sumSquares, int[] count, int[] unusable) {

		/** Mean squared error over all horizons: how a model forecasts a month, not just tomorrow. */
		double meanSquare() {
			double total = 0;
			int n = 0;
			for (int h = 1; h < this.count.length; h++) {
				total += this.sumSquares[h];
				n += this.count[h];
			}
			return (this.unusable[0] > 0 || n == 0) ? Double.POSITIVE_INFINITY : total / n;
		}

	}

	/** The h-step error variance of the fitted filter, measured over the history (see {@link #hStepErrors}). */
	static ErrorVariance errorVariance(Fit fit, double[] y, int horizon) {
		int n = y.length;
		HStepErrors errors = hStepErrors(fit, y);
		int[] count = errors.count();
		int maxH = count.length - 1;
		int minCount = Math.max(2, Math.min(MIN_ERRORS_PER_HORIZON, (maxH >= 1) ? count[1] : 0));
		List<double[]> points = new ArrayList<>();
		for (int h = 1; h <= maxH; h++) {
			if (count[h] >= minCount) {
				double mean = errors.sum()[h] / count[h];
				points.add(new double[] { h - 1, Math.max(0, errors.sumSquares()[h] / count[h] - mean * mean) });
			}
		}
		if (points.isEmpty()) {
			throw new IllegalArgumentException("too short a history to measure forecast errors: " + n + " days");
		}
		int k = fit.parameterCount();
		double inflation = (n > 2 * k) ? (double) n / (n - k) : 2;
		double[] line = varianceLine(points);
		int measuredDays = (int) points.get(points.size() - 1)[0] + 1;
		return new ErrorVariance(errors.relative(), line[0], line[1], measuredDays, growth(fit, horizon), inflation);
	}

	/**
	 * The model's h-step variance ÷ its one-step variance, 1 + Σ_{j<h} c_j² with c_j = α + αβ(φ + … + φ^j)
	 * + γ on whole weeks (the error-correction form of the smoothing equations; exact for the additive
	 * model, first-order for the multiplicative one on the log scale): how far a shock carries ahead.
	 */
	static double[] growth(Fit fit, int horizon) {
		double[] g = new double[Math.max(1, horizon)];
		g[0] = 1;
		double dampSum = 0;
		double phiPow = 1;
		for (int j = 1; j < g.length; j++) {
			phiPow *= fit.phi();
			dampSum += phiPow;
			double c = fit.alpha() + fit.alpha() * fit.beta() * dampSum
					+ ((fit.seasonal() && j % SEASON == 0) ? fit.gamma() : 0);
			g[j] = g[j - 1] + c * c;
		}
		return g;
	}

	/** Least squares of variance on h − 1, the slope kept ≥ 0 (errors do not shrink with the horizon). */
	private static double[] varianceLine(List<double[]> points) {
		double meanX = points.stream().mapToDouble((p) -> p[0]).average().orElse(0);
		double meanV = points.stream().mapToDouble((p) -> p[1]).average().orElse(0);
		double sxy = 0;
		double sxx = 0;
		for (double[] p : points) {
			sxy += (p[0] - meanX) * (p[1] - meanV);
			sxx += (p[0] - meanX) * (p[0] - meanX);
		}
		double slope = (sxx == 0) ? 0 : sxy / sxx;
		if (slope <= 0) {
			return new double[] { meanV, 0 };
		}
		double intercept = meanV - slope * meanX;
		return (intercept > 0) ? new double[] { intercept, slope } : new double[] { points.get(0)[1], slope };
	}

	private static List<Point> points(Fit fit, ErrorVariance variance, int historyDays, int horizon) {
		double[] forecast = fit.forecastFrom(historyDays - 1, horizon);
		List<Point> points = new ArrayList<>(horizon);
		for (int h = 1; h <= horizon; h++) {
			double center = forecast[h - 1];
			double sd = variance.sd(h);
			double predicted = Math.max(0, center);
			double lower80;
			double upper80;
			double lower95;
			double upper95;
			if (variance.relative()) {
				lower80 = predicted * Math.exp(-Z80 * sd);
				upper80 = predicted * Math.exp(Z80 * sd);
				lower95 = predicted * Math.exp(-Z95 * sd);
				upper95 = predicted * Math.exp(Z95 * sd);
			}
			else {
				lower80 = Math.max(0, center - Z80 * sd);
				upper80 = Math.max(predicted, center + Z80 * sd);
				lower95 = Math.max(0, center - Z95 * sd);
				upper95 = Math.max(upper80, center + Z95 * sd);
			}
			points.add(new Point(predicted, Math.min(predicted, lower80), upper80, Math.min(lower80, lower95),
					Math.max(upper80, upper95)));
		}
		return points;
	}

	private static double mean(double[] y, int from, int to) {
		double sum = 0;
		for (int t = from; t < to; t++) {
			sum += y[t];
		}
		return sum / (to - from);
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

	static double round(double value, int places) {
		double scale = Math.pow(10, places);
		return Math.round(value * scale) / scale;
	}

}
