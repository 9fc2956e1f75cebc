package com.agentobs.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** What the public edge exposes and how it answers malformed or abandoned requests. */
class EdgeHardeningIT extends GatewayTestSupport {

	@Test
	void actuator_servesHealthPublicly_metricsOnlyWithToken_andNothingElse() {
		client().get().uri("/actuator/health").exchange().expectStatus().isOk();
		client().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("UNAUTHENTICATED");
		client().get()
			.uri("/actuator/prometheus")
			.headers((h) -> h.setBearerAuth("wrong-token"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		client().get()
			.uri("/actuator/prometheus")
			.headers((h) -> h.setBearerAuth("test-metrics-token"))
			.exchange()
			.expectStatus()
			.isOk();
		for (String path : new String[] { "/actuator", "/actuator/env", "/actuator/info", "/v3/api-docs",
				"/swagger-ui.html" }) {
			client().get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.error.code")
				.isEqualTo("RESOURCE_NOT_FOUND");
		}
	}

	@Test
	void route_forwardsDeadLetterApi_toProcessing() {
		String token = accessToken(createUser(createWorkspace(), Role.OPERATOR));

		getAs(token, "/api/v1/ingest/dead-letters?limit=10")
			.expectStatus()
			.isOk();
		String id = UUID.randomUUID().toString();
		client().post()
			.uri("/api/v1/ingest/dead-letters/" + id + "/redrive")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(STUB.header("GET /api/v1/ingest/dead-letters", "Authorization")).isEqualTo("Bearer " + token);
		assertThat(STUB.header("POST /api/v1/ingest/dead-letters/" + id + "/redrive", "Authorization"))
			.isEqualTo("Bearer " + token);
	}

	@Test
	void route_replacesServicesHtmlAndEmptyErrors_withEnvelope() {
		String token = accessToken(createUser(createWorkspace(), Role.VIEWER));

		byte[] html = client().get()
			.uri("/api/v1/metrics/html-error")
			.headers((h) -> h.setBearerAuth(token))
			.header("X-Request-ID", "req_html_error_1")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("INTERNAL_ERROR")
			.jsonPath("$.error.request_id")
			.isEqualTo("req_html_error_1")
			.returnResult()
			.getResponseBody();
		assertThat(new String(html, StandardCharsets.UTF_8)).doesNotContain("<html", "Tomcat");

		getAs(token, "/api/v1/metrics/empty-error")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void edge_answers414Envelope_whenRequestLineTooLong() throws IOException {
		String response = raw("GET /api/v1/metrics/home-kpis?q=" + "a".repeat(6000) + " HTTP/1.1\r\nHost: gw\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 414").contains("application/json", "\"code\":\"VALIDATION_ERROR\"",
				"\"request_id\"");
	}

	@Test
	void edge_answers431Envelope_whenHeadersTooLarge() throws IOException {
		String response = raw("GET /api/v1/metrics/home-kpis HTTP/1.1\r\nHost: gw\r\nX-Big: " + "b".repeat(20_000)
				+ "\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 431").contains("\"code\":\"VALIDATION_ERROR\"");
	}

	@Test
	void edge_answers400Envelope_whenRequestTargetHasInvalidEscapes() throws IOException {
		for (String target : new String[] { "/api/v1/metrics/home-kpis?q=%zz", "/api/v1/agents/%zz", "/api/v1/agents/a%" }) {
			String response = raw("GET " + target + " HTTP/1.1\r\nHost: gw\r\n\r\n");

			assertThat(response).as(target).startsWith("HTTP/1.1 400").contains("\"field\":\"uri\"");
		}
	}

	/** The test profile's header read timeout is 2 s; the socket waits up to 30 s for the answer. */
	@Test
	void edge_answers408AndCloses_whenRequestHeadNeverCompletes() throws IOException {
		String response = raw("GET /api/v1/metrics/home-kpis HTTP/1.1\r\nHost: gw\r\nX-Slow: ");

		assertThat(response).startsWith("HTTP/1.1 408").contains("\"code\":\"VALIDATION_ERROR\"");
	}

	/** Sends bytes as they are and reads until the server closes the connection. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
