package com.agentobs.query.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoiAndGoalStatusTest {

	@Test
	void roi_isValueMinusCostOverCost() {
		Roi roi = Roi.of(new BigDecimal("10000"), new BigDecimal("2500"));

		assertThat(roi.pct()).isEqualTo(300.0);
		assertThat(roi.note()).isNull();
		assertThat(Roi.of(new BigDecimal("1000"), new BigDecimal("3000")).pct()).isEqualTo(-66.7);
	}

	@Test
	void roi_withNoCost_isNullWithANote() {
		Roi roi = Roi.of(new BigDecimal("10000"), BigDecimal.ZERO);

		assertThat(roi.pct()).isNull();
		assertThat(roi.note()).isEqualTo(Roi.NO_COST_NOTE);
	}

	@ParameterizedTest
	@CsvSource({ "89.9, off_track", "90, at_risk", "99.9, at_risk", "100, on_track", "140, on_track",
			"0, off_track" })
	void status_fromTheProjectionsShareOfTarget(String pct, String status) {
		assertThat(GoalStatus.fromProjectedPct(new BigDecimal(pct)).code()).isEqualTo(status);
	}

	@Test
	void projection_addsTheDailyPaceForTheDaysLeft() {
		LocalDate today = LocalDate.of(2026, 12, 1);
		// 600 so far, 10/day for 30 more days → 900 of 1,000 = 90 % → at risk
		GoalStatus.Projection p = GoalStatus.project(true, new BigDecimal("600"), new BigDecimal("1000"),
				BigDecimal.TEN, today, today.plusDays(30));
		assertThat(p.projected()).isEqualByComparingTo("900");
		assertThat(p.status()).isEqualTo(GoalStatus.AT_RISK);
		// 899 projected → 89.9 % → off track
		assertThat(GoalStatus.project(true, new BigDecimal("599"), new BigDecimal("1000"), BigDecimal.TEN, today,
				today.plusDays(30)).status()).isEqualTo(GoalStatus.OFF_TRACK);
	}

	@Test
	void reachingTheTarget_isAchieved_andALevelMetricProjectsItsCurrentValue() {
		LocalDate today = LocalDate.of(2026, 12, 1);
		assertThat(GoalStatus.project(true, new BigDecimal("1000"), new BigDecimal("1000"), BigDecimal.ZERO, today,
				today.plusDays(5)).status()).isEqualTo(GoalStatus.ACHIEVED);
		assertThat(GoalStatus.project(false, new BigDecimal("180"), new BigDecimal("200"), new BigDecimal("50"),
				today, today.plusDays(60)).status()).isEqualTo(GoalStatus.AT_RISK);
	}

}
