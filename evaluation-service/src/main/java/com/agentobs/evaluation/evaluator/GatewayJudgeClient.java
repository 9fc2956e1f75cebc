package com.agentobs.evaluation.evaluator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import com.agentobs.evaluation.system.EvaluationProperties;

import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * {@link JudgeClient} over HTTP to gemini-service's model gateway, with the configured
 * timeout per call. 429 and 5xx and timeouts are retryable; other statuses are not.
 */
@Component
class GatewayJudgeClient implements JudgeClient {

	static final String PATH = "/api/v1/llm/generate";

	private final HttpClient http;

	private final ObjectMapper mapper;

	private final EvaluationProperties.Judge settings;

	GatewayJudgeClient(ObjectMapper mapper, EvaluationProperties properties) {
		this.settings = properties.judge();
		this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
		this.mapper = mapper;
	}

	@Override
	public JudgeReply complete(JudgeRequest request) {
		URI uri = this.settings.gatewayUrl().resolve(PATH);
		HttpRequest http = HttpRequest.newBuilder(uri)
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
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
		return this.mapper.readValue(response.body(), JudgeReply.class);
	}

}
