package com.agentobs.contracts.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every servlet service honours, run against each one (subclass it with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT) @ActiveProfiles("test")}):
 * health, metrics and OpenAPI are served; client mistakes answer in the error envelope
 * with the right status, the offending field and the caller's request id.
 */
public abstract class AbstractServiceContractIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final UUID workspace = UUID.randomUUID();

	protected HttpResponse<String> get(String path, String token, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode error(HttpResponse<String> response) {
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.has("error")).as("error envelope in %s", response.body()).isTrue();
		assertThat(body.at("/error/timestamp").isMissingNode()).isFalse();
		assertThat(body.at("/error/request_id").asString()).isNotBlank();
		return body.get("error");
	}

	@Test
	void health_isUp_andMetricsAndOpenApiAreServed() throws Exception {
		HttpResponse<String> health = get("/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		HttpResponse<String> prometheus = get("/actuator/prometheus", null);
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
		HttpResponse<String> openApi = get("/v3/api-docs", null);
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(openApi.body()).has("openapi")).isTrue();
	}

	@Test
	void api_withoutToken_is401Envelope_carryingTheCallersRequestId() throws Exception {
		HttpResponse<String> response = get("/api/v1/contract-probe", null, "X-Request-ID", "req_contract_1");
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode error = error(response);
		assertThat(error.get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(error.get("request_id").asString()).isEqualTo("req_contract_1");
		assertThat(response.headers().firstValue("X-Request-ID")).contains("req_contract_1");
	}

	@Test
	void api_withTamperedOrExpiredToken_is401() throws Exception {
		String token = TestJwts.user(this.workspace, Role.ADMIN);
		String tampered = token.substring(0, token.length() - 4) + "AAAA";
		assertThat(get("/api/v1/contract-probe", tampered).statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/contract-probe", TestJwts.expired(this.workspace, Role.ADMIN)).statusCode())
			.isEqualTo(401);
	}

	@Test
	void api_withMalformedStandardParameters_is400NamingTheField() throws Exception {
		String token = TestJwts.user(this.workspace, Role.VIEWER);
		for (String[] probe : new String[][] { { "range=banana", "range" }, { "limit=5000", "limit" },
				{ "page=-1", "page" }, { "range=custom&from=2026-01-02T00:00:00Z", "to" } }) {
			HttpResponse<String> response = get("/api/v1/contract-probe?" + probe[0], token);
			assertThat(response.statusCode()).as(probe[0]).isEqualTo(400);
			JsonNode error = error(response);
			assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
			assertThat(error.at("/details/field").asString()).as(probe[0]).isEqualTo(probe[1]);
		}
	}

	@Test
	void api_forAWorkspaceTheTokenDoesNotGrant_is403() throws Exception {
		String token = TestJwts.user(this.workspace, Role.ADMIN);
		HttpResponse<String> response = get("/api/v1/contract-probe", token, "X-Workspace-ID",
				UUID.randomUUID().toString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(error(response).get("code").asString()).isEqualTo("WORKSPACE_ACCESS_DENIED");
	}

	/** The API speaks snake_case; its documents must describe the same names. */
	@Test
	void openApi_namesEveryModelPropertyInSnakeCase_asOnTheWire() throws Exception {
		JsonNode schemas = JSON.readTree(get("/v3/api-docs", null).body()).path("components").path("schemas");
		for (String schema : schemas.propertyNames()) {
			for (String property : schemas.get(schema).path("properties").propertyNames()) {
				assertThat(property).as("%s.%s", schema, property).matches("[a-z0-9_]+");
			}
		}
	}

	/**
	 * Every layer answers malformed input with the envelope and its 4xx: the container
	 * (encoded separators or NUL in the path, URI and headers past the limits), the security
	 * firewall, the input filter (bad escapes, NUL, wildcard content types) and Spring MVC.
	 */
	@Test
	void malformedInput_atEveryLayer_isTheEnvelopeWithItsStatus() throws Exception {
		String token = TestJwts.user(this.workspace, Role.ADMIN);
		List<byte[]> auth = List.of(ascii("Authorization: Bearer " + token), ascii("X-Request-ID: req_layer_1"));
		Object[][] probes = { { "GET", "/api/v1/contract-probe?q=%zz", 400, "q" },
				{ "GET", "/api/v1/contract-probe?actor=%C3%28", 400, "actor" },
				{ "GET", "/api/v1/contract-probe?q=a%00b", 400, "q" }, { "GET", "/api/v1/x%2Fy", 400, null },
				{ "GET", "/api/v1/x%5Cy", 400, null }, { "GET", "/api/v1/x%00y", 400, null },
				{ "GET", "/api/v1/x%25y", 400, null }, { "GET", "/api/v1/" + "a".repeat(20_000), 414, null } };
		for (Object[] probe : probes) {
			RawHttp.Response response = RawHttp.send(this.port, (String) probe[0], ascii((String) probe[1]), auth, null,
					10_000);
			assertEnvelope(response, (int) probe[2], (String) probe[3], abbreviate((String) probe[1]));
		}
		RawHttp.Response wildcard = RawHttp.send(this.port, "POST", ascii("/api/v1/contract-probe"),
				List.of(auth.get(0), ascii("Content-Type: */*")), ascii("{}"), 10_000);
		assertEnvelope(wildcard, 415, "Content-Type", "Content-Type */*");
		RawHttp.Response bigHeader = RawHttp.send(this.port, "GET", ascii("/api/v1/contract-probe"),
				List.of(auth.get(0), ascii("X-Big: " + "a".repeat(100_000))), null, 10_000);
		assertEnvelope(bigHeader, 431, null, "100 KB header");
	}

	private static void assertEnvelope(RawHttp.Response response, int status, String field, String probe) {
		assertThat(response.status()).as("%s -> %s", probe, response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(probe).startsWith("application/json");
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("code").asString()).as(probe).isNotBlank();
		assertThat(error.path("request_id").asString()).as(probe).isNotBlank();
		if (field != null) {
			assertThat(error.at("/details/field").asString()).as(probe).isEqualTo(field);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

	@Test
	void api_unknownPath_is404Envelope() throws Exception {
		HttpResponse<String> response = get("/api/v1/contract-probe", TestJwts.user(this.workspace, Role.VIEWER));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(error(response).get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
	}

}
