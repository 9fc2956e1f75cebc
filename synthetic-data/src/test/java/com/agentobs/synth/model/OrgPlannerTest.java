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

}
