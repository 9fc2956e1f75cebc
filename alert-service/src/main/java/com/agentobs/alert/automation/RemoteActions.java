package com.agentobs.alert.automation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.ServiceTokens;
import com.agentobs.contracts.security.TokenClaims;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls an action another service owns through its public action endpoint, as the playbook
 * ({@link ServiceTokens}), with the step's {@code Idempotency-Key}: the owner's action runner
 * answers a retry from its first audit row, so a resumed step never acts twice.
 */
@Component
class RemoteActions {

	/** What the owner answered: its audit row's id and status, or why it failed. */
	record Answer(int httpStatus, UUID actionId, String status, String errorCode, String message) {

		boolean completed() {
			return this.httpStatus / 100 == 2 && this.actionId != null;
		}

		/** The owner's row with this key is still running (retry later, do not fail the step). */
		boolean stillRunning() {
			return this.httpStatus == 409 && "running".equals(this.status);
		}

	}

	private final AutomationProperties settings;

	private final ServiceTokens tokens;

	private final ObjectMapper mapper;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	RemoteActions(AutomationProperties settings, ServiceTokens tokens, ObjectMapper mapper) {
		this.settings = settings;
		this.tokens = tokens;
		this.mapper = mapper;
	}

	Answer invoke(UUID ws, UUID playbookId, StepCatalog.Remote remote, Map<String, Object> params, String key,
			Duration timeout) {
		return call(ws, playbookId, remote.service(), remote.method(), remote.path(params), remote.body(params), key,
				timeout);
	}

	Answer rollback(UUID ws, UUID playbookId, StepCatalog.Remote remote, UUID actionId, String key, Duration timeout) {
		return call(ws, playbookId, remote.service(), "POST",
				remote.rollbackPath().replace("{action_id}", actionId.toString()), null, key, timeout);
	}

	private Answer call(UUID ws, UUID playbookId, String service, String method, String path, Object body, String key,
			Duration timeout) {
		String base = StepCatalog.GUARDRAIL.equals(service) ? this.settings.guardrailUrl()
				: this.settings.evaluationUrl();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.tokens.mint("playbook:" + playbookId, "playbook " + playbookId, ws,
					Role.OPERATOR))
			.header(TokenClaims.WORKSPACE_HEADER, ws.toString())
			.header(ActionRunner.IDEMPOTENCY_KEY_HEADER, key)
			.method(method, (body != null)
					? HttpRequest.BodyPublishers.ofString(this.mapper.writeValueAsString(body), StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return new Answer(504, null, null, "UPSTREAM_TIMEOUT", service + " did not answer within " + timeout);
		}
		catch (java.io.IOException ex) {
			return new Answer(503, null, null, "SERVICE_UNAVAILABLE", service + " unreachable: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(503, null, null, "SERVICE_UNAVAILABLE", "interrupted");
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return new Answer(response.statusCode(), null, null, null, "HTTP " + response.statusCode());
		}
		if (response.statusCode() / 100 == 2) {
			JsonNode data = json.path("data");
			return new Answer(response.statusCode(), uuid(text(data.path("action_id"))),
					text(data.path("status")), null, null);
		}
		JsonNode error = json.path("error");
		JsonNode details = error.path("details");
		String status = text(details.path("status"));
		boolean running = "pending".equals(status) || "in_progress".equals(status);
		return new Answer(response.statusCode(), uuid(text(details.path("action_id"))),
				running ? "running" : status, text(error.path("code")), text(error.path("message")));
	}

	private static String text(JsonNode node) {
		return (node == null || node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

	private static UUID uuid(String value) {
		try {
			return (value != null) ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
