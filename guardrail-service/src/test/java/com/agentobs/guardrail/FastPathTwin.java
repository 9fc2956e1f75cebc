package com.agentobs.guardrail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import com.agentobs.testsupport.TestTenant;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second guardrail instance with one fast path switched off, next to the test's own instance
 * (fast path on): the same request, with one request id, goes to both, and
 * {@link #assertSame(Pair, String...)} demands the same status, headers and body but for what
 * depends on the clock ({@code Date}, {@code generated_at}, {@code timestamp},
 * {@code query_duration_ms}, and any named {@code data} field) or on the body framing. A fast
 * path must be indistinguishable from the security chain and controller it short-cuts. It also
 * holds two workspaces of their own, A (with an agent and a viewer's token) and B (for the
 * refusals), deleted on {@link #close()}.
 */
public final class FastPathTwin implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Headers whose value depends on the clock or on how the body is framed. */
	private static final Set<String> UNCOMPARED_HEADERS = Set.of("date", "content-length", "transfer-encoding",
			"connection", "keep-alive");

	private final ConfigurableApplicationContext normalPathContext;

	private final int fastPort;

	private final int normalPort;

	private final TestTenant tenantA;

	private final TestTenant tenantB;

	private final String agent;

	private final String viewerA;

	private FastPathTwin(ConfigurableApplicationContext normalPathContext, int fastPort, String label) {
		this.normalPathContext = normalPathContext;
		this.fastPort = fastPort;
		this.normalPort = ((WebServerApplicationContext) normalPathContext).getWebServer().getPort();
		this.tenantA = TestTenant.create(label);
		this.tenantB = TestTenant.create(label);
		this.agent = this.tenantA.agent(label + "-" + UUID.randomUUID().toString().substring(0, 8));
		this.viewerA = TestJwts.user(this.tenantA.id(), Role.VIEWER);
	}

	/**
	 * Starts the normal-path instance with {@code switchProperty=false} (and the guardrail ITs'
	 * shared relay grace) and creates workspaces A and B named {@code label}, and an agent in A;
	 * {@code fastPort} is the test's own instance.
	 */
	public static FastPathTwin start(int fastPort, String switchProperty, String label) {
		// command-line arguments, so they win over application.yml (default properties would not)
		return new FastPathTwin(new SpringApplicationBuilder(GuardrailApplication.class).profiles("test")
			.run("--server.port=0", "--agentobs.actions.relay-grace=1h", "--" + switchProperty + "=false"), fastPort,
				label);
	}

	public int fastPort() {
		return this.fastPort;
	}

	public int normalPort() {
		return this.normalPort;
	}

	public TestTenant tenantA() {
		return this.tenantA;
	}

	public UUID workspaceA() {
		return this.tenantA.id();
	}

	public UUID workspaceB() {
		return this.tenantB.id();
	}

	/** The agent registered in workspace A. */
	public String agent() {
		return this.agent;
	}

	/** A viewer's token for workspace A. */
	public String viewerA() {
		return this.viewerA;
	}

	/** The answers of both instances to one request. */
	public record Pair(HttpResponse<String> fast, HttpResponse<String> normal) {
	}

	/** The same GET (with one request id) to both instances. */
	public Pair get(String path, String... headers) throws Exception {
		String[] withId = withRequestId(headers);
		return new Pair(get(this.fastPort, path, withId), get(this.normalPort, path, withId));
	}

	/** The same POST (with one request id) to both instances. */
	public Pair post(String path, String body, String... headers) throws Exception {
		String[] withId = withRequestId(headers);
		return new Pair(post(this.fastPort, path, body, withId), post(this.normalPort, path, body, withId));
	}

	private static String[] withRequestId(String... headers) {
		String[] withId = new String[headers.length + 2];
		System.arraycopy(headers, 0, withId, 0, headers.length);
		withId[headers.length] = "X-Request-ID";
		withId[headers.length + 1] = "it-" + UUID.randomUUID();
		return withId;
	}

	/**
	 * Same status, headers and body; {@code clockDataFields} are fields of {@code data} that
	 * depend on the clock, which a successful answer must hold but need not agree on.
	 */
	public static void assertSame(Pair pair, String... clockDataFields) {
		assertThat(pair.fast().statusCode()).as(pair.fast().body()).isEqualTo(pair.normal().statusCode());
		assertThat(comparableHeaders(pair.fast())).isEqualTo(comparableHeaders(pair.normal()));
		assertThat(comparableBody(pair.fast(), clockDataFields))
			.isEqualTo(comparableBody(pair.normal(), clockDataFields));
	}

	private static Map<String, List<String>> comparableHeaders(HttpResponse<String> response) {
		Map<String, List<String>> headers = new TreeMap<>();
		response.headers().map().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (!UNCOMPARED_HEADERS.contains(key)) {
				headers.put(key, new ArrayList<>(values));
			}
		});
		return headers;
	}

	private static String comparableBody(HttpResponse<String> response, String... clockDataFields) {
		if (response.body().isEmpty()) {
			return "";
		}
		JsonNode body = JSON.readTree(response.body());
		if (body.get("data") instanceof ObjectNode data) {
			for (String field : clockDataFields) {
				assertThat(data.remove(field)).as(field).isNotNull();
			}
		}
		if (body.get("meta") instanceof ObjectNode meta) {
			assertThat(meta.remove("generated_at")).isNotNull();
			meta.remove("query_duration_ms");
		}
		if (body.get("error") instanceof ObjectNode error) {
			assertThat(error.remove("timestamp")).isNotNull();
		}
		// compared as text: same keys in the same order with the same values
		return body.toString();
	}

	public static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), headers);
	}

	public static HttpResponse<String> post(int port, String path, String body, String... headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.normalPathContext.close();
		this.tenantA.close();
		this.tenantB.close();
	}

}
