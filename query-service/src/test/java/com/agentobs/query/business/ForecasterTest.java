package com.agentobs.query.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

class ForecasterTest {

	/** 100 + 5t + (−1)^t·3 over 30 days: the least-squares slope is 4.98 (the alternation tilts it). */
	private static double[] zigzagLine() {
		double[] y = new double[30];
		for (int t = 0; t < y.length; t++) {
			y[t] = 100 + 5 * t + ((t % 2 == 0) ? 3 : -3);
		}
		return y;
	}

	/**
	 * A daily fleet series built like the demo seed: 100 agents each with U{50…150} requests a day,
	 * weekends at 30 %, and one runaway agent at 5× for the last 10 days (fixed seed).
	 */
	static double[] seededLikeSeries(int days, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		LocalDate first = LocalDate.of(2026, 9, 1);
		double[] y = new double[days];
		for (int day = 0; day < days; day++) {
			DayOfWeek dow = first.plusDays(day).getDayOfWeek();
			boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
			double total = 0;
			for (int agent = 0; agent < 100; agent++) {
				double n = random.nextInt(50, 151) * (weekend ? 0.3 : 1.0);
				if (agent == 0 && day >= days - 10) {
					n *= 5;
				}
				total += Math.floor(n);
			}
			y[day] = total;
		}
		return y;
	}

	/** A weekday-heavy weekly pattern (weekend at about half a weekday), averaging 1. */
	private static final double[] WEEK = { 1.15, 1.2, 1.2, 1.15, 1.1, 0.55, 0.65 };

	/** 1,000 a day on average × the weekly pattern × lognormal noise of the given spread (fixed seed). */
	static double[] flatWeeklySeries(int days, double noise, long seed) {
		Random random = new Random(seed);
		double[] y = new double[days];
		for (int t = 0; t < days; t++) {
			y[t] = 1000 * WEEK[t % 7] * Math.exp(noise * random.nextGaussian());
		}
		return y;
	}

	/** The same week on a level growing 0.3 % of its start a day, with 5 % noise (fixed seed). */
	static double[] growingWeeklySeries(int days, long seed) {
		Random random = new Random(seed);
		double[] y = new double[days];
		for (int t = 0; t < days; t++) {
			y[t] = 1000 * (1 + 0.003 * t) * WEEK[t % 7] * Math.exp(0.05 * random.nextGaussian());
		}
		return y;
	}

	/** The same week on a level that wanders 1 % a day (a geometric random walk) with 4 % noise. */
	static double[] wanderingWeeklySeries(int days, long seed) {
		Random random = new Random(seed);
		double[] y = new double[days];
		double level = 1000;
		for (int t = 0; t < days; t++) {
			level *= Math.exp(0.01 * random.nextGaussian());
			y[t] = level * WEEK[t % 7] * Math.exp(0.04 * random.nextGaussian());
		}
		return y;
	}

	/** Weekdays around 200 + t/2 with noise 15, weekends exactly 0 (a department idle at weekends). */
	static double[] idleWeekendSeries(int days, long seed) {
		Random random = new Random(seed);
		double[] y = new double[days];
		for (int t = 0; t < days; t++) {
			y[t] = (t % 7 >= 5) ? 0 : Math.max(0, 200 + 0.5 * t + 15 * random.nextGaussian());
		}
		return y;
	}

	/** MAPE, 80 % and 95 % coverage of the 60 / 30 backtest averaged over seeds 1…50. */
	private static double[] averageBacktest(LongFunction<double[]> series) {
		double[] sum = new double[3];
		for (long seed = 1; seed <= 50; seed++) {
			Forecaster.Backtest b = Forecaster.backtest(series.apply(seed), 60);
			sum[0] += b.mapePct() / 50;
			sum[1] += b.coverage80Pct() / 50;
			sum[2] += b.coverage95Pct() / 50;
		}
		return sum;
	}

	@Test
	void bands_onAWeeklySeriesWithKnownNoise_holdCloseToTheirNominalShare() {
		double[] avg = averageBacktest((seed) -> flatWeeklySeries(90, 0.05, seed));

		assertThat(avg[0]).isLessThanOrEqualTo(15.0);
		assertThat(avg[1]).isBetween(70.0, 90.0);
		assertThat(avg[2]).isBetween(88.0, 99.0);
	}

	@Test
	void bands_onAGrowingSeries_holdCloseToTheirNominalShare() {
		double[] avg = averageBacktest((seed) -> growingWeeklySeries(90, seed));

		assertThat(avg[0]).isLessThanOrEqualTo(15.0);
		assertThat(avg[1]).isBetween(70.0, 90.0);
		assertThat(avg[2]).isBetween(88.0, 99.0);
	}

	@Test
	void bands_onAWanderingLevel_holdCloseToTheirNominalShare() {
		double[] avg = averageBacktest((seed) -> wanderingWeeklySeries(90, seed));

		assertThat(avg[0]).isLessThanOrEqualTo(15.0);
		assertThat(avg[1]).isBetween(70.0, 90.0);
		assertThat(avg[2]).isBetween(88.0, 99.0);
	}

