package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.gemini.llm.GeminiApiStub;
import com.agentobs.gemini.llm.GeminiTextGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model path of the insights against the local Gemini stub, and the grounding check on its
 * own: a good answer is shown; an invented number, an unknown evidence id, a schema-invalid
 * answer, a timeout and a persistent 429 each fall back to the offline cards with the reason.
 */
class ModelInsightGeneratorTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final FactSheet SHEET = new FactSheet("cost",
			List.of(Fact.text("window", "Time window", "the last 7d"), Fact.count("requests", "Requests", 12_345),
					Fact.pct("requests_change_pct", "Change", new BigDecimal("-12.46")),
					Fact.usd("cost_usd", "Cost", new BigDecimal("1234.567"), 2),
					Fact.usd("cost_per_request_usd", "Cost per request", new BigDecimal("0.1"), 4),
					Fact.pct("cost_change_pct", "Cost change", new BigDecimal("30.04")),
					Fact.text("top_cost_agent", "Top agent", "support-bot-2"),
					Fact.usd("top_cost_agent_usd", "Its cost", new BigDecimal("800"), 2),
					Fact.pct("top_cost_agent_share_pct", "Its share", new BigDecimal("64.8"))),
			List.of(Evidence.chart("cost", "Cost breakdown"), Evidence.agent("support-bot-2")));

	@RegisterExtension
	static final GeminiApiStub stub = GeminiApiStub.start();

	static ModelInsightGenerator generator;

	@BeforeAll
	static void start() {
		generator = generator(Duration.ofMillis(300));
	}

	static ModelInsightGenerator generator(Duration timeout) {
		return generator(timeout, TestRedactors.EMAILS);
	}

	static ModelInsightGenerator generator(Duration timeout, TextRedactor redactor) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		return new ModelInsightGenerator(new GeminiTextGenerator(stub.api(timeout, 2), JSON, registry), redactor, JSON, 2048,
				registry);
	}

	@Test
	void offlineCards_passTheGroundingCheck() {
		assertThat(OfflineInsightGenerator.cards(SHEET)).hasSizeGreaterThanOrEqualTo(2);
		assertThat(GroundingCheck.firstViolation(OfflineInsightGenerator.cards(SHEET), SHEET)).isEmpty();
	}

	@Test
	void groundingCheck_acceptsFactsWithinRounding_andIgnoresDigitsInNamesAndWords() {
		assertThat(GroundingCheck.ungroundedNumbers(
				"support-bot-2 spent $1,234.57 (64.8%), p95 aside; cost per request $0.1, requests fell 12.5%.", SHEET))
			.isEmpty();
		assertThat(GroundingCheck.ungroundedNumbers("Spend was about $1,235 over 12,345 requests.", SHEET)).isEmpty();
	}

	@Test
	void groundingCheck_rejectsANumberThatIsNotInTheFacts() {
		assertThat(GroundingCheck.ungroundedNumbers("Cost rose 42% across 3 agents.", SHEET))
			.containsExactly("42", "3");
	}

	@Test
	void generate_showsTheModelsCards_whenTheyAreGrounded() {
		stub.enqueue(GeminiApiStub.Reply.ok(cards("Spend climbs", "Cost rose 30.0% to $1,234.57.", "chart:cost")));

		Insights insights = generator.generate(TestRedactors.WORKSPACE, SHEET);

		assertThat(insights.provider()).isEqualTo("gemini");
		assertThat(insights.fallbackReason()).isNull();
		assertThat(insights.cards()).singleElement()
			.satisfies((card) -> assertThat(card.body()).isEqualTo("Cost rose 30.0% to $1,234.57."));
		assertThat(insights.inputTokens()).isEqualTo(12);
		assertThat(insights.outputTokens()).isEqualTo(7);
		assertThat(insights.costUsd()).isPositive();
		assertThat(stub.requests().get(0).at("/contents/0/parts/0/text").asString()).contains("\"display\":\"1,234.57\"");
	}

	@Test
	void generate_showsTheCardsRedacted_whenTheModelRepeatsAnAddress() {
		stub.enqueue(GeminiApiStub.Reply.ok(cards("Spend climbs", "Cost rose 30.0%; ask jane.doe@example.com.",
				"chart:cost")));

		Insights insights = generator.generate(TestRedactors.WORKSPACE, SHEET);

		assertThat(insights.provider()).isEqualTo("gemini");
		assertThat(insights.cards()).singleElement()
			.satisfies((card) -> assertThat(card.body()).isEqualTo("Cost rose 30.0%; ask <EMAIL_1>."));
	}

	@Test
	void generate_fallsBackToOffline_whenTheRedactorCannotAnswer() {
		stub.enqueue(GeminiApiStub.Reply.ok(cards("Spend climbs", "Cost rose 30.0% to $1,234.57.", "chart:cost")));

		Insights insights = generator(Duration.ofMillis(300), TestRedactors.DOWN).generate(TestRedactors.WORKSPACE,
				SHEET);

		assertThat(insights.provider()).isEqualTo("offline");
		assertThat(insights.fallbackReason()).isEqualTo("redactor_unavailable: guardrail answered 503");
		assertThat(insights.cards()).isEqualTo(OfflineInsightGenerator.cards(SHEET));
		assertThat(insights.inputTokens()).isEqualTo(12);
	}

	@Test
	void generate_fallsBackToOffline_whenTheAnswerInventsANumber() {
		stub.enqueue(GeminiApiStub.Reply.ok(cards("Spend climbs", "Cost rose 42% to $1,234.57.", "chart:cost")));

		Insights insights = generator.generate(TestRedactors.WORKSPACE, SHEET);

		assertThat(insights.provider()).isEqualTo("offline");
		assertThat(insights.fallbackReason()).isEqualTo("grounding: card 1 states 42, which is not in the facts");
		assertThat(insights.cards()).isEqualTo(OfflineInsightGenerator.cards(SHEET));
		assertThat(insights.inputTokens()).isEqualTo(12);
	}

	@Test
	void generate_fallsBackToOffline_whenTheAnswerCitesUnknownEvidence() {
		stub.enqueue(GeminiApiStub.Reply.ok(cards("Spend", "Cost rose 30.0%.", "trace:abc")));

		assertThat(generator.generate(TestRedactors.WORKSPACE, SHEET).fallbackReason()).startsWith("grounding: card 1 cites evidence trace:abc");
	}

	@Test
	void generate_fallsBackToOffline_whenTheAnswerIsNotTheSchema() {
		stub.enqueue(GeminiApiStub.Reply.ok("{\"cards\":[{\"title\":\"x\"}]}"));

		Insights insights = generator.generate(TestRedactors.WORKSPACE, SHEET);

		assertThat(insights.provider()).isEqualTo("offline");
		assertThat(insights.fallbackReason()).startsWith("invalid_response:");
	}

	@Test
	void generate_fallsBackToOffline_whenRateLimited() {
		stub.enqueue(GeminiApiStub.Reply.rateLimited("0"), GeminiApiStub.Reply.rateLimited("0"));

		assertThat(generator.generate(TestRedactors.WORKSPACE, SHEET).fallbackReason()).startsWith("rate_limited:");
	}

	@Test
	void generate_fallsBackToOffline_whenTheModelTimesOut() {
		stub.enqueue(GeminiApiStub.Reply.slow(1_000), GeminiApiStub.Reply.slow(1_000));

		Insights insights = generator(Duration.ofMillis(100)).generate(TestRedactors.WORKSPACE, SHEET);

		assertThat(insights.provider()).isEqualTo("offline");
		assertThat(insights.fallbackReason()).startsWith("timeout:");
	}

	private static String cards(String title, String body, String evidence) {
		return JSON.writeValueAsString(java.util.Map.of("cards", List.of(java.util.Map.of("title", title, "body", body,
				"severity", "warning", "evidence", List.of(evidence)))));
	}

}
