package com.agentobs.query.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

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
