package com.agentobs.synth.model;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.OrgPlan.DepartmentPlan;
import com.agentobs.synth.model.OrgPlan.Window;
import com.agentobs.synth.model.SynthSpec.Department;
import com.agentobs.synth.model.SynthSpec.IncidentSeverity;

/** Builds the {@link OrgPlan} for a seed, an end date and a workspace. Pure: no database, no clock. */
public final class OrgPlanner {

	/** Narrative orderings must hold by at least this expected margin (at any scale). */
	private static final double ORDERING_MARGIN = 1.10;

	private static final int MAX_ATTEMPTS = 500;

	private OrgPlanner() {
	}

	/** Workspace id a newly created synthetic workspace gets: a function of seed and slug. */
	public static UUID workspaceIdFor(long seed, String slug) {
		Rng rng = Rng.of(seed, "workspace:" + slug);
		return rng.uuid(0, 0);
	}

	public static OrgPlan plan(SeedOptions options, UUID workspaceId) {
		long seed = options.seed();
		long saltHi = workspaceId.getMostSignificantBits();
		long saltLo = workspaceId.getLeastSignificantBits();
		long now = options.endDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		int days = options.days();

		Rng idRng = Rng.of(seed, "department-ids");
		List<DepartmentPlan> departments = new ArrayList<>();
		for (Department d : SynthSpec.DEPARTMENTS) {
			departments.add(new DepartmentPlan(departments.size(), idRng.uuid(saltHi, saltLo), d));
		}
		int[] perDepartment = agentsPerDepartment(options.agents());

		Rng rng = Rng.of(seed, "agents");
		List<AgentPlan> agents = null;
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			agents = drawAgents(options, rng, departments, perDepartment, now, saltHi, saltLo);
			if (narrativeHolds(options, agents, now)) {
				break;
			}
		}
		UserPlan users = UserPlan.create(seed, options.users(), days, saltHi, saltLo);
		OrgPlan skeleton = new OrgPlan(options, workspaceId, now, List.copyOf(departments), List.copyOf(agents), users,
				List.of(), new int[0][]);
		OrgPlan counted = new OrgPlan(options, workspaceId, now, skeleton.departments(), skeleton.agents(), users,
				List.of(), traceCounts(skeleton));
		return new OrgPlan(options, workspaceId, now, counted.departments(), counted.agents(), users,
				incidentWindows(counted), counted.tracesPerAgentDay());
	}

	/** the reference counts for 100 agents, apportioned for any other fleet size. */
	static int[] agentsPerDepartment(int agents) {
		double[] weights = SynthSpec.DEPARTMENTS.stream().mapToDouble(Department::agentCount).toArray();
		int[] counts = Rng.apportion(agents, weights);
		return counts;
	}

	private static List<AgentPlan> drawAgents(SeedOptions options, Rng rng, List<DepartmentPlan> departments,
			int[] perDepartment, long now, long saltHi, long saltLo) {
		int total = options.agents();
		int[] versions = rng.stratified(total, SynthSpec.VERSION_WEIGHTS);
		int[] statuses = rng.stratified(total, SynthSpec.STATUS_WEIGHTS);
		List<AgentPlan> agents = new ArrayList<>(total);
		int index = 0;
		for (DepartmentPlan department : departments) {
			int count = perDepartment[department.index()];
			// environments are spread per department so every department has production traffic
			int[] environments = rng.stratified(count, SynthSpec.ENVIRONMENT_WEIGHTS);
			for (int n = 1; n <= count; n++) {
				Department spec = department.spec();
				String type = rng.pick(spec.agentTypes());
				String agentId = spec.code() + "-" + type + "-" + n;
				String name = spec.name() + " " + titleCase(type) + " #" + n;
				int version = versions[index];
				String build = SynthSpec.VERSIONS.get(version) + "." + rng.between(0, 9);
				long deployedAt = now - rng.between(1, 180) * OrgPlan.DAY_MS + rng.between(8 * 3600, 18 * 3600) * 1000L;
				int status = statuses[index];
				Long deprecationAt = status == 2 ? now - rng.between(1, 30) * OrgPlan.DAY_MS : null;
				double reliability = rng.between(SynthSpec.RELIABILITY_MIN, SynthSpec.RELIABILITY_MAX);
				agents.add(new AgentPlan(index, rng.uuid(saltHi, saltLo), agentId, name, department, type, version,
						build, environments[n - 1], status, deployedAt, deprecationAt, -1, reliability, false, false));
				index++;
			}
		}
		return assignRoles(rng, agents);
	}

	/** Replacement agents for deprecated ones, the 4 problem agents and the runaway HR agent. */
	private static List<AgentPlan> assignRoles(Rng rng, List<AgentPlan> agents) {
		List<AgentPlan> result = new ArrayList<>(agents);
		for (AgentPlan a : agents) {
			if (a.deprecated()) {
				List<AgentPlan> candidates = agents.stream()
					.filter(b -> b.department() == a.department() && !b.deprecated())
					.toList();
				if (!candidates.isEmpty()) {
					result.set(a.index(), withReplacement(a, rng.pick(candidates).index()));
				}
			}
		}
		List<AgentPlan> hrProduction = result.stream()
			.filter(a -> a.department().spec().code().equals("hr") && !a.deprecated() && a.environmentIndex() == 0)
			.toList();
		// the runaway is the HR production agent on the newest version (priciest models), so HR goes over budget
		int runaway = hrProduction.stream()
			.min(java.util.Comparator.comparingInt(AgentPlan::versionIndex).thenComparingInt(AgentPlan::index))
			.map(AgentPlan::index)
			.orElse(-1);
		List<AgentPlan> problemCandidates = new ArrayList<>(result.stream()
			.filter(a -> !a.deprecated() && a.environmentIndex() == 0 && a.index() != runaway)
			.toList());
		List<Integer> problems = new ArrayList<>();
		while (problems.size() < SynthSpec.PROBLEM_AGENTS && !problemCandidates.isEmpty()) {
			problems.add(problemCandidates.remove(rng.nextInt(problemCandidates.size())).index());
		}
		for (int i = 0; i < result.size(); i++) {
			AgentPlan a = result.get(i);
			boolean problem = problems.contains(i);
			boolean isRunaway = i == runaway;
			if (problem || isRunaway) {
				result.set(i, new AgentPlan(a.index(), a.id(), a.agentId(), a.name(), a.department(), a.agentType(),
						a.versionIndex(), a.build(), a.environmentIndex(), a.statusIndex(), a.lastDeployedAtMillis(),
						a.deprecationAtMillis(), a.replacementIndex(), a.reliability(), problem, isRunaway));
			}
		}
		return result;
	}

	private static AgentPlan withReplacement(AgentPlan a, int replacement) {
		return new AgentPlan(a.index(), a.id(), a.agentId(), a.name(), a.department(), a.agentType(), a.versionIndex(),
				a.build(), a.environmentIndex(), a.statusIndex(), a.lastDeployedAtMillis(), a.deprecationAtMillis(),
				replacement, a.reliability(), a.problem(), a.runaway());
	}

	/**
	 * Engineering > Sales > Support in stored traces, represented requests and cost, checked on the
	 * expected values; a draw that misses it by less than the margin is redrawn from the same stream.
	 */
	private static boolean narrativeHolds(SeedOptions options, List<AgentPlan> agents, long now) {
		double[][] expected = new double[3][3]; // department (eng, sales, support) x (stored, represented, cost)
		for (AgentPlan a : agents) {
			int d = switch (a.department().spec().code()) {
				case "engineering" -> 0;
				case "sales" -> 1;
				case "support" -> 2;
				default -> -1;
			};
			if (d < 0) {
				continue;
			}
			double activeShare = 1.0;
			if (a.deprecated()) {
				double lostDays = (now - a.deprecationAtMillis()) / (double) OrgPlan.DAY_MS;
				activeShare = Math.max(0, 1 - lostDays / options.days());
			}
			double stored = SynthSpec.ENVIRONMENT_VOLUME[a.environmentIndex()] * a.department().spec().volumeMultiplier()
					* activeShare;
			double rate = a.environmentIndex() == 0 ? options.sampleRate() : 1;
			double newShare = Math.min(1, Math.max(0, (now - a.lastDeployedAtMillis()) / (double) OrgPlan.DAY_MS
					/ options.days()));
			double costPerTrace = newShare * costPerTrace(a.versionIndex()) + (1 - newShare)
					* costPerTrace(Math.min(a.versionIndex() + 1, SynthSpec.VERSIONS.size() - 1));
			expected[d][0] += stored;
			expected[d][1] += stored * rate;
			expected[d][2] += stored * rate * costPerTrace * a.department().spec().outputTokenMultiplier();
		}
		for (int m = 0; m < 3; m++) {
			if (expected[0][m] < expected[1][m] * ORDERING_MARGIN || expected[1][m] < expected[2][m] * ORDERING_MARGIN) {
				return false;
			}
		}
		return true;
	}

	private static double costPerTrace(int versionIndex) {
		List<String> models = versionIndex <= 1 ? SynthSpec.MODELS_NEW : SynthSpec.MODELS_OLD;
		double avgTokens = (SynthSpec.TOKENS_IN_MIN + SynthSpec.TOKENS_IN_MAX) / 2.0
				+ (SynthSpec.TOKENS_OUT_MIN + SynthSpec.TOKENS_OUT_MAX) / 2.0;
		return models.stream().mapToDouble(SynthSpec.MODEL_PRICES::get).average().orElse(0) * avgTokens / 1000;
	}

	/**
	 * The injected incidents: every severity's count of {@link SynthSpec#INCIDENT_SEVERITIES} in a shuffled order,
	 * one per equal slice of the last {@link SynthSpec#INCIDENT_HISTORY_SHARE} of the history before its last day
	 * (the same relative places for any length). Each lands on a random department and hour (minor ones, and
	 * any after half the draws, on weekday working hours) and on agents of that department with traffic that
	 * day, problem agents first; a
	 * draw whose scope would fail fewer than the severity's expected failures in its busiest whole clock hour is
	 * redrawn (the busiest of the draws is kept), so every incident is visible at the seeded volume.
	 */
	static List<Window> incidentWindows(OrgPlan plan) {
		Rng rng = Rng.of(plan.options().seed(), "incidents");
		List<IncidentSeverity> order = new ArrayList<>();
		SynthSpec.INCIDENT_SEVERITIES.forEach((s) -> {
			for (int i = 0; i < s.count(); i++) {
				order.add(s);
			}
		});
		int[] shuffled = new int[order.size()];
		for (int i = 0; i < shuffled.length; i++) {
			shuffled[i] = i;
		}
		rng.shuffle(shuffled);
		int days = plan.days();
		double first = days * (1 - SynthSpec.INCIDENT_HISTORY_SHARE);
		double last = Math.max(first, days - 1);
		List<Window> windows = new ArrayList<>();
		for (int i = 0; i < shuffled.length; i++) {
			double at = first + (last - first) * (i + rng.between(0.15, 0.85)) / shuffled.length;
			Window w = placeIncident(plan, rng, order.get(shuffled[i]), Math.min(days - 1, (int) at), windows);
			if (w != null) {
				windows.add(w);
			}
		}
		return windows;
	}

	private static final int INCIDENT_DRAWS = 40;

	private static Window placeIncident(OrgPlan plan, Rng rng, IncidentSeverity severity, int day0,
			List<Window> placed) {
		Window best = null;
		double bestRate = -1;
		for (int draw = 0; draw < INCIDENT_DRAWS && bestRate < severity.minFailuresPerHour(); draw++) {
			// a severity that may strike at any hour falls back to working hours after half the draws
			boolean anyHour = severity.anyHour() && draw < INCIDENT_DRAWS / 2;
			int day = day0;
			if (!anyHour && plan.isWeekend(day)) {
				day = (day + 2 < plan.days() && plan.isWeekend(day + 1)) ? day + 2
						: (day + 1 < plan.days() && !plan.isWeekend(day + 1)) ? day + 1 : Math.max(0, day - 2);
			}
			int hour = anyHour ? rng.between(0, 23) : rng.between(9, 16);
			int hours = rng.between(severity.minHours(), severity.maxHours());
			DepartmentPlan department = rng.pick(plan.departments());
			int d = day;
			List<AgentPlan> candidates = new ArrayList<>(plan.agents().stream()
				.filter((a) -> a.department() == department && plan.tracesPerAgentDay()[a.index()][d] > 0)
				.toList());
			if (candidates.isEmpty()) {
				continue;
			}
			// problem agents first, each group in a random order
			List<AgentPlan> ordered = new ArrayList<>();
			for (boolean problem : new boolean[] { true, false }) {
				List<AgentPlan> group = new ArrayList<>(candidates.stream().filter((a) -> a.problem() == problem).toList());
				while (!group.isEmpty()) {
					ordered.add(group.remove(rng.nextInt(group.size())));
				}
			}
			int size = (severity.agents() == 0) ? ordered.size() : Math.min(severity.agents(), ordered.size());
			List<AgentPlan> scope = ordered.subList(0, size);
			long from = plan.dayStartMillis(day) + hour * 3_600_000L + rng.between(0, 3) * 15 * 60_000L;
			long to = from + hours * 3_600_000L;
			boolean clash = placed.stream().anyMatch((w) -> w.fromMillis() < to + 6 * 3_600_000L
					&& from < w.toMillis() + 6 * 3_600_000L && scope.stream().anyMatch(w::affects));
			if (clash) {
				continue;
			}
			double busiest = 0;
			// whole clock hours only: a rule's hourly window sees a partial first hour diluted
			for (int h = (from % 3_600_000L == 0) ? hour : hour + 1; h < Math.min(24, hour + hours); h++) {
				double failures = 0;
				for (AgentPlan a : scope) {
					failures += plan.expectedTraces(a, day, h) * severity.failShare();
				}
				busiest = Math.max(busiest, failures);
			}
			if (busiest > bestRate) {
				bestRate = busiest;
				best = new Window(from, to, severity.name(), department.spec().code(),
						scope.stream().map(AgentPlan::index).sorted().toList(), severity.failShare(),
						severity.latencyFactor());
			}
		}
		return best;
	}

	/** int(U{min…max} × volume × department × weekday × environment), ×5 for the runaway agent. */
	private static int[][] traceCounts(OrgPlan plan) {
		SeedOptions o = plan.options();
		int[][] counts = new int[plan.agents().size()][plan.days()];
		int runawayFrom = plan.days() - Math.min(SynthSpec.RUNAWAY_DAYS, plan.days());
		for (AgentPlan a : plan.agents()) {
			for (int day = 0; day < plan.days(); day++) {
				Rng rng = Rng.of(o.seed(), "count", a.index(), day);
				int base = rng.between(o.minTracesPerAgentDay(), o.maxTracesPerAgentDay());
				double n = base * o.volumeScale() * a.department().spec().volumeMultiplier()
						* (plan.isWeekend(day) ? SynthSpec.WEEKEND_FACTOR : 1.0)
						* SynthSpec.ENVIRONMENT_VOLUME[a.environmentIndex()];
				if (a.runaway() && day >= runawayFrom) {
					n *= SynthSpec.RUNAWAY_MULTIPLIER;
				}
				if (a.deprecated() && plan.dayStartMillis(day) >= a.deprecationAtMillis()) {
					n = 0;
				}
				counts[a.index()][day] = (int) n;
			}
		}
		return counts;
	}

	static String titleCase(String type) {
		StringBuilder sb = new StringBuilder();
		for (String part : type.split("-")) {
			if (!sb.isEmpty()) {
				sb.append(' ');
			}
			sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
		}
		return sb.toString();
	}

}
