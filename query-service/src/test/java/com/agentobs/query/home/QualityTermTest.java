package com.agentobs.query.home;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualityTermTest {

	private static final Instant H = Instant.parse("2026-03-02T10:00:00Z");

	private static final List<QualityRollup.Cell> CELLS = List.of(new QualityRollup.Cell("a", H, 160, 2, 2),
			new QualityRollup.Cell("a", H.plus(Duration.ofHours(1)), 60, 1, 0));

	@Test
	void aBucketShorterThanAnHour_takesItsHoursAverage() {
		assertThat(QualityRollup.average(CELLS, H.plus(Duration.ofMinutes(35)), Duration.ofMinutes(5)))
			.isEqualTo(80.0);
		assertThat(QualityRollup.average(CELLS, H.plus(Duration.ofMinutes(60)), Duration.ofMinutes(5)))
			.isEqualTo(60.0);
	}

	@Test
	void aLongerBucket_weighsEveryScoredHourInIt_andAnUnscoredOneHasNoTerm() {
		assertThat(QualityRollup.average(CELLS, H, Duration.ofHours(6))).isEqualTo(73.3); // 220 / 3
		assertThat(QualityRollup.average(CELLS, H.minus(Duration.ofHours(6)), Duration.ofHours(6))).isNull();
		assertThat(QualityRollup.average(null, H, Duration.ofHours(1))).isNull();
		assertThat(QualityRollup.average(CELLS)).isEqualTo(73.3);
	}

	@Test
	void theHealthScore_losesUpTo20Points_forQualityBelow80() {
		assertThat(HealthScore.score(0, 1000.0, null)).isEqualTo(100);
		assertThat(HealthScore.score(0, 1000.0, 85.0)).isEqualTo(100);
		assertThat(HealthScore.score(0, 1000.0, 73.3)).isEqualTo(93);
		assertThat(HealthScore.score(0, 1000.0, 40.0)).isEqualTo(80);
	}

}
