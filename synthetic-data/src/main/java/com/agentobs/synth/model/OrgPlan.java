package com.agentobs.synth.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.agentobs.synth.model.SynthSpec.Department;

/**
 * The whole synthetic organisation decided up front, from the seed alone: departments, agents,
 * end users, incident windows and the exact number of traces of every agent on every day. Generators
 * only write what this plan says, which is what makes every part reproducible on its own.
 */
public record OrgPlan(SeedOptions options, UUID workspaceId, long nowMillis, List<DepartmentPlan> departments,
		List<AgentPlan> agents, UserPlan users, List<Window> incidentWindows, int[][] tracesPerAgentDay) {

	public static final long DAY_MS = 86_400_000L;

	public record DepartmentPlan(int index, UUID id, Department spec) {
	}

	/**
	 * @param versionIndex index into {@link SynthSpec#VERSIONS} of the current version
	 * @param deprecationAtMillis null unless deprecated (no traffic from then on)
	 * @param replacementIndex index of the replacement agent (same department), or -1
	 */
	public record AgentPlan(int index, UUID id, String agentId, String name, DepartmentPlan department,
			String agentType, int versionIndex, String build, int environmentIndex, int statusIndex,
			long lastDeployedAtMillis, Long deprecationAtMillis, int replacementIndex, double reliability,
			boolean problem, boolean runaway) {

		public String version() {
			return SynthSpec.VERSIONS.get(versionIndex);
		}

		/** Traces before the last deployment carry the previous version. */
		public int versionIndexAt(long millis) {
			if (millis >= lastDeployedAtMillis) {
				return versionIndex;
			}
			return Math.min(versionIndex + 1, SynthSpec.VERSIONS.size() - 1);
		}

		public String environment() {
			return SynthSpec.ENVIRONMENTS.get(environmentIndex);
		}

		public String status() {
			return SynthSpec.STATUSES.get(statusIndex);
		}

		public boolean deprecated() {
			return deprecationAtMillis != null;
		}

	}

	/**
	 * One injected incident: from its start to its end, the listed agents (all of one department) fail
	 * {@code failShare} of their requests on top of their usual failures and answer {@code latencyFactor}
	 * times slower. Its severity sized its scope, length and strength (see {@link SynthSpec#INCIDENT_SEVERITIES}).
	 */
	public record Window(long fromMillis, long toMillis, String severity, String department, List<Integer> agents,
			double failShare, double latencyFactor) {

		public Window {
			agents = List.copyOf(agents);
		}

		public boolean contains(long millis) {
			return millis >= fromMillis && millis < toMillis;
		}

		public boolean affects(AgentPlan agent) {
			return agents.contains(agent.index());
		}

	}

	public int days() {
		return options.days();
	}

	public long startMillis() {
		return dayStartMillis(0);
	}

	/**
	 * The end of the written history: the plan's end, or the moment of seeding in live mode (the plan then
	 * runs to tomorrow 00:00). Nothing a generator writes as having happened may lie after it.
	 */
	public long historyEndMillis() {
		Long live = options.liveUntilMillis();
		return live == null ? nowMillis : Math.min(nowMillis, live);
	}

	public long dayStartMillis(int day) {
		return nowMillis - (long) (days() - day) * DAY_MS;
	}

	public boolean isWeekend(int day) {
		DayOfWeek dow = Instant.ofEpochMilli(dayStartMillis(day)).atOffset(ZoneOffset.UTC).getDayOfWeek();
		return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
	}

	public int sampleRateOf(AgentPlan agent) {
		return agent.environmentIndex() == 0 ? options.sampleRate() : 1;
	}

	public long totalTraces() {
		long total = 0;
		for (int[] perDay : tracesPerAgentDay) {
			for (int n : perDay) {
				total += n;
			}
		}
		return total;
	}

	public long representedRequests() {
		long total = 0;
		for (AgentPlan agent : agents) {
			long rate = sampleRateOf(agent);
			for (int n : tracesPerAgentDay[agent.index()]) {
				total += n * rate;
			}
		}
		return total;
	}

	/** The incident window this agent is in at this instant, or null. */
	public Window incidentAt(AgentPlan agent, long millis) {
		for (Window w : incidentWindows) {
			if (w.contains(millis) && w.affects(agent)) {
				return w;
			}
		}
		return null;
	}

	/** Expected stored traces of an agent in one hour of a day: its day's count times the hour's share. */
	public double expectedTraces(AgentPlan agent, int day, int hour) {
		return tracesPerAgentDay[agent.index()][day] * SynthSpec.hourShare(agent.department().spec(), hour);
	}

}
