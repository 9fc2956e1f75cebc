package com.agentobs.contracts.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes a running service from its own OpenAPI document: for every operation it sends, one
 * input at a time, malformed values for every path, query and header parameter and every
 * body field (NUL, lone surrogates, invalid UTF-8 and percent-escapes, huge numbers, wrong
 * types, blank and over-long values, bidirectional overrides), malformed bodies and content
 * types, plus container-level probes (encoded separators in paths, long URIs, large headers).
 * The rest of each request is valid and carries the caller's token, so the malformed value
 * reaches as deep as the service lets it. Every answer must come in time, be below 500, and
 * be the error envelope when it is an error.
 */
public final class ApiFuzzer {

	/** The query parameters every API path validates (read by a resolver springdoc cannot see). */
	static final List<String> STANDARD_PARAMETERS = List.of("range", "from", "to", "department", "environment",
			"version", "agent_id", "page", "limit", "cursor", "workspace_id");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Requests in flight at once: enough to overlap the client's and the server's waits. */
	private static final int PARALLELISM = 4;

	private static final String LONG = "a".repeat(9000);

	/** Raw (already percent-encoded) query values. */
	static final Map<String, String> QUERY_VALUES = values("NUL", "%00", "NUL inside", "a%00b", "bad escape", "%zz",
			"lone percent", "%", "invalid UTF-8", "%C3%28", "encoded surrogate", "%ED%A0%80", "byte FF", "%FF",
			"blank", "", "space", "%20", "over-long", LONG, "RLO", "%E2%80%AEevil", "negative", "-1", "huge",
			"99999999999999999999", "1.7e+308", "1.7e%2B308", "NaN", "NaN", "boolean", "true", "CRLF",
			"%0D%0Ax:1", "year 1", "0001-01-01T00:00:00Z", "json", "%7B%7D");

