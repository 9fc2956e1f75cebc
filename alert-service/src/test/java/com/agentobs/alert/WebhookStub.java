package com.agentobs.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A local HTTP receiver on 127.0.0.1: records every delivery; answers 500 to the next {@link #failNext} ones. */
final class WebhookStub implements AutoCloseable {

	final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	final AtomicInteger failNext = new AtomicInteger();

	private final HttpServer server;

	WebhookStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/hook", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			int status = (this.failNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) ? 500 : 200;
			this.deliveries.add(new Delivery(Map.copyOf(Map.of(
					"signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-AgentObs-Signature")),
					"timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-AgentObs-Timestamp")),
					"delivery", String.valueOf(exchange.getRequestHeaders().getFirst("X-AgentObs-Delivery")))), body,
					status));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Delivery(Map<String, String> headers, String body, int status) {
	}

}
