package com.agentobs.ingestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.Yaml;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.ingestion.otlp.OtlpGrpcServer;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One agent run per instrumentation convention, exported by the OpenTelemetry Java SDK's own
 * OTLP/HTTP exporter with that convention's published attribute names, and read back from the
 * ingest stream: model, provider, tokens, input, output, user, session, environment, version
 * and the span tree come out the same for every convention.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OtlpConventionsIT {

	/** What the trace read back from the stream must hold. */
	record Case(String convention, Map<String, String> resource, Consumer<Tracer> agentRun, String agent,
			String environment, String version, String model, String provider, int tokensInput, int tokensOutput,
			boolean rootHasTotals, String input, String output, String user, String session, List<String> spanTypes,
			Map<String, Integer> usage, Map<String, Object> metadata) {

		@Override
		public String toString() {
			return this.convention;
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Autowired
	OtlpGrpcServer grpc;

	@BeforeEach
	void emptyStream() {
		this.redis.delete(TraceStreams.INGEST);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("conventions")
	void otlpExport_mapsTheTraceTheSameWay_forEachConvention(Case c) {
		UUID workspace = IngestFixtures.newWorkspace();
		exportAndCheck(c, workspace, OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.port + "/v1/traces")
			.addHeader("X-API-Key", IngestFixtures.newKey(workspace, false))
			.build());
	}

	/** The SDK's OTLP/gRPC exporter (gzip, key in metadata) gives the same trace as OTLP/HTTP. */
	@Test
	void otlpGrpcExport_fromTheSdkExporter_mapsTheTraceLikeHttp() {
		UUID workspace = IngestFixtures.newWorkspace();
		exportAndCheck(genAi(), workspace, OtlpGrpcSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.grpc.port())
			.addHeader("x-api-key", IngestFixtures.newKey(workspace, false))
			.setCompression("gzip")
			.build());
	}

	/**
	 * The Collector's {@code otlp} exporter block printed in docs/INSTRUMENT.md, read the way the Collector reads
	 * it (endpoint host:port, {@code tls.insecure} for plaintext, headers with {@code ${env:…}}, compression),
	 * drives the SDK's gRPC exporter: if the documented snippet stops working, this test fails.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void collectorGrpcSnippet_inTheDocs_deliversTheTrace() throws IOException {
		String docs = Files.readString(Path.of("..", "docs", "INSTRUMENT.md"));
		Matcher block = Pattern.compile("```yaml\\n(exporters:\\n  otlp/agentobs:.*?)```", Pattern.DOTALL).matcher(docs);
		assertThat(block.find()).as("the otlp/agentobs exporter block in docs/INSTRUMENT.md").isTrue();
		Map<String, Object> exporter = (Map<String, Object>) ((Map<String, Object>) new Yaml().<Map<String, Object>>load(
				block.group(1)).get("exporters")).get("otlp/agentobs");
		String endpoint = (String) exporter.get("endpoint");
		assertThat(endpoint).as("the documented default port").endsWith(":4317");
		assertThat((Map<String, Object>) exporter.get("tls")).containsEntry("insecure", true);
		UUID workspace = IngestFixtures.newWorkspace();
		String key = IngestFixtures.newKey(workspace, false);
		var builder = OtlpGrpcSpanExporter.builder()
			// the documented host is the reader's; the port is this test's ingestion
			.setEndpoint("http://127.0.0.1:" + this.grpc.port())
			.setCompression((String) exporter.get("compression"));
		((Map<String, String>) exporter.get("headers")).forEach((name, value) ->
				builder.addHeader(name, value.replace("${env:AGENTOBS_API_KEY}", key)));
		exportAndCheck(genAi(), workspace, builder.build());
	}

	/** A bad span is counted in partial_success; a bad key and a full backlog are refused with their gRPC codes. */
	@Test
	void otlpGrpcExport_answersPartialSuccessAndBackPressure_likeHttp() throws Exception {
		UUID workspace = IngestFixtures.newWorkspace();
		String key = IngestFixtures.newKey(workspace, false);
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
		try {
			ExportTraceServiceRequest request = rawExport(
					io.opentelemetry.proto.trace.v1.Span.newBuilder()
						.setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
						.setSpanId(ByteString.fromHex("eee19b7ec3c1b174"))
						.setName("root")
						.setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
						.build(),
					io.opentelemetry.proto.trace.v1.Span.newBuilder()
						.setTraceId(ByteString.copyFrom(new byte[16]))
						.setSpanId(ByteString.fromHex("eee19b7ec3c1b175"))
						.setName("bad")
						.setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
						.build());
			ExportTraceServiceResponse response = stub(channel, key).export(request);
			assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
			assertThat(response.getPartialSuccess().getErrorMessage()).contains("trace_id");

			assertThatThrownBy(() -> stub(channel, "ao_test_unknown").export(request))
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));

			// fill the workspace's share (10 traces in the test profile), then one more export
			for (int i = 0; i < 9; i++) {
				stub(channel, key).export(request);
			}
			assertThatThrownBy(() -> stub(channel, key).export(request))
				.isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
					com.google.rpc.Status status = StatusProto.fromThrowable(ex);
					assertThat(status.getDetailsList()).singleElement()
						.satisfies((d) -> assertThat(d.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(2));
				});
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static TraceServiceGrpc.TraceServiceBlockingStub stub(ManagedChannel channel, String key) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
		return TraceServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	private static ExportTraceServiceRequest rawExport(io.opentelemetry.proto.trace.v1.Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
					.addAttributes(KeyValue.newBuilder()
						.setKey("service.name")
						.setValue(AnyValue.newBuilder().setStringValue("grpc-agent"))))
				.addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
			.build();
	}

	private void exportAndCheck(Case c, UUID workspace, SpanExporter exporter) {
		Resource resource = Resource.getDefault().merge(Resource.create(attributes(c.resource())));
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(resource)
			.addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
			.build();
		c.agentRun().accept(provider.get(c.convention()));
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		provider.shutdown().join(10, TimeUnit.SECONDS);

		List<TraceIngestedEvent> events = this.redis.opsForStream()
			.range(TraceStreams.INGEST, Range.unbounded())
			.stream()
			.map((r) -> this.json.readValue(String.valueOf(r.getValue().get(TraceStreams.FIELD_PAYLOAD)),
					TraceIngestedEvent.class))
			.filter((e) -> e.workspaceId().equals(workspace))
			.toList();
		assertThat(events).singleElement().satisfies((e) -> assertThat(e.spans()).isEmpty());
		IngestTrace trace = events.get(0).traces().get(0);
		assertThat(trace.agentId()).isEqualTo(c.agent());
		assertThat(trace.environment()).isEqualTo(c.environment());
		assertThat(trace.version()).isEqualTo(c.version());
		assertThat(trace.model()).isEqualTo(c.model());
		assertThat(trace.modelProvider()).isEqualTo(c.provider());
		assertThat(trace.input()).contains(c.input());
		assertThat(trace.output()).contains(c.output());
		assertThat(trace.userId()).isEqualTo(c.user());
		assertThat(trace.sessionId()).isEqualTo(c.session());
		assertThat(trace.metadata()).containsAllEntriesOf(c.metadata());

		IngestSpan root = trace.spans().stream().filter((s) -> s.parentSpanId() == null).findFirst().orElseThrow();
		assertThat(trace.spans()).extracting(IngestSpan::spanType).containsExactlyInAnyOrderElementsOf(c.spanTypes());
		assertThat(trace.spans()).allSatisfy((s) -> {
			assertThat(s.traceId()).isEqualTo(trace.traceId());
			if (s != root) {
				assertThat(s.parentSpanId()).isEqualTo(root.spanId());
			}
		});
		// tokens by kind: input and output on the LLM span, cache and reasoning beside them
		IngestSpan llm = trace.spans().stream().filter((s) -> s.spanType().equals("llm")).findFirst().orElseThrow();
		assertThat(llm.model()).isEqualTo(c.model());
		assertThat(llm.tokensInput()).isEqualTo(c.tokensInput());
		assertThat(llm.tokensOutput()).isEqualTo(c.tokensOutput());
		if (!c.usage().isEmpty()) {
			assertThat(llm.attributes().get("agentobs.usage")).isEqualTo(c.usage());
			assertThat(trace.metadata().get("usage")).isEqualTo(c.usage());
		}
		// totals: the root's own when it carries them, else none (processing sums the LLM spans)
		int spanInput = trace.spans().stream().mapToInt((s) -> (s.tokensInput() != null) ? s.tokensInput() : 0).sum();
		assertThat(spanInput).isEqualTo(c.tokensInput());
		if (c.rootHasTotals()) {
			assertThat(trace.tokensInput()).isEqualTo(c.tokensInput());
			assertThat(trace.tokensOutput()).isEqualTo(c.tokensOutput());
		}
		else {
			assertThat(trace.hasNoTokensOfItsOwn()).isTrue();
		}
	}

	static Stream<Case> conventions() {
		return Stream.of(genAi(), genAiDeprecated(), openInference(), openLlmetry(), openLit(), vercelAi());
	}

	/** OpenTelemetry GenAI semantic conventions, current names, message content as attributes. */
	static Case genAi() {
		return new Case("genai",
				Map.of("service.name", "travel-svc", "deployment.environment.name", "prod", "service.version", "1.4.0"),
				(tracer) -> run(tracer, "invoke_agent planner",
						Map.of("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "planner",
								"gen_ai.conversation.id", "conv-7", "user.id", "u-genai"),
						(root) -> {
							child(tracer, "chat gpt-4o", Map.of("gen_ai.operation.name", "chat",
									"gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o",
									"gen_ai.response.model", "gpt-4o-2024-08-06", "gen_ai.usage.input_tokens", 120L,
									"gen_ai.usage.output_tokens", 30L, "gen_ai.usage.cache_read.input_tokens", 100L,
									"gen_ai.usage.reasoning.output_tokens", 12L, "gen_ai.input.messages",
									"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Paris?\"}]}]",
									"gen_ai.output.messages",
									"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Sunny, 21C\"}],\"finish_reason\":\"stop\"}]"));
							child(tracer, "execute_tool get_weather",
									Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", "get_weather"));
						}),
				"planner", "prod", "1.4.0", "gpt-4o-2024-08-06", "openai", 120, 30, false, "Weather in Paris?",
				"Sunny, 21C", "u-genai", "conv-7", List.of("other", "llm", "tool"),
				Map.of("cache_read_input_tokens", 100, "reasoning_output_tokens", 12), Map.of());
	}

	/** GenAI's previous names: gen_ai.system, prompt/completion tokens, gen_ai.content.* events (capped). */
	static Case genAiDeprecated() {
		String longPrompt = "Summarise: " + "x".repeat(40_000);
		return new Case("genai-deprecated",
				Map.of("service.name", "summariser", "deployment.environment", "staging", "service.version", "0.9"),
				(tracer) -> run(tracer, "summarise", Map.of("session.id", "s-old", "enduser.id", "u-old"), (root) -> {
					Span llm = tracer.spanBuilder("chat claude")
						.setAllAttributes(attributes(Map.of("gen_ai.system", "anthropic", "gen_ai.request.model",
								"claude-3-5-sonnet", "gen_ai.usage.prompt_tokens", 900L,
								"gen_ai.usage.completion_tokens", 40L)))
						.startSpan();
					llm.addEvent("gen_ai.content.prompt", attributes(Map.of("gen_ai.prompt", longPrompt)));
					llm.addEvent("gen_ai.content.completion", attributes(Map.of("gen_ai.completion", "A short summary")));
					llm.end();
				}), "summariser", "staging", "0.9", "claude-3-5-sonnet", "anthropic", 900, 40, false,
				"… [truncated: 40011 characters, first 32768 kept]", "A short summary", "u-old", "s-old",
				List.of("other", "llm"), Map.of(), Map.of());
	}

	/** OpenInference (Arize Phoenix instrumentations): span kinds, llm.*, input/output values, metadata, tags. */
	static Case openInference() {
		return new Case("openinference",
				Map.of("service.name", "rag-bot", "deployment.environment.name", "dev", "service.version", "2.0.1"),
				(tracer) -> run(tracer, "RetrievalQA",
						Map.of("openinference.span.kind", "CHAIN", "input.value", "What is our refund policy?",
								"input.mime_type", "text/plain", "output.value", "Refunds within 30 days.",
								"session.id", "sess-oi", "user.id", "u-oi", "metadata", "{\"tenant\":\"acme\"}",
								"tag.tags", List.of("beta", "eu")),
						(root) -> {
							child(tracer, "retrieve", Map.of("openinference.span.kind", "RETRIEVER"));
							child(tracer, "ChatOpenAI", Map.of("openinference.span.kind", "LLM", "llm.model_name",
									"gpt-4o-mini", "llm.provider", "openai", "llm.system", "openai",
									"llm.token_count.prompt", 200L, "llm.token_count.completion", 50L,
									"llm.token_count.total", 250L, "llm.token_count.prompt_details.cache_read", 64L,
									"llm.token_count.prompt_details.cache_write", 16L,
									"llm.token_count.completion_details.reasoning", 8L));
							child(tracer, "search_docs", Map.of("openinference.span.kind", "TOOL", "tool.name",
									"search_docs"));
							child(tracer, "moderation", Map.of("openinference.span.kind", "GUARDRAIL"));
						}),
				"rag-bot", "dev", "2.0.1", "gpt-4o-mini", "openai", 200, 50, false, "What is our refund policy?",
				"Refunds within 30 days.", "u-oi", "sess-oi", List.of("other", "retrieval", "llm", "tool", "guardrail"),
				Map.of("cache_read_input_tokens", 64, "cache_creation_input_tokens", 16, "reasoning_output_tokens", 8),
				Map.of("tenant", "acme", "tags", List.of("beta", "eu")));
	}

	/** OpenLLMetry / Traceloop: workflow and tool span kinds, entity input/output, indexed prompt and completion. */
	static Case openLlmetry() {
		return new Case("openllmetry",
				Map.of("service.name", "joke-service", "deployment.environment", "qa", "service.version", "5"),
				(tracer) -> run(tracer, "joke_workflow.workflow",
						Map.of("traceloop.span.kind", "workflow", "traceloop.workflow.name", "joke_workflow",
								"traceloop.entity.name", "joke_workflow", "traceloop.association.properties.user_id",
								"u-tl", "traceloop.association.properties.session_id", "s-tl",
								"traceloop.association.properties.team", "fun", "traceloop.entity.output", "a pun"),
						(root) -> {
							child(tracer, "openai.chat", kv("llm.request.type", "chat", "gen_ai.system", "openai",
									"gen_ai.request.model", "gpt-3.5-turbo", "gen_ai.response.model",
									"gpt-3.5-turbo-0125", "gen_ai.usage.prompt_tokens", 15L,
									"gen_ai.usage.completion_tokens", 22L, "llm.usage.total_tokens", 37L,
									"gen_ai.usage.cache_read_input_tokens", 5L, "gen_ai.prompt.0.role", "user",
									"gen_ai.prompt.0.content", "Tell me a joke about OpenTelemetry",
									"gen_ai.completion.0.role", "assistant", "gen_ai.completion.0.content",
									"Why did the span cross the road?"));
							child(tracer, "pun_tool.tool", Map.of("traceloop.span.kind", "tool", "traceloop.entity.name",
									"pun_tool", "traceloop.entity.output", "a pun"));
						}),
				"joke-service", "qa", "5", "gpt-3.5-turbo-0125", "openai", 15, 22, false,
				"Tell me a joke about OpenTelemetry", "a pun", "u-tl", "s-tl", List.of("other", "llm", "tool"),
				Map.of("cache_read_input_tokens", 5), Map.of("team", "fun"));
	}

	/** OpenLIT: gen_ai.system, total tokens, cost, reasoning tokens, the request user, content events. */
	static Case openLit() {
		return new Case("openlit",
				Map.of("service.name", "openlit-app", "deployment.environment", "production", "service.version", "3.1"),
				(tracer) -> run(tracer, "crewai.agent_execute", Map.of("gen_ai.operation.name", "invoke_agent"),
						(root) -> {
							Span llm = tracer.spanBuilder("chat gpt-4o")
								.setAllAttributes(attributes(Map.of("gen_ai.operation.name", "chat", "gen_ai.system",
										"openai", "gen_ai.request.model", "gpt-4o", "gen_ai.usage.input_tokens", 70L,
										"gen_ai.usage.output_tokens", 9L, "gen_ai.usage.total_tokens", 79L,
										"gen_ai.usage.reasoning_tokens", 4L, "gen_ai.usage.cost", 0.00042,
										"gen_ai.request.user", "u-lit")))
								.startSpan();
							llm.addEvent("gen_ai.content.prompt", attributes(Map.of("gen_ai.prompt", "user: hello")));
							llm.addEvent("gen_ai.content.completion",
									attributes(Map.of("gen_ai.completion", "Hello! How can I help?")));
							llm.end();
						}),
				"openlit-app", "production", "3.1", "gpt-4o", "openai", 70, 9, false, "user: hello",
				"Hello! How can I help?", "u-lit", null, List.of("other", "llm"), Map.of("reasoning_output_tokens", 4),
				Map.of());
	}

	/** Vercel AI SDK: ai.generateText wraps ai.generateText.doGenerate and ai.toolCall; the wrapper carries the totals. */
	static Case vercelAi() {
		return new Case("vercel-ai",
				Map.of("service.name", "next-app", "deployment.environment.name", "preview", "service.version", "abc123"),
				(tracer) -> run(tracer, "ai.generateText",
						kv("operation.name", "ai.generateText trip-planner", "ai.operationId", "ai.generateText",
								"ai.model.id", "gpt-4o", "ai.model.provider", "openai.chat", "ai.prompt",
								"{\"prompt\":\"Plan a weekend in Rome\"}", "ai.response.text", "Day 1: Colosseum",
								"ai.usage.promptTokens", 300L, "ai.usage.completionTokens", 80L,
								"ai.telemetry.functionId", "trip-planner", "ai.telemetry.metadata.userId", "u-v",
								"ai.telemetry.metadata.sessionId", "s-v"),
						(root) -> {
							child(tracer, "ai.generateText.doGenerate", Map.of("ai.operationId",
									"ai.generateText.doGenerate", "ai.model.id", "gpt-4o", "ai.model.provider",
									"openai.chat", "ai.prompt.messages",
									"[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Plan a weekend in Rome\"}]}]",
									"ai.response.text", "Day 1: Colosseum", "ai.usage.promptTokens", 300L,
									"ai.usage.completionTokens", 80L, "ai.usage.cachedInputTokens", 128L));
							child(tracer, "ai.toolCall", Map.of("ai.operationId", "ai.toolCall", "ai.toolCall.name",
									"weather", "ai.toolCall.id", "call_1"));
						}),
				"next-app", "preview", "abc123", "gpt-4o", "openai", 300, 80, true, "Plan a weekend in Rome",
				"Day 1: Colosseum", "u-v", "s-v", List.of("other", "llm", "tool"), Map.of("cache_read_input_tokens", 128),
				Map.of("userId", "u-v"));
	}

	private static Map<String, Object> kv(Object... pairs) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static void run(Tracer tracer, String name, Map<String, Object> attributes, Consumer<Span> children) {
		Span root = tracer.spanBuilder(name).setAllAttributes(attributes(attributes)).startSpan();
		try (Scope ignored = root.makeCurrent()) {
			children.accept(root);
		}
		finally {
			root.end();
		}
	}

	private static void child(Tracer tracer, String name, Map<String, Object> attributes) {
		tracer.spanBuilder(name).setAllAttributes(attributes(attributes)).startSpan().end();
	}

	@SuppressWarnings("unchecked")
	private static Attributes attributes(Map<String, ?> values) {
		var builder = Attributes.builder();
		values.forEach((k, v) -> {
			if (v instanceof Long l) {
				builder.put(AttributeKey.longKey(k), l);
			}
			else if (v instanceof Double d) {
				builder.put(AttributeKey.doubleKey(k), d);
			}
			else if (v instanceof List<?> list) {
				builder.put(AttributeKey.stringArrayKey(k), (List<String>) list);
			}
			else {
				builder.put(AttributeKey.stringKey(k), String.valueOf(v));
			}
		});
		return builder.build();
	}

}