	/** Raw path segments. */
	static final Map<String, String> PATH_VALUES = values("NUL", "%00", "encoded slash", "%2F", "encoded backslash",
			"%5C", "encoded percent", "%25", "bad escape", "%zz", "invalid UTF-8", "%C3%28", "blank", "%20", "tab",
			"%09", "RLO", "%E2%80%AE", "over-long", "a".repeat(3000), "negative", "-1", "huge",
			"99999999999999999999", "dot-dot", "%2E%2E", "matrix", "x;y=1", "nil UUID",
			"00000000-0000-0000-0000-000000000000", "not a UUID", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz");

	/** Raw header value bytes. */
	static final Map<String, byte[]> HEADER_VALUES = Map.of("NUL", new byte[] { 'a', 0, 'b' }, "invalid UTF-8",
			new byte[] { (byte) 0xC3, 0x28 }, "byte FF", new byte[] { (byte) 0xFF }, "blank", new byte[0],
			"over-long", "a".repeat(20000).getBytes(StandardCharsets.US_ASCII), "RLO",
			"\u202Eevil".getBytes(StandardCharsets.UTF_8), "negative", "-1".getBytes(StandardCharsets.US_ASCII),
			"huge", "99999999999999999999".getBytes(StandardCharsets.US_ASCII), "bad escape",
			"%zz".getBytes(StandardCharsets.US_ASCII));

	/** Raw JSON values for one body field. */
	static final Map<String, byte[]> BODY_VALUES;

	static {
		Map<String, byte[]> body = new LinkedHashMap<>();
		for (String[] value : new String[][] { { "NUL", "\"\\u0000\"" }, { "NUL inside", "\"a\\u0000b\"" },
				{ "lone high surrogate", "\"\\ud800\"" }, { "lone low surrogate", "\"x\\udc00\"" },
				{ "huge float", "1.7e+308" }, { "negative huge float", "-1.7e+308" }, { "overflowing float", "1e400" },
				{ "huge integer", "123456789012345678901234567890" }, { "max long", "9223372036854775807" },
				{ "boolean", "true" }, { "null", "null" }, { "empty string", "\"\"" }, { "blank string", "\"   \"" },
				{ "over-long string", "\"" + "a".repeat(100_000) + "\"" }, { "RLO", "\"\\u202Eevil\"" },
				{ "control character", "\"a\\u0007b\"" }, { "array", "[]" }, { "object", "{}" },
				{ "year 1", "\"0001-01-01T00:00:00Z\"" }, { "negative", "-1" }, { "fraction", "0.5" },
				{ "not a UUID", "\"not-a-uuid\"" } }) {
			body.put(value[0], value[1].getBytes(StandardCharsets.UTF_8));
		}
		body.put("invalid UTF-8 bytes", new byte[] { '"', (byte) 0xC3, 0x28, '"' });
		BODY_VALUES = body;
	}

	/** Whole bodies sent in place of a valid one. */
	static final Map<String, byte[]> BODY_DOCUMENTS;

	static {
		Map<String, byte[]> documents = new LinkedHashMap<>();
		documents.put("truncated JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
		documents.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
		documents.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
		documents.put("JSON string", "\"x\"".getBytes(StandardCharsets.UTF_8));
		documents.put("empty body", new byte[0]);
		documents.put("deep nesting", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
		documents.put("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}' });
		documents.put("trailing garbage", "{} x".getBytes(StandardCharsets.UTF_8));
		BODY_DOCUMENTS = documents;
	}

	static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/plain", ";;;",
			"application/json; charset=x-bogus", "application/xml");

	record Param(String name, String in, JsonNode schema, boolean required) {
	}

	record Operation(String method, String path, List<Param> params, JsonNode bodySchema, String contentType,
			JsonNode example) {

		String label() {
			return this.method + " " + this.path;
		}

	}

	/** One request that broke the contract. */
	public record Finding(String operation, String input, int status, String problem) {

		@Override
		public String toString() {
			return this.operation + " <- " + this.input + ": " + ((this.status > 0) ? this.status + " " : "")
					+ this.problem;
		}

	}

	/** What a run sent and found, and its slowest request (to find what a time budget is spent on). */
	public record Report(int operations, int requests, long millis, List<Finding> findings, String slowest) {
	}

	private final int port;

	private final String token;

	private final UUID workspace;

	private final Map<String, String> knownValues;

	private final Map<String, JsonNode> examples = new LinkedHashMap<>();

	private final int timeoutMillis;

	private final List<Finding> findings = new ArrayList<>();

	private final Set<String> seen = new LinkedHashSet<>();

	private final List<Runnable> pending = new ArrayList<>();

	private long slowestMillis = -1;

	private String slowest = "";

	private JsonNode document;

	/**
	 * @param knownValues values for path parameters by name (an existing agent's key, say),
	 * so that malformed values elsewhere reach the code behind the lookup
	 */
	public ApiFuzzer(int port, String token, UUID workspace, Map<String, String> knownValues, int timeoutMillis) {
		this.port = port;
		this.token = token;
		this.workspace = workspace;
		this.knownValues = knownValues;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * A valid JSON body for an operation whose document shows no body schema (a controller
	 * that reads the raw body); its fields are fuzzed like a schema's.
	 */
	public ApiFuzzer example(String method, String path, String json) {
		this.examples.put(method + " " + path, JSON.readTree(json));
		return this;
	}

	public Report run() {
		// the first /v3/api-docs builds the whole document (every controller scanned): on a loaded machine that
		// alone can take longer than the bound for one fuzzed request
		RawHttp.Response docs = RawHttp.send(this.port, "GET", ascii("/v3/api-docs"),
				List.of(ascii("Authorization: Bearer " + this.token)), null, Math.max(this.timeoutMillis, 120_000));
		if (docs.status() != 200) {
			throw new IllegalStateException("/v3/api-docs answered " + docs.status() + " " + docs.failure());
		}
		this.document = JSON.readTree(docs.body());
		List<Operation> operations = operations();
		for (Operation operation : operations) {
			fuzz(operation, operation == first(operations, "GET"), operation == first(operations, "POST"));
		}
		containerProbes(operations.isEmpty() ? null : operations.get(0));
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
		try {
			pool.invokeAll(this.pending.stream().map(Executors::callable).toList());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			pool.shutdownNow();
		}
		synchronized (this.findings) {
			return new Report(operations.size(), this.pending.size(), (System.nanoTime() - started) / 1_000_000,
					List.copyOf(this.findings), this.slowest + " (" + this.slowestMillis + " ms)");
		}
	}

	private static Operation first(List<Operation> operations, String method) {
		return operations.stream().filter((op) -> op.method().equals(method)).findFirst().orElse(null);
	}

	List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		JsonNode paths = this.document.path("paths");
		for (String path : paths.propertyNames()) {
			JsonNode item = paths.get(path);
			for (String method : item.propertyNames()) {
				if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
					continue;
				}
				JsonNode op = item.get(method);
				List<Param> params = new ArrayList<>();
				for (JsonNode p : concat(item.path("parameters"), op.path("parameters"))) {
					JsonNode param = resolve(p);
					params.add(new Param(param.path("name").asString(), param.path("in").asString(),
							resolve(param.path("schema")), param.path("required").asBoolean(false)));
				}
				JsonNode body = resolve(op.path("requestBody"));
				JsonNode schema = null;
				String contentType = null;
				if (body.has("content")) {
					Iterator<String> types = body.get("content").propertyNames().iterator();
					contentType = types.hasNext() ? types.next() : null;
					if (body.get("content").has("application/json")) {
						contentType = "application/json";
					}
					schema = resolve(body.path("content").path(contentType).path("schema"));
				}
				JsonNode example = this.examples.get(method.toUpperCase() + " " + path);
				if (example != null) {
					contentType = "application/json";
				}
				operations.add(new Operation(method.toUpperCase(), path, params, schema, contentType, example));
			}
		}
		return operations;
	}

	/**
	 * Parameters and body fields of every operation; the cross-cutting inputs (standard
	 * headers, every standard query parameter) on the first GET and the first POST only.
	 */
	private void fuzz(Operation op, boolean firstGet, boolean firstPost) {
		for (Param param : op.params()) {
			switch (param.in()) {
				case "path" -> PATH_VALUES.forEach((label, raw) -> send(op, "path " + param.name() + " = " + label,
						Map.of(param.name(), raw), Map.of(), Map.of(), null, null));
				case "query" -> QUERY_VALUES.forEach((label, raw) -> send(op, "query " + param.name() + " = " + label,
						Map.of(), Map.of(param.name(), raw), Map.of(), null, null));
				case "header" -> HEADER_VALUES.forEach((label, raw) -> send(op,
						"header " + param.name() + " = " + label, Map.of(), Map.of(), Map.of(param.name(), raw), null,
						null));
				default -> {
				}
			}
		}
		if ("GET".equals(op.method())) {
			List<String> labels = firstGet ? List.copyOf(QUERY_VALUES.keySet()) : List.of("huge", "over-long", "RLO");
			for (String name : STANDARD_PARAMETERS) {
				if (op.params().stream().anyMatch((p) -> p.name().equals(name))) {
					continue;
				}
				for (String label : labels) {
					send(op, "query " + name + " = " + label, Map.of(), Map.of(name, QUERY_VALUES.get(label)), Map.of(),
							null, null);
				}
			}
		}
		if (firstGet || firstPost) {
			for (String header : List.of("X-Workspace-ID", "X-Request-ID", "Idempotency-Key", "Accept", "Authorization",
					"Content-Type")) {
				HEADER_VALUES.forEach((label, raw) -> send(op, "header " + header + " = " + label, Map.of(), Map.of(),
						Map.of(header, raw), null, null));
			}
		}
		if (op.contentType() != null) {
			fuzzBody(op);
		}
	}

	private void fuzzBody(Operation op) {
		boolean json = op.contentType().contains("json");
		byte[] valid = json ? JSON.writeValueAsBytes(validBody(op, null))
				: "not-a-valid-body".getBytes(StandardCharsets.UTF_8);
		BODY_DOCUMENTS.forEach((label, body) -> send(op, "body = " + label, Map.of(), Map.of(), Map.of(), body, null));
		for (String type : CONTENT_TYPES) {
			send(op, "Content-Type: " + type, Map.of(), Map.of(), Map.of(), valid, type);
		}
		if (!json || (op.bodySchema() == null && op.example() == null)) {
			return;
		}
		List<String> slots = new ArrayList<>();
		validBody(op, slots::add);
		for (String slot : slots.subList(0, Math.min(slots.size(), 30))) {
			JsonNode withMarker = validBody(op, null);
			String marker = "\"__fuzz_" + UUID.randomUUID() + "__\"";
			place(withMarker, slot, marker.substring(1, marker.length() - 1));
			byte[] template = JSON.writeValueAsBytes(withMarker);
			String text = new String(template, StandardCharsets.UTF_8);
			int at = text.indexOf(marker);
			if (at < 0) {
				continue;
			}
			byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
			byte[] suffix = text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
			BODY_VALUES.forEach((label, value) -> {
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				body.writeBytes(prefix);
				body.writeBytes(value);
				body.writeBytes(suffix);
				send(op, "body " + slot + " = " + label, Map.of(), Map.of(), Map.of(), body.toByteArray(), null);
			});
		}
	}

	/** Requests no operation owns: what the container and the security chain answer. */
	private void containerProbes(Operation any) {
		Operation root = new Operation("GET", "/api/v1/fuzz-probe", List.of(), null, null, null);
		for (String path : List.of("/api/v1/x%2Fy", "/api/v1/x%5Cy", "/api/v1/x%00y", "/api/v1/x%25y",
				"/api/v1/x%zzy", "/%", "/api/v1/..%2F..%2Fetc", "/api/v1/;jsessionid=1", "/api/v1//x",
				"/api/v1/%C3%28", "/api/v1/x/../../../etc", "/api/v1/" + "a".repeat(20000))) {
			probe(root, "GET " + abbreviate(path), "GET", ascii(path), List.of(), null);
		}
		probe(root, "100 KB header", "GET", ascii("/api/v1/fuzz-probe"),
				List.of(ascii("X-Big: " + "a".repeat(100_000))), null);
		List<byte[]> many = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			many.add(ascii("X-H" + i + ": " + "v".repeat(100)));
		}
		probe(root, "300 headers", "GET", ascii("/api/v1/fuzz-probe"), many, null);
		probe(root, "header without colon", "GET", ascii("/api/v1/fuzz-probe"), List.of(ascii("NoColonHere")), null);
		probe(root, "unknown method", "FROB", ascii("/api/v1/fuzz-probe"), List.of(), null);
		StringBuilder manyParams = new StringBuilder("/api/v1/fuzz-probe?");
		for (int i = 0; i < 2000; i++) {
			manyParams.append("p").append(i).append("=1&");
		}
		probe(root, "2000 query parameters", "GET", ascii(manyParams.toString()), List.of(), null);
		if (any != null) {
			Operation op = any;
			send(op, "unknown method on a real path", Map.of(), Map.of(), Map.of(), null, null, "FROB");
			send(op, "DELETE on a real path", Map.of(), Map.of(), Map.of(), null, null, "DELETE");
		}
	}

	private void send(Operation op, String input, Map<String, String> path, Map<String, String> query,
			Map<String, byte[]> headers, byte[] body, String contentType) {
		send(op, input, path, query, headers, body, contentType, op.method());
	}

	private void send(Operation op, String input, Map<String, String> path, Map<String, String> query,
			Map<String, byte[]> headers, byte[] body, String contentType, String method) {
		StringBuilder target = new StringBuilder();
		String template = op.path();
		int i = 0;
		while (i < template.length()) {
			int open = template.indexOf('{', i);
			if (open < 0) {
				target.append(template.substring(i));
				break;
			}
			int close = template.indexOf('}', open);
			target.append(template, i, open);
			String name = template.substring(open + 1, close);
			target.append(path.containsKey(name) ? path.get(name) : encode(pathValue(op, name)));
			i = close + 1;
		}
		List<String> pairs = new ArrayList<>();
		for (Param param : op.params()) {
			if ("query".equals(param.in()) && param.required() && !query.containsKey(param.name())) {
				pairs.add(param.name() + "=" + encode(baselineScalar(param.name(), param.schema())));
			}
		}
		query.forEach((name, raw) -> pairs.add(name + "=" + raw));
		if (!pairs.isEmpty()) {
			target.append('?').append(String.join("&", pairs));
		}
		Map<String, byte[]> all = new LinkedHashMap<>();
		all.put("Authorization", ascii("Bearer " + this.token));
		all.put("X-Workspace-ID", ascii(this.workspace.toString()));
		all.put("Accept", ascii("application/json"));
		for (Param param : op.params()) {
			if ("header".equals(param.in()) && param.required()) {
				all.put(param.name(), ascii(baselineScalar(param.name(), param.schema())));
			}
		}
		byte[] sentBody = body;
		if (sentBody == null && op.contentType() != null && op.contentType().contains("json")) {
			sentBody = JSON.writeValueAsBytes(validBody(op, null));
		}
		if (sentBody != null) {
			all.put("Content-Type", ascii((contentType != null) ? contentType
					: (op.contentType() != null) ? op.contentType() : "application/json"));
		}
		all.putAll(headers);
		List<byte[]> lines = new ArrayList<>();
		all.forEach((name, value) -> {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			line.writeBytes(ascii(name + ": "));
			line.writeBytes(value);
			lines.add(line.toByteArray());
		});
		probe(op, input, method, ascii(target.toString()), lines, sentBody);
	}

	private void probe(Operation op, String input, String method, byte[] target, List<byte[]> headers, byte[] body) {
		this.pending.add(() -> {
			long started = System.nanoTime();
			RawHttp.Response response = RawHttp.send(this.port, method, target, headers, body, this.timeoutMillis);
			long millis = (System.nanoTime() - started) / 1_000_000;
			String problem = check(response);
			synchronized (this.findings) {
				if (millis > this.slowestMillis) {
					this.slowestMillis = millis;
					this.slowest = op.label() + " <- " + input;
				}
				if (problem != null && this.seen.add(op.label() + "|" + input)) {
					this.findings.add(new Finding(op.label(), input, response.status(), problem));
				}
			}
		});
	}

	/** Why the response breaks the contract, or null. */
	static String check(RawHttp.Response response) {
		if (response.status() < 0) {
			return "no response: " + response.failure();
		}
		if (response.status() >= 500) {
			return "server error " + abbreviate(response.body());
		}
		if (response.status() < 400) {
			return null;
		}
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("application/json")) {
			return "error not in JSON (Content-Type " + type + "): " + abbreviate(response.body());
		}
		try {
			JsonNode error = JSON.readTree(response.body()).path("error");
			for (String field : List.of("code", "message", "timestamp", "request_id")) {
				if (!error.path(field).isString() || error.path(field).asString().isBlank()) {
					return "error envelope without " + field + ": " + abbreviate(response.body());
				}
			}
			if (!error.path("details").isObject()) {
				return "error envelope without details: " + abbreviate(response.body());
			}
		}
		catch (RuntimeException ex) {
			return "error body is not JSON: " + abbreviate(response.body());
		}
		return null;
	}

