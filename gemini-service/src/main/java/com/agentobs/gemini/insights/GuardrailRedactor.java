package com.agentobs.gemini.insights;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.ServiceTokens;
import com.agentobs.gemini.system.GeminiProperties;

import org.springframework.stereotype.Component;

/**
 * {@link TextRedactor} over HTTP: guardrail-service's {@code POST /api/v1/guardrails/redact}, as
 * {@code service:gemini} with the viewer role in the workspace. Any status but 200, a timeout or an
 * answer of the wrong length is "unavailable": the caller then shows no model text.
 */
@Component
class GuardrailRedactor implements TextRedactor {

	static final String PATH = "/api/v1/guardrails/redact";

	private final HttpClient http;

	private final JsonMapper mapper;

	private final URI uri;

	private final Duration timeout;

	private final ServiceTokens tokens;

	GuardrailRedactor(JsonMapper mapper, GeminiProperties properties, ServiceTokens tokens) {
		this.timeout = properties.redaction().timeout();
		this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		this.mapper = mapper;
		this.uri = properties.redaction().guardrailUrl().resolve(PATH);
		this.tokens = tokens;
	}

	@Override
	public List<String> redact(UUID workspaceId, List<String> texts) throws RedactionUnavailableException {
		if (texts.isEmpty()) {
			return List.of();
		}
		HttpResponse<String> response;
		try {
			HttpRequest request = HttpRequest.newBuilder(this.uri)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Bearer " + this.tokens.mint("service:gemini", "insights", workspaceId, Role.VIEWER))
				.POST(HttpRequest.BodyPublishers.ofString(this.mapper.writeValueAsString(Map.of("texts", texts))))
				.build();
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | IllegalStateException ex) {
			throw new RedactionUnavailableException(ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedactionUnavailableException("interrupted");
		}
		if (response.statusCode() != 200) {
			throw new RedactionUnavailableException("guardrail answered " + response.statusCode());
		}
		JsonNode redacted = this.mapper.readTree(response.body()).at("/data/texts");
		if (!redacted.isArray() || redacted.size() != texts.size()) {
			throw new RedactionUnavailableException("guardrail's answer has no texts of the request's length");
		}
		List<String> out = new ArrayList<>(texts.size());
		redacted.forEach((t) -> out.add(t.asString()));
		return out;
	}

}
