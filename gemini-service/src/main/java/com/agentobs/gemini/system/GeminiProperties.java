package com.agentobs.gemini.system;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gemini service's settings ({@code agentobs.gemini}).
 *
 * @param api the Gemini REST API; used only when {@code api.key} is set, otherwise every
 * generation is offline
 * @param insights the grounded insights
 * @param redaction guardrail-service's redactor, which model-written text passes through
 */
@ConfigurationProperties("agentobs.gemini")
public record GeminiProperties(Api api, Insights insights, Redaction redaction) {

	public GeminiProperties {
		api = (api != null) ? api : new Api(null, null, null, null, 0, null, null, null);
		insights = (insights != null) ? insights : new Insights(true, 0);
		redaction = (redaction != null) ? redaction : new Redaction(null, null);
	}

	/**
	 * @param guardrailUrl base URL of guardrail-service
	 * @param timeout per call, connect and response
	 */
	public record Redaction(URI guardrailUrl, Duration timeout) {

		public Redaction {
			guardrailUrl = (guardrailUrl != null) ? guardrailUrl : URI.create("http://127.0.0.1:8005");
			timeout = (timeout != null) ? timeout : Duration.ofSeconds(3);
		}

	}

	/**
	 * @param key the API key; blank means offline
	 * @param baseUrl the API root ({@code https://generativelanguage.googleapis.com})
	 * @param model the model name in {@code models/{model}:generateContent}
	 * @param timeout per attempt, connect and response
	 * @param maxAttempts attempts per generation (1 = no retry), retried on 429, 5xx and timeouts
	 * @param backoff wait before the first retry, doubling (a {@code Retry-After} header wins)
	 * @param inputUsdPerMillion price per million prompt tokens, for the recorded cost
	 * @param outputUsdPerMillion price per million output tokens, for the recorded cost
	 */
	public record Api(String key, URI baseUrl, String model, Duration timeout, int maxAttempts, Duration backoff,
			BigDecimal inputUsdPerMillion, BigDecimal outputUsdPerMillion) {

		public Api {
			baseUrl = (baseUrl != null) ? baseUrl : URI.create("https://generativelanguage.googleapis.com");
			model = (model != null && !model.isBlank()) ? model : "gemini-2.5-flash";
			timeout = (timeout != null) ? timeout : Duration.ofSeconds(15);
			maxAttempts = (maxAttempts > 0) ? maxAttempts : 2;
			backoff = (backoff != null) ? backoff : Duration.ofMillis(500);
			inputUsdPerMillion = (inputUsdPerMillion != null) ? inputUsdPerMillion : new BigDecimal("0.30");
			outputUsdPerMillion = (outputUsdPerMillion != null) ? outputUsdPerMillion : new BigDecimal("2.50");
		}

		public boolean configured() {
			return this.key != null && !this.key.isBlank();
		}

	}

	/**
	 * @param cacheEnabled cache answers per workspace data version in Redis
	 * @param maxOutputTokens the model's output budget for one tab's cards (small caps leave empty answers)
	 */
	public record Insights(boolean cacheEnabled, int maxOutputTokens) {

		public Insights {
			maxOutputTokens = (maxOutputTokens > 0) ? maxOutputTokens : 2048;
		}

	}

}
