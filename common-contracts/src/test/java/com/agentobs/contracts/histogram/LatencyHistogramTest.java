package com.agentobs.contracts.histogram;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quantiles of the dense histogram follow the documented rule, checked against a sorted-map reading of it. */
class LatencyHistogramTest {

	@Test
	void quantiles_areTheFirstBucketWhoseCumulativeCountReachesTheRank() {
		Random random = new Random(42);
		for (int round = 0; round < 500; round++) {
			TreeMap<Integer, Long> sparse = new TreeMap<>();
			LatencyHistogram histogram = new LatencyHistogram();
			LatencyHistogram halves = new LatencyHistogram();
			LatencyHistogram other = new LatencyHistogram();
			int buckets = 1 + random.nextInt(220);
			for (int b = 0; b < buckets; b++) {
				if (random.nextInt(3) == 0) {
					long count = 1 + random.nextInt((round % 2 == 0) ? 3 : 5000);
					sparse.put(b, count);
					histogram.add(b, count);
					(b % 2 == 0 ? halves : other).add(b, count);
				}
			}
			halves.merge(other);
			long total = sparse.values().stream().mapToLong(Long::longValue).sum();
			assertThat(histogram.total()).isEqualTo(total);
			assertThat(halves.total()).isEqualTo(total);
			for (double q : new double[] { 0, 0.1, 0.5, 0.9, 0.95, 0.99, 1 }) {
				assertThat(histogram.quantile(q)).as("q=%s round %d", q, round).isEqualTo(expected(sparse, total, q));
				assertThat(halves.quantile(q)).as("merged, q=%s round %d", q, round).isEqualTo(expected(sparse, total, q));
			}
		}
		assertThat(new LatencyHistogram().quantile(0.5)).isNull();
		assertThatThrownBy(() -> new LatencyHistogram().add(-1, 1)).isInstanceOf(IllegalArgumentException.class);
	}

	private static Double expected(TreeMap<Integer, Long> sparse, long total, double q) {
		if (total == 0) {
			return null;
		}
		long cumulative = 0;
		for (Map.Entry<Integer, Long> e : sparse.entrySet()) {
			cumulative += e.getValue();
			if (cumulative >= q * total) {
				return LatencyHistogram.representative(e.getKey());
			}
		}
		return LatencyHistogram.representative(sparse.lastKey());
	}

}
