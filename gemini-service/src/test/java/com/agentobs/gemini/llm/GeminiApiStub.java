package com.agentobs.gemini.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.agentobs.gemini.system.GeminiProperties;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for the Gemini API's {@code models/{model}:generateContent} on 127.0.0.1:
 * it checks the key header, records each request body, and answers with the next queued reply;
 * with no reply queued it answers like the real API, with the schema's minimal instance as
 * JSON when the request carries {@code responseJsonSchema}, else a fixed sentence. Registered
 * as {@code @RegisterExtension static final GeminiApiStub stub = GeminiApiStub.start()}, it is
 * reset after each test and stopped after the class.
 */
public final class GeminiApiStub implements AutoCloseable, AfterEachCallback, AfterAllCallback {

	public static final String KEY = "test-key";

	public static final String MODEL = "gemini-test";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One scripted reply: status, body, optional delay and headers. */
	public record Reply(int status, String body, long delayMs, String retryAfter) {

		public static Reply ok(String text) {
			return new Reply(200, answer(text, 12, 7), 0, null);
		}

		public static Reply status(int status) {
			return new Reply(status, "{\"error\":{\"code\":" + status + ",\"status\":\"UNAVAILABLE\"}}", 0, null);
		}

		public static Reply rateLimited(String retryAfter) {
			return new Reply(429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}", 0, retryAfter);
		}

		public static Reply slow(long delayMs) {
			return new Reply(200, answer("late", 1, 1), delayMs, null);
		}

	}

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private volatile Function<JsonNode, String> defaultText = GeminiApiStub::defaultText;

	public GeminiApiStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.start();
	}

	/** A started stub, for a static {@code @RegisterExtension} field. */
	public static GeminiApiStub start() {
		try {
			return new GeminiApiStub();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The API settings of a client of this stub: its key, URL and model, {@code timeout} and
	 * {@code attempts}, 10 ms between attempts, and prices of 0.30 / 2.50 USD per million tokens.
	 */
	public GeminiProperties.Api api(Duration timeout, int attempts) {
		return new GeminiProperties.Api(KEY, baseUrl(), MODEL, timeout, attempts, Duration.ofMillis(10),
				new BigDecimal("0.30"), new BigDecimal("2.50"));
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public GeminiApiStub enqueue(Reply... replies) {
		this.replies.addAll(List.of(replies));
		return this;
	}

	/** What the stub writes when no reply is queued, from the request body. */
	public void answerWith(Function<JsonNode, String> text) {
		this.defaultText = text;
	}

	public List<JsonNode> requests() {
		return this.requests;
	}

	public List<String> paths() {
		return this.paths;
	}

	public void reset() {
		this.replies.clear();
		this.requests.clear();
		this.paths.clear();
		this.defaultText = GeminiApiStub::defaultText;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] in = exchange.getRequestBody().readAllBytes();
			this.paths.add(exchange.getRequestURI().getPath());
			if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
				send(exchange, new Reply(403, "{\"error\":{\"code\":403}}", 0, null));
				return;
			}
			JsonNode request = JSON.readTree(in);
			this.requests.add(request);
			Reply reply = this.replies.poll();
			if (reply == null) {
				reply = Reply.ok(this.defaultText.apply(request));
			}
			if (reply.delayMs() > 0) {
				Thread.sleep(reply.delayMs());
			}
			send(exchange, reply);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (reply.retryAfter() != null) {
			exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
		}
		exchange.sendResponseHeaders(reply.status(), out.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(out);
		}
	}

	private static String defaultText(JsonNode request) {
		JsonNode schema = request.path("generationConfig").get("responseJsonSchema");
		return (schema != null) ? JSON.writeValueAsString(OfflineTextGenerator.minimalInstance(schema))
				: "A stub answer.";
	}

	/** The real API's response shape around {@code text}. */
	public static String answer(String text, int promptTokens, int candidateTokens) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		ObjectNode candidate = root.putArray("candidates").addObject();
		ObjectNode content = candidate.putObject("content");
		content.put("role", "model");
		content.putArray("parts").addObject().put("text", text);
		candidate.put("finishReason", "STOP");
		candidate.put("index", 0);
		root.putObject("usageMetadata")
			.put("promptTokenCount", promptTokens)
			.put("candidatesTokenCount", candidateTokens)
			.put("totalTokenCount", promptTokens + candidateTokens);
		root.put("modelVersion", MODEL);
		return JSON.writeValueAsString(root);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

}