	private String pathValue(Operation op, String name) {
		if (this.knownValues.containsKey(name)) {
			return this.knownValues.get(name);
		}
		for (Param param : op.params()) {
			if (param.name().equals(name)) {
				return baselineScalar(name, param.schema());
			}
		}
		return "fuzz";
	}

	/** A plausible valid value of a scalar schema. */
	private String baselineScalar(String name, JsonNode schema) {
		if (this.knownValues.containsKey(name)) {
			return this.knownValues.get(name);
		}
		if (schema.has("enum") && !schema.get("enum").isEmpty()) {
			return schema.get("enum").get(0).asString();
		}
		String type = type(schema);
		String format = schema.path("format").asString("");
		return switch (type) {
			case "integer", "number" -> "1";
			case "boolean" -> "true";
			default -> switch (format) {
				case "uuid" -> UUID.randomUUID().toString();
				case "date-time" -> "2026-01-01T00:00:00Z";
				case "date" -> "2026-01-01";
				default -> "fuzz";
			};
		};
	}

	/** The operation's example, or a body built from its schema; reports the scalar slots to {@code slots}. */
	private JsonNode validBody(Operation op, Consumer<String> slots) {
		if (op.example() != null) {
			if (slots != null) {
				slotsOf(op.example(), "", slots);
			}
			return op.example().deepCopy();
		}
		return baseline(op.bodySchema(), 0, "", slots);
	}

