package com.agentobs.evaluation.evaluator;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.agentobs.contracts.security.TestJwts;
import com.agentobs.evaluation.rubric.Criterion;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.TraceSample;
import com.agentobs.evaluation.system.EvaluationProperties;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heuristic evaluator's signals, and the LLM judge against a local HTTP stub of the model
 * gateway's {@code POST /api/v1/llm/generate} shape.
 */
class EvaluatorsTest {

	private static final JsonMapper SNAKE = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final Rubric RUBRIC = new Rubric(java.util.UUID.randomUUID(), "Helpfulness", null, 1, 1,
			List.of(new Criterion("helpfulness", "Helpfulness", "answers the question", 0.5, "length"),
					new Criterion("safety", "Safety", null, 0.5, "refusal")),
			75, "Be strict.", List.of(), List.of(), false, null, Instant.now(), Instant.now());

	private static final UUID WORKSPACE = UUID.randomUUID();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	// ---------------------------------------------------------------- heuristic

	@Test
	void heuristic_scoresAHelpfulAnswerHigh_andARefusalOrAFailureLow() {
		HeuristicEvaluator heuristic = new HeuristicEvaluator();
		EvaluationResult good = heuristic.evaluate(trace("Open settings, then security, then reset.", "success", 800),
				RUBRIC);
		EvaluationResult refusal = heuristic.evaluate(trace("I'm sorry, but I cannot help with that.", "success", 800),
				RUBRIC);
		EvaluationResult failed = heuristic.evaluate(trace("partial", "error", 800), RUBRIC);
		assertThat(good.score()).isEqualTo(100.0);
		assertThat(refusal.score()).isEqualTo(60.0);
		assertThat(refusal.criteriaScores()).containsEntry("safety", 20.0);
		assertThat(failed.score()).isLessThan(good.score());
		// deterministic: the same trace scores the same
		assertThat(heuristic.evaluate(trace("Open settings, then security, then reset.", "success", 800), RUBRIC))
			.isEqualTo(good);
	}

	@Test
	void heuristic_signals_checkJsonValidity_latencyAndReferenceOverlap() {
		assertThat(HeuristicEvaluator.formatScore("reply in JSON", "{\"a\": 1}")).isEqualTo(100);
		assertThat(HeuristicEvaluator.formatScore("reply in JSON", "{\"a\": ")).isZero();
		assertThat(HeuristicEvaluator.formatScore("reply in JSON", "a is one")).isEqualTo(30);
		assertThat(HeuristicEvaluator.latencyScore(1_000)).isEqualTo(100);
		assertThat(HeuristicEvaluator.latencyScore(16_000)).isEqualTo(70);
		assertThat(HeuristicEvaluator.latencyScore(60_000)).isEqualTo(40);
		assertThat(HeuristicEvaluator.overlap("reset the password", "to reset a password open settings"))
			.isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
	}

	// ---------------------------------------------------------------- llm judge against a stub

	@Test
	void judge_storesAScore_forAValidReply_withTokensAndCost() throws Exception {
		ConcurrentLinkedQueue<JsonNode> requests = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
		LlmJudgeEvaluator judge = judge((exchange, n) -> {
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			requests.add(SNAKE.readTree(exchange.getRequestBody()));
			reply(exchange, 200, gateway("{\"score\": 82, \"criteria\": {\"helpfulness\": 90, \"safety\": 74}, "
					+ "\"reasoning\": \"Clear steps.\"}"));
		});
		EvaluationResult result = judge.evaluate(trace("Open settings.", "success", 100), RUBRIC);
		assertThat(result.status()).isEqualTo(EvaluationResult.SCORED);
		assertThat(result.score()).isEqualTo(82.0);
		assertThat(result.reasoning()).isEqualTo("Clear steps.");
		assertThat(result.judgeTokens()).isEqualTo(150);
		assertThat(result.judgeCostUsd()).isEqualByComparingTo("0.0004");
		JsonNode sent = requests.peek();
		assertThat(sent.get("model").asString()).isEqualTo("judge-model");
		assertThat(sent.get("response_mime_type").asString()).isEqualTo("application/json");
		assertThat(sent.at("/response_schema/properties/criteria/required")).hasSize(2);
		assertThat(sent.get("system").asString()).contains("helpfulness", "Be strict.");
		// the gateway checks the caller's role in the judged trace's workspace, as for any caller
		String token = authorizations.peek().substring("Bearer ".length());
		JsonNode claims = SNAKE.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
		assertThat(claims.get("sub").asString()).isEqualTo("service:evaluation");
		assertThat(claims.at("/workspaces/" + WORKSPACE).asString()).isEqualTo("analyst");
	}

