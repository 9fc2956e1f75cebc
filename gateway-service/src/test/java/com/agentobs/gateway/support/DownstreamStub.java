package com.agentobs.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A service behind the gateway, for tests: answers every path with a small envelope (paths
 * ending {@code /html-error} and {@code /empty-error}: a container's HTML 500 and an empty 400)
 * and remembers the headers of the last request per path. One per JVM, so every test class
 * shares one Spring context.
 */
public final class DownstreamStub {

	public static final DownstreamStub INSTANCE = new DownstreamStub();

	private final HttpServer server;

	private final Map<String, Map<String, List<String>>> lastHeaders = new ConcurrentHashMap<>();

	/** A port nothing listens on: a service that is down. */
	public final int downPort;

	private DownstreamStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			this.server.setExecutor(Executors.newFixedThreadPool(16));
			this.server.createContext("/", (exchange) -> {
				this.lastHeaders.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
						Map.copyOf(exchange.getRequestHeaders()));
				exchange.getRequestBody().readAllBytes();
				String path = exchange.getRequestURI().getPath();
				if (path.endsWith("/html-error")) {
					// what a servlet container answers on its own: an HTML page
					byte[] page = "<!doctype html><html><body><h1>HTTP Status 500</h1>Tomcat</body></html>"
						.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
					exchange.sendResponseHeaders(500, page.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(page);
					}
					return;
				}
				if (path.endsWith("/empty-error")) {
					exchange.sendResponseHeaders(400, -1);
					exchange.close();
					return;
				}
				byte[] body = "{\"data\":{\"stub\":true}}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				if (exchange.getRequestURI().getPath().endsWith("/config")) {
					// what a Spring service behind the gateway sends itself (guardrail's agent configuration)
					exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
					exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
					exchange.getResponseHeaders().set("X-Request-ID", exchange.getRequestHeaders().getFirst("X-Request-ID"));
				}
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			this.server.start();
			try (ServerSocket socket = new ServerSocket(0)) {
				this.downPort = socket.getLocalPort();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String downUrl() {
		return "http://127.0.0.1:" + this.downPort;
	}

	/** Header (case-insensitive) of the last request the stub received for "METHOD /path". */
	public String header(String methodAndPath, String name) {
		Map<String, List<String>> headers = this.lastHeaders.get(methodAndPath);
		if (headers == null) {
			return null;
		}
		return headers.entrySet()
			.stream()
			.filter((e) -> e.getKey().equalsIgnoreCase(name))
			.map((e) -> e.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

}
