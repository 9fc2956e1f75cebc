package com.agentobs.ingestion.otlp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.ingest.TraceConstraints;

/**
 * Maps OTLP spans onto traces and spans. A root span (no parent) becomes the trace row,
 * with the agent, environment and version from its resource; every span, the root
 * included, becomes a span row. Spans whose root is not in this export (SDKs export
 * children as they end, before the root) travel on their own and join their trace in
 * processing. GenAI semantic conventions ({@code gen_ai.*}) give model, provider, tokens
 * and span type. A trace whose root carries no token counts gets its totals from its spans.
 * Every mapped trace and loose span passes {@link TraceConstraints} (the rules of the native
 * API); one that fails is left out with all its spans, and the first reason is reported.
 */
final class OtlpTraceMapper {

	/** Explicit agent attributes, in order of preference, before {@code service.name}. */
	static final List<String> AGENT_KEYS = List.of("agentobs.agent_id", "gen_ai.agent.name", "service.name");

	private static final Set<String> LLM_OPERATIONS = Set.of("chat", "text_completion", "generate_content",
			"embeddings", "completion");

	private static final HexFormat HEX = HexFormat.of();

	record Result(List<IngestTrace> traces, List<IngestSpan> orphanSpans, int rejectedSpans, String errorMessage) {
	}

	private record Item(Span span, Map<String, Object> resource, Map<String, Object> attributes, IngestSpan mapped) {
	}

	private final TraceConstraints constraints;

	OtlpTraceMapper(TraceConstraints constraints) {
		this.constraints = constraints;
	}

