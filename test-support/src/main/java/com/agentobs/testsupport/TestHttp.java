package com.agentobs.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Requests to a service under test on {@code 127.0.0.1:<port>} as a bearer-token caller, the way
 * the integration tests call every endpoint: a JSON body when given (with its content type), an
 * {@code Idempotency-Key} or other headers when given, the answer's body as text.
 */
public final class TestHttp {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private TestHttp() {
	}

	public static HttpResponse<String> get(int port, String path, String token)
			throws IOException, InterruptedException {
		return send(port, "GET", path, token, null, null);
	}

	public static HttpResponse<String> send(int port, String method, String path, String token, String json)
			throws IOException, InterruptedException {
		return send(port, method, path, token, json, null);
	}

	/** {@code json} and {@code idempotencyKey} may be {@code null}: no body, no key. */
	public static HttpResponse<String> send(int port, String method, String path, String token, String json,
			String idempotencyKey) throws IOException, InterruptedException {
		return (idempotencyKey != null) ? sendWithHeaders(port, method, path, token, json, "Idempotency-Key",
				idempotencyKey) : sendWithHeaders(port, method, path, token, json);
	}

	/** {@code json} may be {@code null} (no body); {@code headers} are further names and values, in pairs. */
	public static HttpResponse<String> sendWithHeaders(int port, String method, String path, String token,
			String json, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