	@Test
	void errorVariance_measuresTheNoise_onTheRelativeScale_andGrowsPastTheMeasuredHorizon() {
		double[] y = flatWeeklySeries(90, 0.05, 7);
		Forecaster.Fit fit = Forecaster.fit(y, true);
		Forecaster.ErrorVariance variance = Forecaster.errorVariance(fit, y, 90);

		assertThat(fit.multiplicative()).isTrue();
		assertThat(variance.relative()).isTrue();
		// the day's noise plus what the level and season estimates add, never less than the noise
		assertThat(variance.sd(1)).isBetween(0.05, 0.05 * 1.6);
		assertThat(variance.sd(90)).isGreaterThan(variance.sd(variance.measuredDays()));
		assertThat(variance.sd(variance.measuredDays())).isGreaterThanOrEqualTo(variance.sd(1));
	}

	@Test
	void aSeriesWithZeroDays_getsAnAdditiveSeasonAndBandsInUnits_thatHoldTheirShare() {
		Forecaster.Forecast forecast = Forecaster.forecast(idleWeekendSeries(60, 1), 30);
		double[] avg = averageBacktest((seed) -> idleWeekendSeries(90, seed));

		assertThat(forecast.params()).containsEntry("seasonality", "additive").containsEntry("band_scale", "difference");
		assertThat(forecast.points()).allSatisfy((p) -> assertThat(p.lower95()).isGreaterThanOrEqualTo(0));
		assertThat(avg[1]).isBetween(70.0, 90.0);
		assertThat(avg[2]).isBetween(88.0, 99.0);
	}

	@Test
	void aFlatSeries_isNotExtrapolated_whileAGrowingOneKeepsItsTrend() {
		assertThat(Forecaster.forecast(flatWeeklySeries(60, 0.05, 3), 30).params()).containsEntry("trend", "none");
		assertThat(Forecaster.forecast(growingWeeklySeries(60, 3), 30).params()).containsEntry("trend", "damped");
		assertThat(Forecaster.fit(zigzagLine(), true).trended()).isTrue();
	}

	@Test
	void holt_recoversTheSlopeOfALine_withinOnePercent() {
		Forecaster.Forecast forecast = Forecaster.forecast(zigzagLine(), 90);

		assertThat((double) forecast.params().get("ols_slope_per_day")).isCloseTo(4.98, within(0.05));
		assertThat((double) forecast.params().get("slope_per_day")).isCloseTo(4.98, within(0.05));
		// the first forecast step continues the line
		assertThat(forecast.points().get(0).predicted()).isCloseTo(100 + 5 * 30, within(5.0));
	}

	@Test
	void holtWithoutSeason_recoversTheSlopeToo() {
		assertThat(Forecaster.fit(zigzagLine(), false).slopePerDay()).isCloseTo(4.98, within(0.05));
	}

	/** One series can be lucky; over 50 seeded series the bands must hold on average too. */
	@Test
	void backtest_averagedOver50SeededSeries_staysInTheAcceptanceBands() {
		double mape = 0;
		double c80 = 0;
		double c95 = 0;
		for (long seed = 1; seed <= 50; seed++) {
			Forecaster.Backtest b = Forecaster.backtest(seededLikeSeries(90, seed), 60);
			mape += b.mapePct() / 50;
			c80 += b.coverage80Pct() / 50;
			c95 += b.coverage95Pct() / 50;
		}
		assertThat(mape).isLessThanOrEqualTo(15.0);
		assertThat(c80).isBetween(70.0, 90.0);
		assertThat(c95).isBetween(88.0, 99.0);
	}

	@Test
	void fourWeeksOrMore_useWeeklyHoltWinters() {
		assertThat(Forecaster.forecast(seededLikeSeries(27, 1), 10).model()).isEqualTo(Forecaster.HOLT_DAMPED);
		assertThat(Forecaster.forecast(seededLikeSeries(28, 1), 10).model())
			.isEqualTo(Forecaster.HOLT_WINTERS_WEEKLY);
	}

	@Test
	void backtest_60TrainDays30Test_meetsAccuracyAndBandCoverage() {
		Forecaster.Backtest backtest = Forecaster.backtest(seededLikeSeries(90, 42), 60);

		assertThat(backtest.mapePct()).isLessThanOrEqualTo(15.0);
		assertThat(backtest.coverage80Pct()).isBetween(70.0, 90.0);
		assertThat(backtest.coverage95Pct()).isBetween(88.0, 99.0);
	}

	@Test
	void bands_areNestedAndWiden_andTheSameSeedGivesTheSameForecast() {
		double[] series = seededLikeSeries(90, 3);
		List<Forecaster.Point> points = Forecaster.forecast(series, 90).points();

		assertThat(points).hasSize(90).allSatisfy((p) -> {
			assertThat(p.lower95()).isLessThanOrEqualTo(p.lower80());
			assertThat(p.lower80()).isLessThanOrEqualTo(p.predicted());
			assertThat(p.predicted()).isLessThanOrEqualTo(p.upper80());
			assertThat(p.upper80()).isLessThanOrEqualTo(p.upper95());
			assertThat(p.lower95()).isGreaterThanOrEqualTo(0);
		});
		// bands are relative to the day's level: compare the same weekday twelve weeks apart
		double firstWidth = points.get(0).upper95() - points.get(0).lower95();
		double lastWidth = points.get(84).upper95() - points.get(84).lower95();
		assertThat(lastWidth / points.get(84).predicted()).isGreaterThan(firstWidth / points.get(0).predicted());
		assertThat(Forecaster.forecast(series, 90).points()).isEqualTo(points);
	}

	@Test
	void tooShortAHistory_isRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Forecaster.forecast(new double[] { 1, 2, 3 }, 5));
	}

}