	@Test
	void judge_recordsAnError_neverAScore_forASchemaInvalidReply() throws Exception {
		LlmJudgeEvaluator judge = judge((exchange, n) -> reply(exchange, 200,
				gateway("{\"score\": 140, \"criteria\": {}, \"reasoning\": \"?\"}")));
		EvaluationResult result = judge.evaluate(trace("x", "success", 100), RUBRIC);
		assertThat(result.status()).isEqualTo(EvaluationResult.ERROR);
		assertThat(result.score()).isNull();
		assertThat(result.error()).startsWith("schema_invalid");
		assertThat(result.judgeCostUsd()).isEqualByComparingTo("0.0004");
	}

	@Test
	void judge_retriesA429Once_thenRecordsTheError() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		LlmJudgeEvaluator judge = judge((exchange, n) -> {
			calls.incrementAndGet();
			reply(exchange, 429, "{}");
		});
		EvaluationResult result = judge.evaluate(trace("x", "success", 100), RUBRIC);
		assertThat(calls.get()).isEqualTo(2);
		assertThat(result.status()).isEqualTo(EvaluationResult.ERROR);
		assertThat(result.error()).startsWith("judge_rate_limited");
	}

	@Test
	void judge_retriesATimeout_andScores_whenTheRetryAnswers() throws Exception {
		LlmJudgeEvaluator judge = judge((exchange, n) -> {
			if (n == 1) {
				sleep(4_000); // beyond the 1 s timeout
			}
			reply(exchange, 200, gateway("{\"score\": 70, \"criteria\": {\"helpfulness\": 70, \"safety\": 70}, "
					+ "\"reasoning\": \"ok\"}"));
		}, Duration.ofSeconds(1));
		EvaluationResult result = judge.evaluate(trace("x", "success", 100), RUBRIC);
		assertThat(result.status()).isEqualTo(EvaluationResult.SCORED);
		assertThat(result.score()).isEqualTo(70.0);
	}

	private interface Handler {

		void handle(HttpExchange exchange, int call) throws IOException;

	}

	private LlmJudgeEvaluator judge(Handler handler) throws IOException {
		return judge(handler, Duration.ofSeconds(10));
	}

	private LlmJudgeEvaluator judge(Handler handler, Duration timeout) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		AtomicInteger calls = new AtomicInteger();
		this.server.createContext(GatewayJudgeClient.PATH, (exchange) -> handler.handle(exchange, calls.incrementAndGet()));
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.start();
		EvaluationProperties properties = new EvaluationProperties(null, new EvaluationProperties.Judge(true,
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()), "judge-model",
				timeout, 1));
		return new LlmJudgeEvaluator(new GatewayJudgeClient(SNAKE, properties, TestJwts.serviceTokens()), properties);
	}

	/** The gateway's envelope: the answer in {@code data}, timing in {@code meta}. */
	private static String gateway(String text) {
		return SNAKE.writeValueAsString(Map.of("data",
				new JudgeClient.JudgeReply(text, "judge-model", 100, 50, new BigDecimal("0.0004")), "meta",
				Map.of("query_duration_ms", 3, "cached", false)));
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static TraceSample trace(String output, String status, int latencyMs) {
		return new TraceSample(WORKSPACE, "tr_1", Instant.now(), "support-bot-1", "support", "production", "v2.1", "account",
				"How do I reset my password?", output, null, status, latencyMs, null, 1);
	}

}
