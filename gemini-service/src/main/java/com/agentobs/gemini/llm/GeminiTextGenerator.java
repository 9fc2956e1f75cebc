package com.agentobs.gemini.llm;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.agentobs.gemini.system.GeminiProperties;

/**
 * The Gemini REST client ({@code POST {base}/v1beta/models/{model}:generateContent}, key in
 * {@code x-goog-api-key}). Temperature 0; with a schema it asks for
 * {@code application/json} with {@code responseJsonSchema} and checks the answer against the
 * schema itself. Each attempt has the configured timeout; 429, 5xx and timeouts are retried
 * with doubling backoff (a {@code Retry-After} wins) up to {@code maxAttempts}. Tokens come from
 * {@code usageMetadata} and are counted as {@code agentobs.gemini.tokens{direction}}.
 */
public class GeminiTextGenerator implements TextGenerator {

	private static final Logger log = LoggerFactory.getLogger(GeminiTextGenerator.class);

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private final GeminiProperties.Api api;

	private final JsonMapper mapper;

	private final HttpClient http;

	private final Counter inputTokens;

	private final Counter outputTokens;

	private final MeterRegistry registry;

	public GeminiTextGenerator(GeminiProperties.Api api, JsonMapper mapper, MeterRegistry registry) {
		this.api = api;
		this.mapper = mapper;
		this.registry = registry;
		this.http = HttpClient.newBuilder().connectTimeout(api.timeout()).build();
		this.inputTokens = Counter.builder("agentobs.gemini.tokens").tag("direction", "input").register(registry);
		this.outputTokens = Counter.builder("agentobs.gemini.tokens").tag("direction", "output").register(registry);
	}

	@Override
	public String provider() {
		return GEMINI;
	}

	@Override
	public TextGeneration generate(TextGenerationRequest request) {
		byte[] body = this.mapper.writeValueAsBytes(requestBody(request));
		URI uri = URI.create(this.api.baseUrl().toString().replaceAll("/+$", "") + "/v1beta/models/"
				+ this.api.model() + ":generateContent");
		GenerationException last = null;
		for (int attempt = 1; attempt <= this.api.maxAttempts(); attempt++) {
			Duration wait = backoff(attempt);
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri)
					.timeout(this.api.timeout())
					.header("Content-Type", "application/json")
					.header("x-goog-api-key", this.api.key())
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				int status = response.statusCode();
				if (status == 200) {
					TextGeneration generation = parse(response.body(), request, attempt);
					count("ok");
					return generation;
				}
				if (status == 429) {
					last = new GenerationException(GenerationException.Reason.RATE_LIMITED, "Gemini answered 429");
					wait = retryAfter(response).orElse(wait);
				}
				else if (status >= 500) {
					last = new GenerationException(GenerationException.Reason.UPSTREAM_ERROR,
							"Gemini answered " + status);
				}
				else {
					count("rejected");
					throw new GenerationException(GenerationException.Reason.UPSTREAM_ERROR,
							"Gemini rejected the request with " + status);
				}
			}
			catch (HttpTimeoutException ex) {
				last = new GenerationException(GenerationException.Reason.TIMEOUT,
						"Gemini did not answer within " + this.api.timeout());
			}
			catch (IOException ex) {
				last = new GenerationException(GenerationException.Reason.UPSTREAM_ERROR,
						"Gemini unreachable: " + ex.getClass().getSimpleName());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new GenerationException(GenerationException.Reason.TIMEOUT, "interrupted");
			}
			log.info("gemini attempt {} of {} failed: {}", attempt, this.api.maxAttempts(), last.reason().code());
			if (attempt < this.api.maxAttempts()) {
				sleep(wait);
			}
		}
		count(last.reason().code());
		throw last;
	}

	private ObjectNode requestBody(TextGenerationRequest request) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode body = nodes.objectNode();
		body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject()
			.put("text", request.prompt());
		if (request.system() != null && !request.system().isBlank()) {
			body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
		}
		ObjectNode config = body.putObject("generationConfig");
		config.put("temperature", 0);
		config.put("candidateCount", 1);
		config.put("maxOutputTokens", request.maxOutputTokens());
		if (request.responseSchema() != null) {
			config.put("responseMimeType", "application/json");
			config.set("responseJsonSchema", request.responseSchema());
		}
		return body;
	}

	private TextGeneration parse(String body, TextGenerationRequest request, int attempt) {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("the answer is not JSON");
		}
		JsonNode candidate = root.path("candidates").path(0);
		StringBuilder text = new StringBuilder();
		for (JsonNode part : candidate.path("content").path("parts")) {
			if (!part.path("thought").asBoolean(false)) {
				text.append(part.path("text").asString(""));
			}
		}
		String finishReason = candidate.path("finishReason").asString("");
		JsonNode usage = root.path("usageMetadata");
		int input = usage.path("promptTokenCount").asInt(0);
		int output = usage.path("candidatesTokenCount").asInt(0) + usage.path("thoughtsTokenCount").asInt(0);
		this.inputTokens.increment(input);
		this.outputTokens.increment(output);
		if (text.isEmpty()) {
			throw invalid("empty answer (finish reason " + (finishReason.isEmpty() ? "none" : finishReason) + ")");
		}
		if (request.responseSchema() != null) {
			List<String> violations;
			try {
				violations = JsonSchemaCheck.violations(request.responseSchema(), this.mapper.readTree(text.toString()));
			}
			catch (JacksonException ex) {
				throw invalid("the answer is not the JSON the schema asks for");
			}
			if (!violations.isEmpty()) {
				throw invalid("the answer does not conform to the schema: " + violations.get(0));
			}
		}
		String model = root.path("modelVersion").asString(this.api.model());
		return new TextGeneration(text.toString(), GEMINI, model, input, output, cost(input, output), finishReason,
				attempt);
	}

	private BigDecimal cost(int input, int output) {
		return this.api.inputUsdPerMillion()
			.multiply(BigDecimal.valueOf(input))
			.add(this.api.outputUsdPerMillion().multiply(BigDecimal.valueOf(output)))
			.divide(MILLION, 8, RoundingMode.HALF_UP)
			.stripTrailingZeros();
	}

	private GenerationException invalid(String message) {
		count(GenerationException.Reason.INVALID_RESPONSE.code());
		return new GenerationException(GenerationException.Reason.INVALID_RESPONSE, message);
	}

	private void count(String outcome) {
		this.registry.counter("agentobs.gemini.generations", "outcome", outcome).increment();
	}

	private Duration backoff(int attempt) {
		return this.api.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
	}

	private java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").flatMap((value) -> {
			try {
				long seconds = Long.parseLong(value.trim());
				return java.util.Optional.of(Duration.ofSeconds(Math.min(seconds, this.api.timeout().toSeconds())));
			}
			catch (NumberFormatException ex) {
				return java.util.Optional.empty();
			}
		});
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GenerationException(GenerationException.Reason.TIMEOUT, "interrupted");
		}
	}

}