	private static void slotsOf(JsonNode node, String at, Consumer<String> slots) {
		if (node.isObject()) {
			for (String property : node.propertyNames()) {
				slotsOf(node.get(property), at.isEmpty() ? property : at + "." + property, slots);
			}
		}
		else if (node.isArray()) {
			if (!node.isEmpty()) {
				slotsOf(node.get(0), at + "[0]", slots);
			}
		}
		else if (!at.isEmpty()) {
			slots.accept(at);
		}
	}

	/**
	 * A valid-looking JSON value for {@code schema}; with {@code slots}, reports the path of
	 * every scalar (top-level and nested object fields, first array items) it created.
	 */
	private JsonNode baseline(JsonNode schema, int depth, String at, Consumer<String> slots) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		schema = resolve(schema);
		if (schema == null || schema.isMissingNode()) {
			return nodes.objectNode();
		}
		String type = type(schema);
		if ("object".equals(type) || schema.has("properties")) {
			ObjectNode object = nodes.objectNode();
			if (depth > 4) {
				return object;
			}
			JsonNode properties = schema.path("properties");
			for (String property : properties.propertyNames()) {
				String child = (at == null) ? null : (at.isEmpty() ? property : at + "." + property);
				object.set(property, baseline(properties.get(property), depth + 1, child, slots));
			}
			return object;
		}
		if ("array".equals(type)) {
			ArrayNode array = nodes.arrayNode();
			if (depth <= 4) {
				array.add(baseline(schema.path("items"), depth + 1, (at == null) ? null : at + "[0]", slots));
			}
			return array;
		}
		if (slots != null && at != null) {
			slots.accept(at);
		}
		String value = baselineScalar((at != null && at.contains(".")) ? at.substring(at.lastIndexOf('.') + 1) : at,
				schema);
		return switch (type) {
			case "integer", "number" -> nodes.numberNode(1);
			case "boolean" -> nodes.booleanNode(true);
			default -> nodes.stringNode(value);
		};
	}

	private static void place(JsonNode root, String slot, String value) {
		JsonNode parent = root;
		String[] parts = slot.split("\\.");
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			boolean indexed = part.endsWith("[0]");
			String name = indexed ? part.substring(0, part.length() - 3) : part;
			if (i == parts.length - 1 && !indexed) {
				((ObjectNode) parent).put(name, value);
				return;
			}
			JsonNode next = parent.get(name);
			if (indexed) {
				if (i == parts.length - 1) {
					((ArrayNode) next).set(0, JsonNodeFactory.instance.stringNode(value));
					return;
				}
				next = next.get(0);
			}
			parent = next;
		}
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (!"null".equals(t.asString())) {
					return t.asString();
				}
			}
		}
		return type.asString("string");
	}

	private JsonNode resolve(JsonNode node) {
		int guard = 0;
		while (node != null && node.has("$ref") && guard++ < 10) {
			String ref = node.get("$ref").asString();
			node = this.document.at(ref.substring(1));
		}
		if (node != null && node.has("allOf") && node.get("allOf").size() == 1) {
			return resolve(node.get("allOf").get(0));
		}
		return node;
	}

	private static List<JsonNode> concat(JsonNode a, JsonNode b) {
		List<JsonNode> all = new ArrayList<>();
		a.forEach(all::add);
		b.forEach(all::add);
		return all;
	}

	private static Map<String, String> values(String... labelsAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < labelsAndValues.length; i += 2) {
			map.put(labelsAndValues[i], labelsAndValues[i + 1]);
		}
		return map;
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ");
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

}
