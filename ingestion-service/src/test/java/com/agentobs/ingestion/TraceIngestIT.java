package com.agentobs.ingestion;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest endpoints against the real PostgreSQL (API keys) and Redis (the stream):
 * what a 202 puts on {@code traces:ingest}, and every refusal in the error envelope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TraceIngestIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	UUID workspace;

	String key;

	@BeforeEach
	void freshWorkspaceAndStream() {
		this.redis.delete(TraceStreams.INGEST);
		this.workspace = newWorkspace();
		this.key = newKey(this.workspace, false);
	}

	static UUID newWorkspace() {
		return IngestFixtures.newWorkspace();
	}

	static String newKey(UUID ws, boolean revoked) {
		return IngestFixtures.newKey(ws, revoked);
	}

	HttpResponse<String> post(String path, String contentType, byte[] body, String apiKey, String encoding)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Content-Type", contentType);
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		if (encoding != null) {
			request.header("Content-Encoding", encoding);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postJson(String body) throws Exception {
		return post("/api/v1/traces", "application/json", body.getBytes(StandardCharsets.UTF_8), this.key, null);
	}

	List<TraceIngestedEvent> streamEvents() {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(TraceStreams.INGEST, Range.unbounded());
		return records.stream()
			.map((r) -> this.json.readValue(String.valueOf(r.getValue().get(TraceStreams.FIELD_PAYLOAD)),
					TraceIngestedEvent.class))
			.toList();
	}

	static String goodTrace(String traceId, String agent) {
		return """
				{"trace_id": "%s", "agent_id": "%s", "timestamp": "%s", "input": "hi", "output": "hello",
				 "latency_ms": 321, "status": "success", "model": "gpt-4-turbo", "tokens_input": 100,
				 "tokens_output": 50, "user_id": "u-1", "metadata": {"channel": "web"},
				 "spans": [{"span_id": "s1", "name": "llm call", "started_at": "%s", "model": "gpt-4-turbo",
				            "tokens_input": 100, "tokens_output": 50}]}
				""".formatted(traceId, agent, Instant.now().minusSeconds(60), Instant.now().minusSeconds(60));
	}

	@Test
	void batch_accepts202WithPerIndexRejections_whenSomeTracesAreBad() throws Exception {
		String body = """
				{"traces": [%s,
				  {"agent_id": "support-bot-1", "timestamp": "%s", "latency_ms": -5},
				  %s,
				  {"timestamp": "%s"},
				  {"agent_id": "a", "timestamp": "yesterday"},
				  {"agent_id": "a", "timestamp": "%s", "spans": [{"span_id": "x", "name": "n"}]}]}
				""".formatted(goodTrace("good-1", "support-bot-1"), Instant.now(), goodTrace(null, "sales-agent-1")
			.replace("\"trace_id\": \"null\", ", ""), Instant.now(), Instant.now());
		HttpResponse<String> response = postJson(body);

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode data = this.json.readTree(response.body()).get("data");
		assertThat(data.get("accepted").intValue()).isEqualTo(2);
		assertThat(data.get("rejected")).hasSize(4);
		assertThat(data.get("rejected").get(0).get("index").intValue()).isEqualTo(1);
		assertThat(data.get("rejected").get(0).get("field").stringValue()).isEqualTo("latency_ms");
		assertThat(data.get("rejected").get(1).get("field").stringValue()).isEqualTo("agent_id");
		assertThat(data.get("rejected").get(2).get("field").stringValue()).isEqualTo("timestamp");
		assertThat(data.get("rejected").get(3).get("field").stringValue()).isEqualTo("spans[0].started_at");
		assertThat(data.get("trace_ids").get(0).stringValue()).isEqualTo("good-1");
		String generated = data.get("trace_ids").get(1).stringValue();
		assertThat(generated).startsWith("trace_");

		List<TraceIngestedEvent> events = streamEvents();
		assertThat(events).hasSize(1);
		TraceIngestedEvent event = events.get(0);
		assertThat(event.workspaceId()).isEqualTo(this.workspace);
		assertThat(event.traces()).extracting(IngestTrace::traceId).containsExactly("good-1", generated);
		IngestTrace first = event.traces().get(0);
		assertThat(first.tokensTotal()).isEqualTo(150);
		assertThat(first.spans()).singleElement().satisfies((s) -> {
			assertThat(s.traceId()).isEqualTo("good-1");
			assertThat(s.spanType()).isEqualTo("llm");
		});
	}

	@Test
	void singleTrace_answers400NamingTheField_whenItIsInvalid() throws Exception {
		HttpResponse<String> response = postJson("""
				{"agent_id": "a", "timestamp": "%s", "status": "maybe"}""".formatted(Instant.now()));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = this.json.readTree(response.body()).get("error");
		assertThat(error.get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
		assertThat(error.get("details").get("field").stringValue()).isEqualTo("status");
		assertThat(postJson("{not json").statusCode()).isEqualTo(400);
		assertThat(streamEvents()).isEmpty();
	}

	@Test
	void ingest_refusesWithTheEnvelope_whenKeyTypeOrSizeIsWrong() throws Exception {
		byte[] one = goodTrace("t", "a").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> noKey = post("/api/v1/traces", "application/json", one, null, null);
		assertThat(noKey.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(noKey.body()).get("error").get("code").stringValue()).isEqualTo("UNAUTHENTICATED");
		assertThat(post("/api/v1/traces", "application/json", one, "ao_wrong", null).statusCode()).isEqualTo(401);
		assertThat(post("/api/v1/traces", "application/json", one, newKey(this.workspace, true), null).statusCode())
			.isEqualTo(401);

		HttpResponse<String> text = post("/api/v1/traces", "text/plain", one, this.key, null);
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(this.json.readTree(text.body()).get("error").get("code").stringValue())
			.isEqualTo("UNSUPPORTED_MEDIA_TYPE");

		String many = "{\"traces\": [" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]}";
		HttpResponse<String> tooMany = postJson(many);
		assertThat(tooMany.statusCode()).isEqualTo(413);
		assertThat(this.json.readTree(tooMany.body()).get("error").get("code").stringValue())
			.isEqualTo("PAYLOAD_TOO_LARGE");

		byte[] big = ("{\"agent_id\": \"a\", \"input\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post("/api/v1/traces", "application/json", big, this.key, null).statusCode()).isEqualTo(413);
		assertThat(post("/api/v1/traces", "application/json", gzip(big), this.key, "gzip").statusCode()).isEqualTo(413);
		assertThat(streamEvents()).isEmpty();
	}

	@Test
	void ingest_acceptsGzippedJson() throws Exception {
		HttpResponse<String> response = post("/api/v1/traces", "application/json",
				gzip(goodTrace("gz-1", "eng-gzip").getBytes(StandardCharsets.UTF_8)), this.key, "gzip");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(streamEvents()).singleElement()
			.satisfies((e) -> assertThat(e.traces().get(0).traceId()).isEqualTo("gz-1"));
	}

	/** A noisy tenant fills its own share (10 traces in the test profile) and only it gets 429. */
	@Test
	void ingest_refusesOnlyTheNoisyWorkspace_whenItFillsItsShare() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(postJson(goodTrace("noisy-" + i, "eng-bp")).statusCode()).isEqualTo(202);
		}
		HttpResponse<String> refused = postJson(goodTrace("noisy-over", "eng-bp"));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
		JsonNode error = this.json.readTree(refused.body()).get("error");
		assertThat(error.get("code").stringValue()).isEqualTo("RATE_LIMITED");
		assertThat(error.get("details").get("scope").stringValue()).isEqualTo("workspace");
		assertThat(post("/v1/traces", "application/json", otlpJson("5b8efff798038103d269b633813fc60c", "x", "y"),
				this.key, null).statusCode()).isEqualTo(429);

		UUID quiet = newWorkspace();
		String quietKey = newKey(quiet, false);
		for (int i = 0; i < 3; i++) {
			assertThat(post("/api/v1/traces", "application/json",
					goodTrace("quiet-" + i, "eng-q").getBytes(StandardCharsets.UTF_8), quietKey, null).statusCode())
				.isEqualTo(202);
		}
		assertThat(streamEvents().stream().filter((e) -> e.workspaceId().equals(quiet)).flatMap((e) -> e.traces().stream())
			.map(IngestTrace::traceId)).containsExactly("quiet-0", "quiet-1", "quiet-2");
		assertThat(streamEvents()).hasSize(13);
	}

	/**
	 * The bounds follow processing's consumer group (played here with XREADGROUP/XACK): a
	 * workspace's acknowledged entries leave its share even while one of its entries stays
	 * pending (a poison entry), and the stream bound counts only entries the group has not
	 * read, not read entries waiting to be trimmed.
	 */
	@Test
	void ingest_boundsFollowTheConsumerGroup_notTheStreamLength() throws Exception {
		this.redis.opsForStream().createGroup(TraceStreams.INGEST, ReadOffset.from("0-0"), TraceStreams.PROCESSORS_GROUP);
		for (int i = 0; i < 10; i++) {
			assertThat(postJson(goodTrace("share-" + i, "eng-bp")).statusCode()).isEqualTo(202);
		}
		assertThat(postJson(goodTrace("share-over", "eng-bp")).statusCode()).isEqualTo(429);
		List<MapRecord<String, Object, Object>> read = readAsProcessing();
		assertThat(read).hasSize(10);
		// the first entry stays pending (poison), the others are acknowledged
		this.redis.opsForStream().acknowledge(TraceStreams.INGEST, TraceStreams.PROCESSORS_GROUP,
				read.subList(1, 10).stream().map(MapRecord::getId).toArray(RecordId[]::new));
		for (int i = 0; i < 9; i++) {
			assertThat(postJson(goodTrace("again-" + i, "eng-bp")).statusCode()).isEqualTo(202);
		}
		assertThat(postJson(goodTrace("again-over", "eng-bp")).statusCode()).isEqualTo(429);

		// other tenants fill the stream bound (40 unread entries): everyone gets 429, scope all_workspaces
		readAsProcessing();
		int posted = 0;
		while (posted < 40) {
			String key = newKey(newWorkspace(), false);
			for (int i = 0; i < 10 && posted < 40; i++, posted++) {
				assertThat(post("/api/v1/traces", "application/json",
						goodTrace("fill-" + posted, "eng-f").getBytes(StandardCharsets.UTF_8), key, null).statusCode())
					.isEqualTo(202);
			}
		}
		HttpResponse<String> full = post("/api/v1/traces", "application/json",
				goodTrace("fill-over", "eng-f").getBytes(StandardCharsets.UTF_8), newKey(newWorkspace(), false), null);
		assertThat(full.statusCode()).isEqualTo(429);
		assertThat(this.json.readTree(full.body()).get("error").get("details").get("scope").stringValue())
			.isEqualTo("all_workspaces");
		// read but not yet acknowledged (so not trimmed): no longer lag, the stream accepts again
		assertThat(readAsProcessing()).hasSize(40);
		assertThat(this.redis.opsForStream().size(TraceStreams.INGEST)).isEqualTo(59);
		assertThat(post("/api/v1/traces", "application/json",
				goodTrace("after-read", "eng-f").getBytes(StandardCharsets.UTF_8), newKey(newWorkspace(), false), null)
			.statusCode()).isEqualTo(202);
	}

	private List<MapRecord<String, Object, Object>> readAsProcessing() {
		return this.redis.opsForStream()
			.read(Consumer.from(TraceStreams.PROCESSORS_GROUP, "it"), StreamReadOptions.empty().count(1000),
					StreamOffset.create(TraceStreams.INGEST, ReadOffset.lastConsumed()));
	}

	/**
	 * Every kind of value the store would refuse, each in its own trace beside good ones:
	 * the good ones are enqueued, each bad one is rejected by index with its field.
	 */
	@Test
	void batch_rejectsEveryValueTheStoreWouldRefuse_andEnqueuesTheRest() throws Exception {
		String now = Instant.now().toString();
		String[] bad = {
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"input\": \"nul \\u0000 here\"}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"model\": \"lone \\ud800\"}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"metadata\": {\"channel\": \"w\\u0000b\"}}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"metadata\": {\"k\\u0000\": 1}}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"cost_usd\": 999999.999999999}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"cost_usd\": 1e400}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"metadata\": {\"x\": -1e400}}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"tokens_input\": 2147483647, \"tokens_output\": 2147483647}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"latency_ms\": 2147483648}",
				"{\"agent_id\": \"a\", \"timestamp\": \"0001-01-01T00:00:00Z\"}",
				"{\"agent_id\": \"a\", \"timestamp\": \"+275760-01-01T00:00:00Z\"}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"spans\": [{\"span_id\": \"s\", \"name\": \"n\\udc00\", \"started_at\": \"%<s\"}]}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"spans\": [{\"span_id\": \"s\", \"name\": \"n\", \"started_at\": \"%<s\", \"attributes\": {\"p\": [\"\\u0000\"]}}]}",
				"{\"agent_id\": \"a\", \"timestamp\": \"%s\", \"spans\": [{\"span_id\": \"s1\", \"name\": \"n\", \"started_at\": \"%<s\", \"tokens_input\": 2147483647}, {\"span_id\": \"s2\", \"name\": \"n\", \"started_at\": \"%<s\", \"tokens_input\": 1}]}" };
		String[] fields = { "input", "model", "metadata.channel", "metadata", "cost_usd", "cost_usd", "metadata.x",
				"tokens_total", "latency_ms",
				"timestamp", "timestamp", "spans[0].name", "spans[0].attributes.p[0]", "spans" };
		StringBuilder body = new StringBuilder("{\"traces\": [").append(goodTrace("store-good-1", "eng-store"));
		for (String trace : bad) {
			body.append(",").append(trace.formatted(now));
		}
		body.append(",").append(goodTrace("store-good-2", "eng-store")).append("]}");

		HttpResponse<String> response = postJson(body.toString());
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode data = this.json.readTree(response.body()).get("data");
		assertThat(data.get("accepted").intValue()).isEqualTo(2);
		assertThat(data.get("rejected")).hasSize(bad.length);
		for (int i = 0; i < bad.length; i++) {
			JsonNode rejection = data.get("rejected").get(i);
			assertThat(rejection.get("index").intValue()).as(fields[i]).isEqualTo(i + 1);
			assertThat(rejection.get("field").stringValue()).isEqualTo(fields[i]);
		}
		assertThat(streamEvents()).singleElement()
			.satisfies((e) -> assertThat(e.traces()).extracting(IngestTrace::traceId)
				.containsExactly("store-good-1", "store-good-2"));
	}

	/**
	 * The same rules on OTLP: a root span whose input attribute or service.name holds NUL, or
	 * that started in 1970, is left out with its trace and counted in partial_success.
	 */
	@Test
	void otlp_rejectsTracesTheStoreWouldRefuse_andEnqueuesTheRest() throws Exception {
		String body = """
				{"resourceSpans": [
				  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "eng-otlp-good"}}]},
				   "scopeSpans": [{"spans": [
				     {"traceId": "5b8efff798038103d269b633813fc601", "spanId": "eee19b7ec3c1b171", "name": "good",
				      "startTimeUnixNano": "%1$d", "endTimeUnixNano": "%1$d"},
				     {"traceId": "5b8efff798038103d269b633813fc602", "spanId": "eee19b7ec3c1b172", "name": "nul attribute",
				      "startTimeUnixNano": "%1$d",
				      "attributes": [{"key": "gen_ai.prompt", "value": {"stringValue": "a\\u0000b"}}]},
				     {"traceId": "5b8efff798038103d269b633813fc603", "spanId": "eee19b7ec3c1b173", "name": "1970",
				      "startTimeUnixNano": "1000"}]}]},
				  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "eng\\u0000otlp"}}]},
				   "scopeSpans": [{"spans": [
				     {"traceId": "5b8efff798038103d269b633813fc604", "spanId": "eee19b7ec3c1b174", "name": "nul agent",
				      "startTimeUnixNano": "%1$d"}]}]}]}
				""".formatted(Instant.now().toEpochMilli() * 1_000_000L);
		HttpResponse<String> response = post("/v1/traces", "application/json", body.getBytes(StandardCharsets.UTF_8),
				this.key, null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode partial = this.json.readTree(response.body()).get("partialSuccess");
		assertThat(partial.get("rejectedSpans").asString()).isEqualTo("3");
		assertThat(partial.get("errorMessage").stringValue())
			.contains("5b8efff798038103d269b633813fc602", "input", "NUL");
		assertThat(streamEvents()).singleElement()
			.satisfies((e) -> assertThat(e.traces()).extracting(IngestTrace::traceId)
				.containsExactly("5b8efff798038103d269b633813fc601"));
	}

	static byte[] otlpJson(String traceId, String service, String name) {
		return """
				{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "%s"}}]},
				  "scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "eee19b7ec3c1b174", "name": "%s",
				     "startTimeUnixNano": "%d"}]}]}]}
				""".formatted(service, traceId, name, Instant.now().toEpochMilli() * 1_000_000L)
			.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void ingest_tagsEntriesWithTheKeysWorkspace_only() throws Exception {
		UUID other = newWorkspace();
		String otherKey = newKey(other, false);
		assertThat(postJson(goodTrace("mine", "eng-a")).statusCode()).isEqualTo(202);
		assertThat(post("/api/v1/traces", "application/json", goodTrace("theirs", "eng-a").getBytes(), otherKey, null)
			.statusCode()).isEqualTo(202);
		Map<UUID, List<String>> byWorkspace = new java.util.HashMap<>();
		streamEvents().forEach((e) -> byWorkspace.computeIfAbsent(e.workspaceId(), (k) -> new java.util.ArrayList<>())
			.addAll(e.traces().stream().map(IngestTrace::traceId).toList()));
		assertThat(byWorkspace).containsOnly(Map.entry(this.workspace, List.of("mine")), Map.entry(other, List.of("theirs")));
	}

	/** The OpenTelemetry Java SDK's own OTLP/HTTP exporter, not a hand-made request. */
	@Test
	void otlpProtobuf_fromTheOpenTelemetrySdk_mapsGenAiSpansOntoATrace() throws Exception {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.port + "/v1/traces")
			.addHeader("X-API-Key", this.key)
			.setCompression("gzip")
			.build();
		Resource resource = Resource.getDefault()
			.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "support-bot-otel",
					AttributeKey.stringKey("deployment.environment.name"), "staging",
					AttributeKey.stringKey("service.version"), "v3.2")));
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(resource)
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		Tracer tracer = provider.get("agent");
		String traceId;
		Span root = tracer.spanBuilder("invoke_agent support").startSpan();
		try (Scope ignored = root.makeCurrent()) {
			traceId = root.getSpanContext().getTraceId();
			root.setAttribute("user.id", "otel-user");
			Span llm = tracer.spanBuilder("chat gpt-4-turbo")
				.setAttribute("gen_ai.operation.name", "chat")
				.setAttribute("gen_ai.provider.name", "openai")
				.setAttribute("gen_ai.request.model", "gpt-4-turbo")
				.setAttribute("gen_ai.response.model", "gpt-4-turbo-2024-04-09")
				.setAttribute("gen_ai.usage.input_tokens", 1200L)
				.setAttribute("gen_ai.usage.output_tokens", 300L)
				.startSpan();
			llm.end();
			Span tool = tracer.spanBuilder("execute_tool lookup").setAttribute("gen_ai.operation.name", "execute_tool").startSpan();
			tool.setStatus(StatusCode.ERROR, "lookup failed");
			tool.end();
		}
		finally {
			root.end();
		}
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		provider.shutdown().join(10, TimeUnit.SECONDS);

		List<TraceIngestedEvent> events = streamEvents();
		assertThat(events).isNotEmpty();
		assertThat(events).allSatisfy((e) -> {
			assertThat(e.workspaceId()).isEqualTo(this.workspace);
			assertThat(e.source()).isEqualTo("otlp");
		});
		// SimpleSpanProcessor exports each span as it ends: children first, on their own
		List<IngestSpan> loose = events.stream().flatMap((e) -> e.spans().stream()).toList();
		assertThat(loose).extracting(IngestSpan::spanType).containsExactlyInAnyOrder("llm", "tool");
		IngestSpan llm = loose.stream().filter((s) -> s.spanType().equals("llm")).findFirst().orElseThrow();
		assertThat(llm.traceId()).isEqualTo(traceId);
		assertThat(llm.model()).isEqualTo("gpt-4-turbo-2024-04-09");
		assertThat(llm.modelProvider()).isEqualTo("openai");
		assertThat(llm.tokensInput()).isEqualTo(1200);
		assertThat(llm.tokensOutput()).isEqualTo(300);
		assertThat(loose.stream().filter((s) -> s.spanType().equals("tool")).findFirst().orElseThrow().status())
			.isEqualTo("error");

		IngestTrace trace = events.stream().flatMap((e) -> e.traces().stream()).findFirst().orElseThrow();
		assertThat(trace.traceId()).isEqualTo(traceId);
		assertThat(trace.agentId()).isEqualTo("support-bot-otel");
		assertThat(trace.environment()).isEqualTo("staging");
		assertThat(trace.version()).isEqualTo("v3.2");
		assertThat(trace.userId()).isEqualTo("otel-user");
		assertThat(trace.hasNoTokensOfItsOwn()).isTrue();
		assertThat(trace.spans()).singleElement().satisfies((s) -> assertThat(s.parentSpanId()).isNull());
	}

	@Test
	void otlpJson_withHexIds_isAcceptedAndReportsPartialSuccess() throws Exception {
		String body = """
				{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "eng-json"}}]},
				  "scopeSpans": [{"spans": [
				    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "root",
				     "kind": 2, "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000250000000",
				     "attributes": [{"key": "gen_ai.request.model", "value": {"stringValue": "gemini-pro"}},
				                    {"key": "gen_ai.system", "value": {"stringValue": "gcp.gemini"}},
				                    {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "40"}},
				                    {"key": "gen_ai.usage.output_tokens", "value": {"intValue": 2}}]},
				    {"traceId": "00000000000000000000000000000000", "spanId": "eee19b7ec3c1b175", "name": "bad",
				     "startTimeUnixNano": "1700000000000000000"}]}]}]}
				""";
		HttpResponse<String> response = post("/v1/traces", "application/json", body.getBytes(StandardCharsets.UTF_8),
				this.key, null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode partial = this.json.readTree(response.body()).get("partialSuccess");
		assertThat(partial.get("rejectedSpans").asString()).isEqualTo("1");
		IngestTrace trace = streamEvents().get(0).traces().get(0);
		assertThat(trace.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
		assertThat(trace.agentId()).isEqualTo("eng-json");
		assertThat(trace.model()).isEqualTo("gemini-pro");
		assertThat(trace.modelProvider()).isEqualTo("google");
		assertThat(trace.tokensTotal()).isEqualTo(42);
		assertThat(trace.latencyMs()).isEqualTo(250);

		assertThat(post("/v1/traces", "application/x-protobuf", "garbage".getBytes(), this.key, null).statusCode())
			.isEqualTo(400);
		assertThat(post("/v1/traces", "text/xml", "<a/>".getBytes(), this.key, null).statusCode()).isEqualTo(415);
	}

	private static byte[] gzip(byte[] data) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		return out.toByteArray();
	}

}
