package com.agentobs.contracts.cel;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CelExpressionsTest {

	final CelExpressions cel = new CelExpressions("change", "agent");

	@Test
	void numbersOfAnyJavaTypeCompareAsDoubles() throws Exception {
		Map<String, Object> agent = Map.of("config", Map.of("rate_limit_rpm", new BigDecimal("600")), "replicas", 3L);
		assertThat(this.cel.evaluate("rule", "agent.config.rate_limit_rpm > 500 && agent.replicas == 3", vars(agent)))
			.isTrue();
		assertThat(this.cel.evaluate("rule", "agent.config.rate_limit_rpm > 600", vars(agent))).isFalse();
	}

	@Test
	void nullValuesAreLeftOutSoHasTellsThemApart() throws Exception {
		Map<String, Object> agent = new HashMap<>();
		agent.put("environment", null);
		agent.put("tags", List.of("a", "b"));
		assertThat(this.cel.evaluate("rule", "!has(agent.environment) && agent.tags.exists(t, t == 'b')",
				vars(agent)))
			.isTrue();
	}

	@Test
	void anInvalidOrNonBooleanExpressionIsAValidationErrorNamingTheField() {
		assertThatThrownBy(() -> this.cel.validate("policy.rule", "agent.environment ==")).isInstanceOf(ApiException.class)
			.hasMessageContaining("not a valid boolean CEL expression");
		assertThatThrownBy(() -> this.cel.validate("policy.rule", "agent.replicas + 1"))
			.isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> this.cel.validate("policy.rule", "unknown_var == 1")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> this.cel.validate("policy.rule", " ")).isInstanceOf(ApiException.class)
			.hasMessageContaining("must be a CEL expression");
		assertThatThrownBy(() -> this.cel.validate("policy.rule", "true || " + "true || ".repeat(600) + "true"))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("at most 4000");
	}

	@Test
	void aMissingKeyWithoutHasIsARuntimeError() {
		assertThatThrownBy(() -> this.cel.evaluate("rule", "agent.missing == 1", vars(Map.of())))
			.isInstanceOf(Exception.class);
	}

	private static Map<String, Object> vars(Map<String, Object> agent) {
		Map<String, Object> vars = new HashMap<>();
		vars.put("change", Map.of());
		vars.put("agent", agent);
		return vars;
	}

}
