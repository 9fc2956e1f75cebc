package com.agentobs.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.agentobs.synth.model.SeedOptions;

class SeedCommandLineTest {

	private static final Set<String> GENERATORS = Set.of("org", "agents", "traces", "users", "audit", "rollups");

	@Test
	void parse_readsEveryOption() {
		SeedOptions o = SeedCommandLine.parse(List.of("--workspace", "acme", "--days=14", "--agents", "50",
				"--traces-per-agent-day", "10-20", "--seed", "7", "--end-date", "2025-06-01", "--only", "traces,rollups",
				"--reset", "--yes", "--report", "--volume-scale", "2.5", "--sample-rate", "10"), GENERATORS);
		assertThat(o.workspaceSlug()).isEqualTo("acme");
		assertThat(o.days()).isEqualTo(14);
		assertThat(o.agents()).isEqualTo(50);
		assertThat(o.minTracesPerAgentDay()).isEqualTo(10);
		assertThat(o.maxTracesPerAgentDay()).isEqualTo(20);
		assertThat(o.seed()).isEqualTo(7);
		assertThat(o.endDate()).isEqualTo(LocalDate.of(2025, 6, 1));
		assertThat(o.only()).containsExactlyInAnyOrder("traces", "rollups");
		assertThat(o.reset() && o.yes() && o.report()).isTrue();
		assertThat(o.volumeScale()).isEqualTo(2.5);
		assertThat(o.sampleRate()).isEqualTo(10);
	}

	/** Without --end-date the demo is live: history reaches the moment of seeding, nothing later. */
	@Test
	void parse_seedsLiveUpToNow_unlessAnEndDateIsGiven() {
		long before = System.currentTimeMillis();
		SeedOptions live = SeedCommandLine.parse(List.of(), GENERATORS);
		assertThat(live.endDate()).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
		assertThat(live.liveUntilMillis()).isBetween(before, System.currentTimeMillis());
		assertThat(live.writes(before - 1)).isTrue();
		assertThat(live.writes(System.currentTimeMillis() + 1)).isFalse();
		SeedOptions fixed = SeedCommandLine.parse(List.of("--end-date", "2025-06-01"), GENERATORS);
		assertThat(fixed.liveUntilMillis()).isNull();
		assertThat(fixed.writes(Long.MAX_VALUE)).isTrue();
	}

	@Test
	void parse_usesTheSpecDefaults_whenNoOptions() {
		SeedOptions o = SeedCommandLine.parse(List.of(), GENERATORS);
		assertThat(o.days()).isEqualTo(90);
		assertThat(o.agents()).isEqualTo(100);
		assertThat(o.users()).isEqualTo(500);
		assertThat(o.volumeScale()).isEqualTo(1.2);
		assertThat(o.isDemoScale()).isTrue();
	}

	@Test
	void parse_namesTheOption_whenValueIsBad() {
		assertThatThrownBy(() -> SeedCommandLine.parse(List.of("--days", "x"), GENERATORS))
			.hasMessageContaining("--days");
		assertThatThrownBy(() -> SeedCommandLine.parse(List.of("--only", "nope"), GENERATORS))
			.hasMessageContaining("--only");
		assertThatThrownBy(() -> SeedCommandLine.parse(List.of("--end-date", "June"), GENERATORS))
			.hasMessageContaining("--end-date");
		assertThatThrownBy(() -> SeedCommandLine.parse(List.of("--bogus"), GENERATORS))
			.hasMessageContaining("--bogus");
		assertThatThrownBy(() -> SeedCommandLine.parse(List.of("--workspace", "Bad Slug"), GENERATORS))
			.hasMessageContaining("--workspace");
	}

}
