package com.agentobs.synth.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic random streams. Each stream is keyed by the run seed plus a purpose and coordinates
 * (agent, day…), so any part of the data can be regenerated alone and in any order with the same result.
 */
public final class Rng {

	private final SplittableRandom random;

	private Rng(long key) {
		this.random = new SplittableRandom(key);
	}

	public static Rng of(long seed, String purpose, long... coordinates) {
		long h = mix(seed ^ 0x9E3779B97F4A7C15L);
		for (int i = 0; i < purpose.length(); i++) {
			h = mix(h ^ purpose.charAt(i));
		}
		for (long c : coordinates) {
			h = mix(h ^ (c + 0x632BE59BD9B4E019L));
		}
		return new Rng(h);
	}

	/** SplitMix64 finaliser. */
	public static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	public double nextDouble() {
		return random.nextDouble();
	}

	public long nextLong() {
		return random.nextLong();
	}

	/** Uniform integer in [min, max] inclusive. */
	public int between(int min, int max) {
		return min + random.nextInt(max - min + 1);
	}

	public double between(double min, double max) {
		return min + (max - min) * random.nextDouble();
	}

	public double nextGaussian() {
		return random.nextGaussian();
	}

	public int nextInt(int bound) {
		return random.nextInt(bound);
	}

	public <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** Index drawn from a cumulative weight table (last entry = total). */
	public int pickCumulative(double[] cumulative) {
		double x = random.nextDouble() * cumulative[cumulative.length - 1];
		for (int i = 0; i < cumulative.length; i++) {
			if (x < cumulative[i]) {
				return i;
			}
		}
		return cumulative.length - 1;
	}

	public void shuffle(int[] values) {
		for (int i = values.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = values[i];
			values[i] = values[j];
			values[j] = t;
		}
	}

	/** A random (version 4 layout) UUID from this stream, XORed with a salt (the workspace). */
	public UUID uuid(long saltHi, long saltLo) {
		long msb = (random.nextLong() ^ saltHi) & 0xFFFFFFFFFFFF0FFFL | 0x0000000000004000L;
		long lsb = (random.nextLong() ^ saltLo) & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}

	public static double[] cumulative(double[] weights) {
		double[] c = new double[weights.length];
		double sum = 0;
		for (int i = 0; i < weights.length; i++) {
			sum += weights[i];
			c[i] = sum;
		}
		return c;
	}

	/**
	 * Exact counts for n items from weights (largest remainder; ties go to the earlier weight): the fleet
	 * realises the spec's shares as closely as n allows instead of drifting with the seed.
	 */
	public static int[] apportion(int n, double[] weights) {
		double total = 0;
		for (double w : weights) {
			total += w;
		}
		int[] counts = new int[weights.length];
		double[] remainders = new double[weights.length];
		int assigned = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = n * weights[i] / total;
			counts[i] = (int) Math.floor(exact);
			remainders[i] = exact - counts[i];
			assigned += counts[i];
		}
		while (assigned < n) {
			int best = 0;
			for (int i = 1; i < weights.length; i++) {
				if (remainders[i] > remainders[best] + 1e-9) {
					best = i;
				}
			}
			counts[best]++;
			remainders[best] = -1;
			assigned++;
		}
		return counts;
	}

	/** apportion() expanded to one label index per item, shuffled. */
	public int[] stratified(int n, double[] weights) {
		int[] counts = apportion(n, weights);
		int[] labels = new int[n];
		int k = 0;
		for (int i = 0; i < counts.length; i++) {
			for (int j = 0; j < counts[i]; j++) {
				labels[k++] = i;
			}
		}
		shuffle(labels);
		return labels;
	}

}
