package com.agentobs.gemini.llm;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TextGenerator} promises its callers, run against each implementation:
 * an answer within the token budget with its accounting, JSON conforming to a requested
 * schema, and the same answer for the same request.
 */
abstract class TextGeneratorContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final JsonNode VERDICT_SCHEMA = JSON.readTree("""
			{"type":"object","required":["verdict","score","reasons"],
			 "properties":{"verdict":{"type":"string","enum":["pass","fail"]},
			               "score":{"type":"number","minimum":0},
			               "reasons":{"type":"array","minItems":1,"items":{"type":"string"}},
			               "flagged":{"type":"boolean"}}}
			""");

	abstract TextGenerator generator();

	abstract String expectedProvider();

	@Test
	void generate_returnsTextWithTokenAccounting_withinTheBudget() {
		TextGeneration answer = generator().generate(new TextGenerationRequest("Summarise the week.", null, null, 64));

		assertThat(answer.text()).isNotBlank();
		assertThat(answer.provider()).isEqualTo(expectedProvider()).isEqualTo(generator().provider());
		assertThat(answer.inputTokens()).isPositive();
		assertThat(answer.outputTokens()).isBetween(1, 64);
		assertThat(answer.costUsd()).isNotNull().isNotNegative();
		assertThat(answer.attempts()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void generate_returnsJsonConformingToTheSchema_whenASchemaIsGiven() {
		TextGeneration answer = generator()
			.generate(new TextGenerationRequest("Judge this answer.", "You are a judge.", VERDICT_SCHEMA, 256));

		JsonNode json = JSON.readTree(answer.text());
		assertThat(JsonSchemaCheck.violations(VERDICT_SCHEMA, json)).isEmpty();
		assertThat(json.get("verdict").asString()).isIn("pass", "fail");
	}

	@Test
	void generate_isDeterministic_forTheSameRequest() {
		TextGenerationRequest request = new TextGenerationRequest("Same prompt.", null, VERDICT_SCHEMA, 128);

		assertThat(generator().generate(request).text()).isEqualTo(generator().generate(request).text());
	}

}
