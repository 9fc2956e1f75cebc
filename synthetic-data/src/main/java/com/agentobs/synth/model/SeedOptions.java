package com.agentobs.synth.model;

import java.time.LocalDate;
import java.util.Set;

/**
 * What one seeding run does. {@code endDate} anchors "now" (its 00:00 UTC): the history is the
 * {@code days} full UTC days before it, so the same seed and end date always give the same data.
 *
 * @param workspaceSlug null = the first workspace, or {@code demo-org} when there is none
 * @param only generator names to run (empty = all)
 * @param liveUntilMillis when set, traces at or after this instant are not written: the
 * "live" demo mode (no {@code --end-date}) seeds up to tomorrow's 00:00 and clips at the
 * moment of seeding, so the last 24 hours are full; {@code null} = whole days, deterministic
 */
public record SeedOptions(String workspaceSlug, int days, int agents, int users, int minTracesPerAgentDay,
		int maxTracesPerAgentDay, double volumeScale, int sampleRate, long seed, LocalDate endDate, Set<String> only,
		boolean reset, boolean yes, boolean force, boolean dryRun, boolean report, boolean bench,
		Long liveUntilMillis) {

	public static final String DEFAULT_SLUG = "demo-org";

	public SeedOptions {
		only = Set.copyOf(only);
		if (days < 1 || days > 3660) {
			throw new IllegalArgumentException("--days must be between 1 and 3660, got " + days);
		}
		if (agents < 10 || agents > 10_000) {
			throw new IllegalArgumentException("--agents must be between 10 and 10000, got " + agents);
		}
		if (users < 4 || users > 1_000_000) {
			throw new IllegalArgumentException("--users must be between 4 and 1000000, got " + users);
		}
		if (minTracesPerAgentDay < 0 || maxTracesPerAgentDay < minTracesPerAgentDay) {
			throw new IllegalArgumentException("--traces-per-agent-day must be MIN-MAX with 0 <= MIN <= MAX");
		}
		if (!(volumeScale > 0) || volumeScale > 1000) {
			throw new IllegalArgumentException("--volume-scale must be > 0 and <= 1000, got " + volumeScale);
		}
		if (sampleRate < 1) {
			throw new IllegalArgumentException("--sample-rate must be >= 1, got " + sampleRate);
		}
	}

	public static SeedOptions defaults(LocalDate endDate) {
		return new SeedOptions(null, 90, 100, 500, 50, 200, SynthSpec.DEFAULT_VOLUME_SCALE,
				SynthSpec.DEFAULT_SAMPLE_RATE, 42, endDate, Set.of(), false, false, false, false, false, false, null);
	}

	/** Whether a trace at this instant is written (everything is, unless seeding live). */
	public boolean writes(long timestampMillis) {
		return liveUntilMillis == null || timestampMillis < liveUntilMillis;
	}

	public boolean runs(String generator) {
		return only.isEmpty() || only.contains(generator);
	}

	/** The full demo profile the report's absolute targets (≥ 500k traces, 10/100/500) refer to. */
	public boolean isDemoScale() {
		return days >= 90 && agents == 100 && users == 500 && minTracesPerAgentDay >= 50
				&& volumeScale >= SynthSpec.DEFAULT_VOLUME_SCALE;
	}

}
