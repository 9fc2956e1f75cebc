package com.agentobs.synth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.agentobs.synth.model.OrgPlan.AgentPlan;

class OrgPlannerTest {

	private static final UUID WORKSPACE = UUID.fromString("00000000-0000-4000-8000-000000000001");

	private final SeedOptions options = SeedOptions.defaults(LocalDate.of(2025, 6, 1));

	@Test
	void plan_isIdentical_whenSeedAndEndDateAreTheSame() {
		OrgPlan a = OrgPlanner.plan(options, WORKSPACE);
		OrgPlan b = OrgPlanner.plan(options, WORKSPACE);
		assertThat(b.agents()).isEqualTo(a.agents());
		assertThat(b.tracesPerAgentDay()).isDeepEqualTo(a.tracesPerAgentDay());
		assertThat(b.users().users()).isEqualTo(a.users().users());
	}

	@Test
	void plan_differs_whenSeedDiffers() {
		OrgPlan a = OrgPlanner.plan(options, WORKSPACE);
		SeedOptions other = new SeedOptions(null, 90, 100, 500, 50, 200, 1.2, 100, 7, options.endDate(),
				java.util.Set.of(), false, false, false, false, false, false, null);
		assertThat(OrgPlanner.plan(other, WORKSPACE).tracesPerAgentDay()).isNotEqualTo(a.tracesPerAgentDay());
	}

	@Test
	void plan_hasTheSpecsDepartmentCountsAndAgentIds() {
		OrgPlan plan = OrgPlanner.plan(options, WORKSPACE);
		Map<String, Long> perDepartment = plan.agents()
			.stream()
			.collect(Collectors.groupingBy(a -> a.department().spec().code(), Collectors.counting()));
		assertThat(perDepartment).containsEntry("engineering", 12L)
			.containsEntry("sales", 8L)
			.containsEntry("support", 10L)
			.containsEntry("data", 12L)
			.containsEntry("legal", 9L);
		assertThat(plan.agents()).allSatisfy(a -> assertThat(a.agentId())
			.matches(a.department().spec().code() + "-" + a.agentType() + "-\\d+"));
		assertThat(plan.agents().stream().map(AgentPlan::agentId).distinct()).hasSize(100);
	}

	@Test
	void plan_realisesVersionEnvironmentAndStatusWeightsExactly_whenFleetIs100() {
		OrgPlan plan = OrgPlanner.plan(options, WORKSPACE);
		assertThat(count(plan, AgentPlan::version)).containsEntry("v2.1", 40L)
			.containsEntry("v2.0", 30L)
			.containsEntry("v1.9", 20L)
			.containsEntry("v1.8", 8L)
			.containsEntry("v1.7", 2L);
		assertThat(count(plan, AgentPlan::status)).containsEntry("active", 80L)
			.containsEntry("beta", 15L)
			.containsEntry("deprecated", 5L);
		assertThat(count(plan, AgentPlan::environment).get("production")).isBetween(62L, 78L);
	}

	/** Deprecated agents must go quiet after their deprecation date (the plan's loop did the reverse). */
	@Test
	void plan_stopsTrafficOfDeprecatedAgents_afterTheirDeprecationDate() {
		OrgPlan plan = OrgPlanner.plan(options, WORKSPACE);
		for (AgentPlan a : plan.agents()) {
			if (!a.deprecated()) {
				continue;
			}
			assertThat(a.replacementIndex()).isNotNegative();
			assertThat(plan.agents().get(a.replacementIndex()).department()).isEqualTo(a.department());
			for (int day = 0; day < plan.days(); day++) {
				if (plan.dayStartMillis(day) >= a.deprecationAtMillis()) {
					assertThat(plan.tracesPerAgentDay()[a.index()][day]).isZero();
				}
			}
		}
	}

	@Test
	void plan_landsNearTheCalibratedVolume_whenDefaults() {
		long traces = OrgPlanner.plan(options, WORKSPACE).totalTraces();
		assertThat(traces).isBetween(560_000L, 700_000L);
	}

