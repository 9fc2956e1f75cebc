package com.agentobs.gemini.insights;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.gemini.system.GeminiProperties;
import com.agentobs.systemtests.InJvmService;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gemini-service's redactor client against the real guardrail-service: model-written text loses its PII and
 * secrets to typed placeholders, with the service's own token; bad requests are refused by field.
 */
class GuardrailRedactorIT {

	private static final JsonMapper SNAKE = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@Test
	void redact_replacesPiiAndSecrets_inEveryText_inOrder() throws Exception {
		int port = InJvmService.port(InJvmService.guardrail());
		GeminiProperties properties = new GeminiProperties(null, null,
				new GeminiProperties.Redaction(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5)));
		GuardrailRedactor redactor = new GuardrailRedactor(SNAKE, properties, TestJwts.serviceTokens());

		try (TestTenant tenant = TestTenant.create("redactor")) {
			List<String> clean = redactor.redact(tenant.id(), List.of("Ask jane.doe@example.com about it.",
					"Error rate 12.5% on support-bot-3.", "Card 4111 1111 1111 1111 was charged twice."));

			assertThat(clean).containsExactly("Ask <EMAIL_1> about it.", "Error rate 12.5% on support-bot-3.",
					"Card <CREDIT_CARD_1> was charged twice.");

			HttpResponse<String> empty = post(port, TestJwts.user(tenant.id(), Role.VIEWER), "{\"texts\":[]}");
			assertThat(empty.statusCode()).isEqualTo(400);
			assertThat(SNAKE.readTree(empty.body()).at("/error/details/field").asString()).isEqualTo("texts");
			HttpResponse<String> anonymous = post(port, null, "{\"texts\":[\"x\"]}");
			assertThat(anonymous.statusCode()).isEqualTo(401);
		}
	}

	private static HttpResponse<String> post(int port, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + GuardrailRedactor.PATH))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
