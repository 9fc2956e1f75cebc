package com.agentobs.synth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import net.datafaker.Faker;

/**
 * The end users : a pool per segment, each user with the days they are active. Power and
 * regular users arrive in monthly cohorts (some before the history) and part of them churn, giving the
 * retention curves; new users arrive in the last 30 days; dormant users stop after day 60 (of 90).
 * A trace draws its segment with the spec weights, then a user of that segment active that day.
 */
public final class UserPlan {

	public record EndUser(int index, UUID id, String externalId, int segmentIndex, int activeFromDay,
			int activeToDay) {
	}

	private final List<EndUser> users;

	/** eligible[segment][day] = indexes of users a trace of that segment on that day may belong to. */
	private final int[][][] eligible;

	private final int[][] activeOnDay;

	private final double[][] segmentCumulativeByDay;

	private UserPlan(List<EndUser> users, int[][][] eligible, int[][] activeOnDay, double[][] cumulative) {
		this.users = users;
		this.eligible = eligible;
		this.activeOnDay = activeOnDay;
		this.segmentCumulativeByDay = cumulative;
	}

	public static int dormantStopDay(int days) {
		return Math.max(1, (int) Math.round(days * SynthSpec.DORMANT_STOP_FRACTION));
	}

	static UserPlan create(long seed, int count, int days, long saltHi, long saltLo) {
		Rng rng = Rng.of(seed, "users");
		Faker faker = new Faker(Locale.ENGLISH, new Random(Rng.mix(seed ^ 0x5EEDL)));
		int[] pools = Rng.apportion(count, SynthSpec.SEGMENT_POOL_SHARE);
		int newWindow = Math.min(SynthSpec.NEW_USER_WINDOW_DAYS, days);
		int dormantStop = dormantStopDay(days);
		List<EndUser> users = new ArrayList<>(count);
		int index = 0;
		for (int segment = 0; segment < pools.length; segment++) {
			for (int i = 0; i < pools[segment]; i++) {
				int from;
				int to = days - 1;
				switch (segment) {
					case 0 -> from = -rng.between(30, 120); // power users: long-standing
					case 1 -> {
						// monthly cohorts from one month before the history to one month before its end
						from = rng.between(-30, Math.max(-30, days - 31));
						double u = rng.nextDouble();
						if (u < 0.35) {
							to = Math.min(to, from + rng.between(1, 29));
						}
						else if (u < 0.50) {
							to = Math.min(to, from + rng.between(30, 59));
						}
					}
					case 2 -> from = days - rng.between(1, newWindow);
					default -> {
						from = rng.between(-60, Math.max(-60, dormantStop - 31));
						to = dormantStop - 1;
					}
				}
				to = Math.max(to, Math.max(from, 0));
				String first = faker.name().firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
				String last = faker.name().lastName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
				String externalId = "%s.%s.%03d".formatted(first, last, index);
				users.add(new EndUser(index, rng.uuid(saltHi, saltLo), externalId, segment, from, to));
				index++;
			}
		}
		return new UserPlan(List.copyOf(users), buildEligible(users, days), buildActive(users, days),
				buildSegmentWeights(days, dormantStop));
	}

	private static int[][][] buildEligible(List<EndUser> users, int days) {
		int[][][] eligible = new int[SynthSpec.SEGMENTS.size()][days][];
		for (int day = 0; day < days; day++) {
			for (int segment = 0; segment < SynthSpec.SEGMENTS.size(); segment++) {
				List<Integer> ids = new ArrayList<>();
				for (EndUser u : users) {
					boolean active = u.activeFromDay() <= day && day <= u.activeToDay();
					boolean ok = switch (segment) {
						// "new" = in the user's first 30 days, whatever pool they end up in (except power users)
						case 2 -> active && u.segmentIndex() != 0
								&& day - u.activeFromDay() < SynthSpec.NEW_USER_WINDOW_DAYS;
						default -> active && u.segmentIndex() == segment;
					};
					if (ok) {
						ids.add(u.index());
					}
				}
				eligible[segment][day] = ids.stream().mapToInt(Integer::intValue).toArray();
			}
		}
		return eligible;
	}

	private static int[][] buildActive(List<EndUser> users, int days) {
		int[][] active = new int[days][];
		for (int day = 0; day < days; day++) {
			final int d = day;
			active[day] = users.stream()
				.filter(u -> u.activeFromDay() <= d && d <= u.activeToDay())
				.mapToInt(EndUser::index)
				.toArray();
		}
		return active;
	}

	/** Dormant traffic is concentrated before the stop day so its overall share stays 5 %. */
	private static double[][] buildSegmentWeights(int days, int dormantStop) {
		double[][] cumulative = new double[days][];
		for (int day = 0; day < days; day++) {
			double[] w = SynthSpec.SEGMENT_WEIGHTS.clone();
			w[3] = day < dormantStop ? w[3] * days / dormantStop : 0;
			double others = 100 - w[3];
			double scale = (100 - w[3]) / (w[0] + w[1] + w[2]);
			if (others > 0) {
				w[0] *= scale;
				w[1] *= scale;
				w[2] *= scale;
			}
			cumulative[day] = Rng.cumulative(w);
		}
		return cumulative;
	}

	public List<EndUser> users() {
		return users;
	}

	public int drawSegment(Rng rng, int day) {
		return rng.pickCumulative(segmentCumulativeByDay[day]);
	}

	/** A user of the segment active that day; falls back to anyone active, then anyone. */
	public EndUser drawUser(Rng rng, int segment, int day) {
		int[] candidates = eligible[segment][day];
		if (candidates.length == 0) {
			candidates = activeOnDay[day];
		}
		if (candidates.length == 0) {
			return users.get(rng.nextInt(users.size()));
		}
		return users.get(candidates[rng.nextInt(candidates.length)]);
	}

}
