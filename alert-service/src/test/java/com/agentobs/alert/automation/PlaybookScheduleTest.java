package com.agentobs.alert.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaybookScheduleTest {

	static PlaybookDefinition schedule(String cron) {
		return new PlaybookDefinition("Nightly", null, "schedule", Map.of("cron", cron), null,
				List.of(new PlaybookStep("incident.declare", Map.of(), null, null, null, null)), null, null, null);
	}

	@Test
	void theNextSlotAfterDowntime_isTheFirstFutureOne_soMissedSlotsCollapseIntoOneRun() {
		// every hour; down from 00:30 to 05:10: the due slot 01:00 runs once, then 06:00 comes next
		PlaybookDefinition d = schedule("0 0 * * * *");
		assertThat(AutomationTriggers.nextRun(d, Instant.parse("2026-12-07T00:30:00Z")))
			.isEqualTo(Instant.parse("2026-12-07T01:00:00Z"));
		assertThat(AutomationTriggers.nextRun(d, Instant.parse("2026-12-07T05:10:00Z")))
			.isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
	}

	@Test
	void cronIsUtc_andWeekdaysWork() {
		assertThat(AutomationTriggers.nextRun(schedule("0 0 8 * * MON"), Instant.parse("2026-12-07T09:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
	}

	@Test
	void nonScheduleTriggers_haveNoNextRun() {
		PlaybookDefinition manual = new PlaybookDefinition("Manual", null, "manual", null, null, null, null, null, null);
		assertThat(AutomationTriggers.nextRun(manual, Instant.now())).isNull();
	}

	@Test
	void aBadCron_isA400NamingTheField() {
		assertThatThrownBy(() -> schedule("every night").cron()).isInstanceOf(ApiException.class)
			.satisfies((ex) -> assertThat(((ApiException) ex).details()).containsEntry("field", "trigger_config.cron"));
	}

	@Test
	void stepDefaults_stopOnFailure_oneMinute_noApproval_enabled() {
		PlaybookStep step = new PlaybookStep("agent.pause", null, null, null, null, null);
		assertThat(step.onFailure()).isEqualTo("stop");
		assertThat(step.timeoutS()).isEqualTo(60);
		assertThat(step.requiresApproval()).isFalse();
		assertThat(step.enabled()).isTrue();
		assertThat(step.params()).isEmpty();
	}

}
