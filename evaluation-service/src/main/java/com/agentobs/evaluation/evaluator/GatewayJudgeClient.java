package com.agentobs.evaluation.evaluator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.ServiceTokens;
import com.agentobs.evaluation.system.EvaluationProperties;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link JudgeClient} over HTTP to gemini-service's model gateway, with the configured
 * timeout per call, as {@code service:evaluation} with the analyst role in the judged trace's
 * workspace (the gateway's role check, like any caller's). 429 and 5xx and timeouts are
 * retryable; other statuses and an answer without {@code data} are not.
 */
@Component
class GatewayJudgeClient implements JudgeClient {

	static final String PATH = "/api/v1/llm/generate";

	private final HttpClient http;

	private final ObjectMapper mapper;

	private final EvaluationProperties.Judge settings;

	private final ServiceTokens tokens;

	GatewayJudgeClient(ObjectMapper mapper, EvaluationProperties properties, ServiceTokens tokens) {
		this.settings = properties.judge();
		this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
		this.mapper = mapper;
		this.tokens = tokens;
	}

	@Override
	public JudgeReply complete(UUID workspaceId, JudgeRequest request) {
		URI uri = this.settings.gatewayUrl().resolve(PATH);
		HttpRequest http = HttpRequest.newBuilder(uri)
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Bearer " + this.tokens.mint("service:evaluation", "quality judge", workspaceId, Role.ANALYST))
			.POST(HttpRequest.BodyPublishers.ofString(this.mapper.writeValueAsString(request)))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new JudgeCallException("timeout", true, "no reply within " + this.settings.timeout());
		}
		catch (IOException ex) {
			throw new JudgeCallException("io", true, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JudgeCallException("interrupted", false, "interrupted");
		}
		int status = response.statusCode();
		if (status == 429) {
			throw new JudgeCallException("rate_limited", true, "the gateway answered 429");
		}
		if (status >= 500) {
			throw new JudgeCallException("http_" + status, true, "the gateway answered " + status);
		}
		if (status != 200) {
			throw new JudgeCallException("http_" + status, false, "the gateway answered " + status);
		}
		JsonNode data = this.mapper.readTree(response.body()).get("data");
		if (data == null || !data.isObject()) {
			throw new JudgeCallException("invalid_reply", false, "the gateway's answer has no data object");
		}
		return this.mapper.treeToValue(data, JudgeReply.class);
	}

}