	@Test
	void apportion_givesLargestRemainders() {
		assertThat(Rng.apportion(8, new double[] { 70, 20, 10 })).containsExactly(6, 1, 1);
		assertThat(Rng.apportion(100, SynthSpec.VERSION_WEIGHTS)).containsExactly(40, 30, 20, 8, 2);
	}

	private static Map<String, Long> count(OrgPlan plan, Function<AgentPlan, String> key) {
		return plan.agents().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
	}

	@Test
	void incidentWindows_areThirty_sizedBySeverity_andDetectableAtTheSeededVolume() {
		OrgPlan plan = OrgPlanner.plan(options, WORKSPACE);
		assertThat(plan.incidentWindows()).hasSize(30);
		assertThat(plan.incidentWindows()).isEqualTo(OrgPlanner.plan(options, WORKSPACE).incidentWindows());
		Map<String, Long> bySeverity = plan.incidentWindows().stream()
			.collect(Collectors.groupingBy(OrgPlan.Window::severity, Collectors.counting()));
		assertThat(bySeverity).containsEntry("sev1", 2L).containsEntry("sev2", 6L).containsEntry("sev3", 12L)
			.containsEntry("sev4", 10L);
		long historyStart = plan.startMillis();
		for (OrgPlan.Window w : plan.incidentWindows()) {
			SynthSpec.IncidentSeverity severity = SynthSpec.INCIDENT_SEVERITIES.stream()
				.filter((s) -> s.name().equals(w.severity())).findFirst().orElseThrow();
			assertThat(w.toMillis() - w.fromMillis()).isBetween(severity.minHours() * 3_600_000L,
					severity.maxHours() * 3_600_000L);
			// incidents start after the anomaly rules' two-week baseline and end before the last day
			assertThat(w.fromMillis()).isGreaterThanOrEqualTo(historyStart + 14 * OrgPlan.DAY_MS);
			assertThat(w.toMillis()).isLessThanOrEqualTo(plan.nowMillis());
			assertThat(w.agents()).isNotEmpty().allSatisfy((i) -> assertThat(plan.agents().get(i).department().spec().code())
				.isEqualTo(w.department()));
			if (severity.agents() > 0) {
				assertThat(w.agents()).hasSize(severity.agents());
			}
			// the scope fails enough stored requests in its busiest hour to be told from noise
			int day = (int) ((w.fromMillis() - historyStart) / OrgPlan.DAY_MS);
			int hour = (int) ((w.fromMillis() - plan.dayStartMillis(day)) / 3_600_000L);
			double busiest = 0;
			int firstWhole = (w.fromMillis() % 3_600_000L == 0) ? hour : hour + 1;
			for (int h = firstWhole; h < Math.min(24, hour + (w.toMillis() - w.fromMillis()) / 3_600_000L); h++) {
				double failures = 0;
				for (int i : w.agents()) {
					failures += plan.expectedTraces(plan.agents().get(i), day, h) * w.failShare();
				}
				busiest = Math.max(busiest, failures);
			}
			assertThat(busiest).as("expected failures per hour of %s", w).isGreaterThanOrEqualTo(severity.minFailuresPerHour());
			AgentPlan first = plan.agents().get(w.agents().get(0));
			assertThat(plan.incidentAt(first, w.fromMillis())).isEqualTo(w);
			assertThat(plan.incidentAt(first, w.toMillis())).isNotEqualTo(w);
		}
	}

	@Test
	void incidentWindows_keepTheirRelativePlaces_forAnyHistoryLength() {
		SeedOptions longer = new SeedOptions(null, 180, 100, 500, 50, 200, 1.2, 100, 42, options.endDate(),
				java.util.Set.of(), false, false, false, false, false, false, null);
		OrgPlan plan = OrgPlanner.plan(longer, WORKSPACE);
		assertThat(plan.incidentWindows()).hasSize(30);
		double first = (plan.incidentWindows().get(0).fromMillis() - plan.startMillis()) / (double) OrgPlan.DAY_MS / 180;
		assertThat(first).isBetween(1 - SynthSpec.INCIDENT_HISTORY_SHARE, 1 - SynthSpec.INCIDENT_HISTORY_SHARE + 0.05);
	}

}
