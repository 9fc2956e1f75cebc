package com.agentobs.contracts.web;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictJsonTest {

	record Body(String name, String reason, Boolean enabled, Integer rateLimitRpm) {
	}

	private final JsonMapper mapper = StrictJson
		.apply(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
		.build();

	@Test
	void read_acceptsTheDeclaredTypes() {
		Body body = this.mapper.readValue(
				"{\"name\": \"a\", \"reason\": \"b\", \"enabled\": true, \"rate_limit_rpm\": 10}", Body.class);
		assertThat(body).isEqualTo(new Body("a", "b", true, 10));
	}

	/** Without this, {"name": 1.7e+308} created an agent key named "1.7e+308". */
	@Test
	void read_refusesNumberOrBooleanForAString_namingTheField() {
		assertThat(failingField("{\"name\": 1.7e+308}")).isEqualTo("name");
		assertThat(failingField("{\"name\": 12}")).isEqualTo("name");
		assertThat(failingField("{\"reason\": true}")).isEqualTo("reason");
	}

	@Test
	void read_refusesNumberForABoolean_andAFractionForAnInteger() {
		assertThat(failingField("{\"enabled\": 1}")).isEqualTo("enabled");
		assertThat(failingField("{\"enabled\": \"true\"}")).isEqualTo("enabled");
		assertThat(failingField("{\"rate_limit_rpm\": 1.5}")).isEqualTo("rate_limit_rpm");
	}

	private String failingField(String json) {
		return assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue(json, Body.class))
			.actual()
			.getPath()
			.get(0)
			.getPropertyName();
	}

}
