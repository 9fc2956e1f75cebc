package com.agentobs.evaluation.experiments;

import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request rules of experiments and canaries: 400 naming the field, defaults filled. */
class DefinitionsTest {

	private static ExperimentDefinition.VariantDefinition v(String key, double pct) {
		return new ExperimentDefinition.VariantDefinition(key, null, null, pct, Map.of());
	}

	private static String field(Runnable r) {
		try {
			r.run();
		}
		catch (ApiException ex) {
			return String.valueOf(ex.details().get("field"));
		}
		throw new AssertionError("no ApiException");
	}

	@Test
	void experiment_needsTwoArmsSummingTo100_andKnownOverrides() {
		ExperimentDefinition ok = new ExperimentDefinition("Prompt", null, "bot", null, null, null, null, null, null,
				null, List.of(v("control", 50), v("treatment", 50))).normalised();
		assertThat(ok.variants().get(0).control()).isTrue();
		assertThat(ok.primaryMetric()).isEqualTo("success_rate");
		assertThat(ok.sequential()).isTrue();
		assertThat(field(() -> new ExperimentDefinition("P", null, "bot", null, null, null, null, null, null, null,
				List.of(v("a", 50), v("b", 40))).normalised())).isEqualTo("variants");
		assertThat(field(() -> new ExperimentDefinition("P", null, "bot", null, null, null, null, null, null, null,
				List.of(v("a", 50), v("a", 50))).normalised())).isEqualTo("variants[1].key");
		assertThat(field(() -> new ExperimentDefinition("P", null, "bot", null, null, null, null, null, null, null,
				List.of(v("a", 50), new ExperimentDefinition.VariantDefinition("b", null, null, 50.0,
						Map.of("system_prompt", "x")))).normalised())).isEqualTo("variants[1].overrides");
		assertThat(field(() -> new ExperimentDefinition("P", null, "bot", "median", null, null, null, null, null, null,
				List.of(v("a", 50), v("b", 50))).normalised())).isEqualTo("primary_metric");
	}

	@Test
	void canary_stepsIncreaseAndEndAt100_andLowVolumeIsRefused() {
		CanaryDefinition d = new CanaryDefinition("bot", "v2.2", null, null, null, null, null, null, null, null)
			.normalised();
		assertThat(d.steps()).containsExactly(5, 25, 50, 100);
		assertThat(d.failureLimit()).isEqualTo(3);
		assertThat(d.progressDeadlineSeconds()).isEqualTo(6 * 600);
		assertThat(field(() -> new CanaryDefinition("bot", "v2.2", List.of(10, 50), null, null, null, null, null, null,
				null).normalised())).isEqualTo("steps");
		assertThat(field(() -> new CanaryDefinition("bot", "v2.2", List.of(50, 25, 100), null, null, null, null, null,
				null, null).normalised())).isEqualTo("steps");
		assertThat(field(() -> new CanaryDefinition("bot", "v2.2", null, null, 5, null, null, null, null, null)
			.normalised())).isEqualTo("min_requests_per_arm");
		assertThatThrownBy(() -> new CanaryDefinition("bot", " ", null, null, null, null, null, null, null, null)
			.normalised()).isInstanceOf(ApiException.class);
	}

}