	Result map(ExportTraceServiceRequest request, Instant now) {
		Map<String, List<Item>> byTrace = new LinkedHashMap<>();
		int rejected = 0;
		String firstError = null;
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, Object> resource = attributes(resourceSpans.getResource());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					String problem = problem(span, resource);
					if (problem != null) {
						rejected++;
						firstError = (firstError != null) ? firstError : problem;
						continue;
					}
					Map<String, Object> attrs = attributes(span.getAttributesList());
					byTrace.computeIfAbsent(hex(span.getTraceId()), (k) -> new ArrayList<>())
						.add(new Item(span, resource, attrs, toSpan(span, attrs)));
				}
			}
		}
		List<IngestTrace> traces = new ArrayList<>();
		List<IngestSpan> orphans = new ArrayList<>();
		for (Map.Entry<String, List<Item>> entry : byTrace.entrySet()) {
			List<Item> items = entry.getValue();
			Item root = items.stream().filter((i) -> i.span.getParentSpanId().isEmpty()).findFirst().orElse(null);
			List<IngestSpan> spans = items.stream().map(Item::mapped).toList();
			if (root == null) {
				for (IngestSpan span : spans) {
					TraceConstraints.Violation violation = this.constraints.check(span, "", now).orElse(null);
					if (violation == null) {
						orphans.add(span);
					}
					else {
						rejected++;
						firstError = (firstError != null) ? firstError : describe(span.name(), entry.getKey(), violation);
					}
				}
				continue;
			}
			IngestTrace trace = toTrace(entry.getKey(), root, items, spans);
			TraceConstraints.Violation violation = this.constraints.check(trace, now).orElse(null);
			if (violation == null) {
				traces.add(trace);
			}
			else {
				rejected += spans.size();
				firstError = (firstError != null) ? firstError
						: describe(root.span.getName(), entry.getKey(), violation);
			}
		}
		return new Result(traces, orphans, rejected, firstError);
	}

	private static String describe(String spanName, String traceId, TraceConstraints.Violation violation) {
		String name = (TraceConstraints.textProblem(spanName) == null) ? spanName : "?";
		return "trace " + traceId + " (span '" + trim(name, 100) + "'): " + violation.field() + " "
				+ violation.reason();
	}

	private static String problem(Span raw, Map<String, Object> resource) {
		String name = (TraceConstraints.textProblem(raw.getName()) == null) ? trim(raw.getName(), 100) : "?";
		return problem(raw, name, resource);
	}

	private static String problem(Span span, String name, Map<String, Object> resource) {
		if (span.getTraceId().size() != 16 || span.getTraceId().equals(ByteString.copyFrom(new byte[16]))) {
			return "span '" + name + "': trace_id must be 16 bytes and not all zeros";
		}
		if (span.getSpanId().size() != 8 || span.getSpanId().equals(ByteString.copyFrom(new byte[8]))) {
			return "span '" + name + "': span_id must be 8 bytes and not all zeros";
		}
		if (span.getStartTimeUnixNano() <= 0) {
			return "span '" + name + "': start_time_unix_nano is required";
		}
		if (span.getParentSpanId().isEmpty() && agentId(Map.of(), resource) == null) {
			return "span '" + name + "': no agent id (resource attribute service.name)";
		}
		return null;
	}

	private IngestTrace toTrace(String traceId, Item root, List<Item> items, List<IngestSpan> spans) {
		Span span = root.span;
		Map<String, Object> attrs = root.attributes;
		Map<String, Object> res = root.resource;
		IngestSpan rootSpan = root.mapped;
		String model = rootSpan.model();
		String provider = rootSpan.modelProvider();
		if (model == null) {
			IngestSpan llm = items.stream().map(Item::mapped).filter((s) -> s.model() != null).findFirst().orElse(null);
			if (llm != null) {
				model = llm.model();
				provider = llm.modelProvider();
			}
		}
		Integer tokensIn = rootSpan.tokensInput();
		Integer tokensOut = rootSpan.tokensOutput();
		Integer tokensTotal = TraceConstraints.tokensTotal(tokensIn, tokensOut);
		String environment = str(res, "deployment.environment.name", "deployment.environment");
		String version = str(res, "service.version");
		Integer sampleRate = integer(attrs, "agentobs.sample_rate");
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("otel_span_name", span.getName());
		metadata.put("otel_attributes", attrs);
		return new IngestTrace(traceId, agentId(attrs, res), rootSpan.startedAt(),
				str(attrs, "agentobs.input", "input.value", "gen_ai.input.messages", "gen_ai.prompt"),
				str(attrs, "agentobs.output", "output.value", "gen_ai.output.messages", "gen_ai.completion"),
				errorText(span, attrs), rootSpan.latencyMs(), rootSpan.status(), model, provider, tokensIn, tokensOut,
				tokensTotal, rootSpan.costUsd(), trim(environment, 50),
				(version != null) ? trim(version, 50) : null, (version != null) ? trim(version, 50) : null,
				trim(str(attrs, "agentobs.intent_category"), 100), trim(str(attrs, "user.id", "enduser.id"), 255),
				trim(str(attrs, "session.id", "gen_ai.conversation.id"), 255),
				(sampleRate != null && sampleRate >= 1) ? sampleRate : 1, metadata, spans);
	}

	private IngestSpan toSpan(Span span, Map<String, Object> attrs) {
		Instant started = instant(span.getStartTimeUnixNano());
		Instant ended = (span.getEndTimeUnixNano() > 0) ? instant(span.getEndTimeUnixNano()) : null;
		if (ended != null && ended.isBefore(started)) {
			ended = started;
		}
		Integer latency = (ended != null)
				? (int) Math.min(Integer.MAX_VALUE, (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000)
				: null;
		String operation = str(attrs, "gen_ai.operation.name");
		String model = trim(str(attrs, "gen_ai.response.model", "gen_ai.request.model"), 100);
		String provider = provider(str(attrs, "gen_ai.provider.name", "gen_ai.system"));
		String status = (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
				? (isTimeout(errorText(span, attrs)) ? "timeout" : "error") : "success";
		BigDecimal cost = decimal(attrs, "agentobs.cost_usd", "gen_ai.usage.cost");
		return new IngestSpan(hex(span.getTraceId()), hex(span.getSpanId()),
				span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()), spanType(span, operation, model),
				trim(span.getName().isBlank() ? "(unnamed)" : span.getName(), 255), started, ended, latency, model,
				provider, integer(attrs, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
				integer(attrs, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"), cost, status, attrs);
	}

	private static String spanType(Span span, String operation, String model) {
		String name = span.getName().toLowerCase();
		if (operation != null) {
			if (LLM_OPERATIONS.contains(operation)) {
				return "llm";
			}
			if (operation.equals("execute_tool")) {
				return "tool";
			}
			if (operation.contains("retriev")) {
				return "retrieval";
			}
		}
		if (name.contains("guardrail")) {
			return "guardrail";
		}
		if (name.contains("retriev")) {
			return "retrieval";
		}
		return (model != null && operation == null) ? "llm" : "other";
	}

	/** OTel provider names onto ours ({@code gcp.gemini} → {@code google}, …). */
	static String provider(String value) {
		if (value == null) {
			return null;
		}
		String v = value.toLowerCase();
		if (v.startsWith("gcp.") || v.equals("gemini") || v.equals("vertex_ai")) {
			return "google";
		}
		if (v.startsWith("azure.ai.openai") || v.equals("az.ai.openai")) {
			return "openai";
		}
		return trim(v, 50);
	}

	private static String agentId(Map<String, Object> attrs, Map<String, Object> resource) {
		for (String key : AGENT_KEYS) {
			String value = str(attrs, key);
			if (value == null) {
				value = str(resource, key);
			}
			if (value != null && !value.isBlank()) {
				return trim(value, 255);
			}
		}
		return null;
	}

	private static String errorText(Span span, Map<String, Object> attrs) {
		if (span.getStatus().getCode() != Status.StatusCode.STATUS_CODE_ERROR) {
			return null;
		}
		String message = span.getStatus().getMessage();
		if (message.isBlank()) {
			message = span.getEventsList()
				.stream()
				.filter((e) -> e.getName().equals("exception"))
				.map((e) -> str(attributes(e.getAttributesList()), "exception.message", "exception.type"))
				.filter((m) -> m != null)
				.findFirst()
				.orElse(str(attrs, "error.type"));
		}
		return (message == null || message.isBlank()) ? "error" : message;
	}

	private static boolean isTimeout(String error) {
		return error != null && error.toLowerCase().contains("timeout");
	}

	private static Map<String, Object> attributes(Resource resource) {
		return attributes(resource.getAttributesList());
	}

	static Map<String, Object> attributes(List<KeyValue> list) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (KeyValue kv : list) {
			map.put(kv.getKey(), value(kv.getValue()));
		}
		return map;
	}

	private static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			// NaN and infinities are not JSON: kept as their names
			case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? value.getDoubleValue()
					: String.valueOf(value.getDoubleValue());
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpTraceMapper::value).toList();
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			case BYTES_VALUE -> HEX.formatHex(value.getBytesValue().toByteArray());
			default -> null;
		};
	}

	private static String str(Map<String, Object> attrs, String... keys) {
		for (String key : keys) {
			Object value = attrs.get(key);
			if (value instanceof String s && !s.isEmpty()) {
				return s;
			}
			if (value instanceof List<?> || value instanceof Map<?, ?>) {
				return String.valueOf(value);
			}
		}
		return null;
	}

	private static Integer integer(Map<String, Object> attrs, String... keys) {
		for (String key : keys) {
			Object value = attrs.get(key);
			if (value instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
				return n.intValue();
			}
			if (value instanceof String s && s.matches("\\d{1,9}")) {
				return Integer.valueOf(s);
			}
		}
		return null;
	}

	private static BigDecimal decimal(Map<String, Object> attrs, String... keys) {
		for (String key : keys) {
			Object value = attrs.get(key);
			if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1_000_000) {
				return TraceConstraints.storedCost(new BigDecimal(n.toString()));
			}
		}
		return null;
	}

	private static Instant instant(long unixNano) {
		return Instant.ofEpochSecond(unixNano / 1_000_000_000L, unixNano % 1_000_000_000L);
	}

	private static String hex(ByteString bytes) {
		return HEX.formatHex(bytes.toByteArray());
	}

	private static String trim(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
