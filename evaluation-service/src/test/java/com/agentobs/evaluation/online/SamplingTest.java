package com.agentobs.evaluation.online;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTest {

	private static final List<String> TRACES = IntStream.range(0, 10_000)
		.mapToObj((i) -> "tr_" + UUID.nameUUIDFromBytes(("trace-" + i).getBytes()))
		.toList();

	@Test
	void sampling_realisesTheRateWithinOnePoint_over10kTraces() {
		for (double rate : new double[] { 0.01, 0.1, 0.25, 0.5, 0.9 }) {
			long sampled = TRACES.stream().filter((id) -> Sampling.sampled("default", id, rate)).count();
			assertThat(100.0 * sampled / TRACES.size()).as("rate %s", rate).isCloseTo(100 * rate,
					org.assertj.core.data.Offset.offset(1.0));
		}
	}

	@Test
	void sampling_selectsIdenticalSets_forTwoRulesAtTheSameRate_andNestedSetsForALowerRate() {
		Set<String> first = sample("default", 0.1);
		Set<String> second = sample("default", 0.1);
		assertThat(first).isEqualTo(second);
		assertThat(first).containsAll(sample("default", 0.05));
		// a rule with its own seed draws an independent sample
		assertThat(sample("independent", 0.1)).isNotEqualTo(first);
	}

	@Test
	void sampling_takesEveryTrace_atRate1_andNone_atRate0() {
		assertThat(sample("default", 1.0)).hasSize(TRACES.size());
		assertThat(sample("default", 0.0)).isEmpty();
	}

	private static Set<String> sample(String seed, double rate) {
		return TRACES.stream().filter((id) -> Sampling.sampled(seed, id, rate)).collect(Collectors.toSet());
	}

}
