package com.agentobs.gemini.llm;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Gemini REST client against a local stub of the generateContent API. */
class GeminiTextGeneratorTest extends TextGeneratorContract {

	@RegisterExtension
	static final GeminiApiStub stub = GeminiApiStub.start();

	static SimpleMeterRegistry registry = new SimpleMeterRegistry();

	static GeminiTextGenerator generator;

	@BeforeAll
	static void start() {
		generator = new GeminiTextGenerator(stub.api(Duration.ofMillis(500), 3), JSON, registry);
	}

	@Override
	TextGenerator generator() {
		return generator;
	}

	@Override
	String expectedProvider() {
		return TextGenerator.GEMINI;
	}

	@Test
	void generate_sendsTheGenerateContentShape_withTemperatureZeroSchemaAndBudget() {
		generator.generate(new TextGenerationRequest("Judge.", "Be strict.", VERDICT_SCHEMA, 2048));

		assertThat(stub.paths()).containsExactly("/v1beta/models/" + GeminiApiStub.MODEL + ":generateContent");
		JsonNode body = stub.requests().get(0);
		assertThat(body.at("/contents/0/parts/0/text").asString()).isEqualTo("Judge.");
		assertThat(body.at("/systemInstruction/parts/0/text").asString()).isEqualTo("Be strict.");
		assertThat(body.at("/generationConfig/temperature").asInt()).isZero();
		assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(2048);
		assertThat(body.at("/generationConfig/responseMimeType").asString()).isEqualTo("application/json");
		assertThat(body.at("/generationConfig/responseJsonSchema")).isEqualTo(VERDICT_SCHEMA);
	}

	@Test
	void generate_recordsTokensAndCost_fromUsageMetadata() {
		double before = registry.counter("agentobs.gemini.tokens", "direction", "input").count();

		TextGeneration answer = generator.generate(new TextGenerationRequest("Hi.", null, null, 64));

		assertThat(answer.inputTokens()).isEqualTo(12);
		assertThat(answer.outputTokens()).isEqualTo(7);
		// 12 × 0.30 / 1e6 + 7 × 2.50 / 1e6
		assertThat(answer.costUsd()).isEqualByComparingTo("0.0000211");
		assertThat(registry.counter("agentobs.gemini.tokens", "direction", "input").count()).isEqualTo(before + 12);
	}

	@Test
	void generate_retriesWithBackoff_when429Then503ThenOk() {
		stub.enqueue(GeminiApiStub.Reply.rateLimited("0"), GeminiApiStub.Reply.status(503));

		TextGeneration answer = generator.generate(new TextGenerationRequest("Hi.", null, null, 64));

		assertThat(answer.text()).isEqualTo("A stub answer.");
		assertThat(answer.attempts()).isEqualTo(3);
		assertThat(stub.requests()).hasSize(3);
	}

	@Test
	void generate_failsRateLimited_when429Persists() {
		stub.enqueue(GeminiApiStub.Reply.rateLimited("0"), GeminiApiStub.Reply.rateLimited("0"),
				GeminiApiStub.Reply.rateLimited("0"));

		assertThatThrownBy(() -> generator.generate(new TextGenerationRequest("Hi.", null, null, 64)))
			.isInstanceOfSatisfying(GenerationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(GenerationException.Reason.RATE_LIMITED));
	}

	@Test
	void generate_failsWithTimeout_whenTheApiAnswersTooLate() {
		GeminiTextGenerator impatient = new GeminiTextGenerator(stub.api(Duration.ofMillis(200), 1), JSON, registry);
		stub.enqueue(GeminiApiStub.Reply.slow(1_000));

		assertThatThrownBy(() -> impatient.generate(new TextGenerationRequest("Hi.", null, null, 64)))
			.isInstanceOfSatisfying(GenerationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(GenerationException.Reason.TIMEOUT));
	}

	@Test
	void generate_doesNotRetry_whenTheRequestIsRejected() {
		stub.enqueue(GeminiApiStub.Reply.status(400));

		assertThatThrownBy(() -> generator.generate(new TextGenerationRequest("Hi.", null, null, 64)))
			.isInstanceOf(GenerationException.class);
		assertThat(stub.requests()).hasSize(1);
	}

	@Test
	void generate_rejectsTheAnswer_whenItDoesNotConformToTheSchema() {
		stub.enqueue(GeminiApiStub.Reply.ok("{\"verdict\":\"maybe\",\"score\":1,\"reasons\":[\"x\"]}"));

		assertThatThrownBy(() -> generator.generate(new TextGenerationRequest("Judge.", null, VERDICT_SCHEMA, 64)))
			.isInstanceOfSatisfying(GenerationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(GenerationException.Reason.INVALID_RESPONSE));
	}

}
