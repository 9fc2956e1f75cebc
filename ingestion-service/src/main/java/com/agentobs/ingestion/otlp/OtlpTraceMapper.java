package com.agentobs.ingestion.otlp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import com.agentobs.ingestion.otlp.OtlpAttributeMap.Field;
import com.agentobs.ingestion.otlp.OtlpAttributeMap.Source;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps OTLP spans onto traces and spans through {@link OtlpAttributeMap}, the same way for
 * every instrumentation convention (GenAI, OpenInference, OpenLLMetry, OpenLIT, Vercel AI SDK).
 * <p>
 * The root span (no parent) is the trace's summary: the trace takes its status, latency and
 * error, the agent, environment and version from its span or resource attributes, and its own
 * model, tokens, cost, input, output, user and session. What the root lacks comes from the
 * other spans of its trace in the same export: model and provider from the first LLM span (by
 * start time), input from the first LLM span that has one, output from the last-ending LLM span
 * that has one, user and session from the first span that carries them. Token totals are the
 * root's own counts when it has any (an agent span's aggregate); otherwise the trace has none
 * and processing sums its spans. Only LLM spans keep tokens and cost on their span rows, so an
 * aggregate on a wrapper span (an agent or workflow span, Vercel's {@code ai.generateText}) is
 * not counted twice. Cache-read, cache-write and reasoning tokens go into the span's attributes
 * under {@code agentobs.usage} and, summed over the LLM spans, into the trace's metadata
 * ({@code usage}). Input and output are capped at {@link #MAX_CONTENT} characters and end with
 * a truncation marker when cut.
 * <p>
 * Spans whose root is not in this export (SDKs export children as they end, before the root)
 * travel on their own and join their trace in processing. Every mapped trace and loose span
 * passes {@link TraceConstraints} (the rules of the native API); one that fails is left out with
 * all its spans, and the first reason is reported.
 */
final class OtlpTraceMapper {

	/** Longest trace input or output kept from span content; longer text is cut and marked. */
	static final int MAX_CONTENT = 32_768;

	/** Key of the normalised cache and reasoning token counts in span attributes. */
	static final String USAGE_ATTRIBUTE = "agentobs.usage";

	private static final HexFormat HEX = HexFormat.of();

	record Result(List<IngestTrace> traces, List<IngestSpan> orphanSpans, int rejectedSpans, String errorMessage) {
	}

	/** One span's fields as the attribute map resolves them. */
	private record Resolved(String environment, String version, String user, String session, String model,
			String provider, Integer tokensInput, Integer tokensOutput, Integer tokensTotal,
			Map<String, Integer> usage, BigDecimal cost, String input, String output, String spanType, String toolName,
			Object tags, Map<String, Object> metadata, String intent, Integer sampleRate) {
	}

	private record Item(Span span, Map<String, Object> resource, Map<String, Object> attributes, Resolved fields,
			IngestSpan mapped) {
	}

	private final TraceConstraints constraints;

	private final JsonMapper json;

	OtlpTraceMapper(TraceConstraints constraints, JsonMapper json) {
		this.constraints = constraints;
		this.json = json;
	}

	Result map(ExportTraceServiceRequest request, Instant now) {
		Map<String, List<Item>> byTrace = new LinkedHashMap<>();
		int rejected = 0;
		String firstError = null;
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, Object> resource = attributes(resourceSpans.getResource());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					Map<String, Object> attrs = attributes(span.getAttributesList());
					String problem = problem(span, attrs, resource);
					if (problem != null) {
						rejected++;
						firstError = (firstError != null) ? firstError : problem;
						continue;
					}
					Resolved fields = resolve(span, attrs, resource);
					byTrace.computeIfAbsent(hex(span.getTraceId()), (k) -> new ArrayList<>())
						.add(new Item(span, resource, attrs, fields, toSpan(span, attrs, fields)));
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

	private static String problem(Span span, Map<String, Object> attrs, Map<String, Object> resource) {
		String name = (TraceConstraints.textProblem(span.getName()) == null) ? trim(span.getName(), 100) : "?";
		if (span.getTraceId().size() != 16 || span.getTraceId().equals(ByteString.copyFrom(new byte[16]))) {
			return "span '" + name + "': trace_id must be 16 bytes and not all zeros";
		}
		if (span.getSpanId().size() != 8 || span.getSpanId().equals(ByteString.copyFrom(new byte[8]))) {
			return "span '" + name + "': span_id must be 8 bytes and not all zeros";
		}
		if (span.getStartTimeUnixNano() <= 0) {
			return "span '" + name + "': start_time_unix_nano is required";
		}
		if (span.getParentSpanId().isEmpty()
				&& text(span, attrs, resource, Field.AGENT) == null) {
			return "span '" + name + "': no agent id (resource attribute service.name)";
		}
		return null;
	}

	private Resolved resolve(Span span, Map<String, Object> attrs, Map<String, Object> res) {
		Map<String, Integer> usage = new LinkedHashMap<>();
		putIfSet(usage, "cache_read_input_tokens", integer(first(span, attrs, res, Field.TOKENS_CACHE_READ)));
		putIfSet(usage, "cache_creation_input_tokens", integer(first(span, attrs, res, Field.TOKENS_CACHE_WRITE)));
		putIfSet(usage, "reasoning_output_tokens", integer(first(span, attrs, res, Field.TOKENS_REASONING)));
		return new Resolved(trim(text(span, attrs, res, Field.ENVIRONMENT), 50),
				trim(text(span, attrs, res, Field.VERSION), 50), trim(text(span, attrs, res, Field.USER), 255),
				trim(text(span, attrs, res, Field.SESSION), 255), trim(text(span, attrs, res, Field.MODEL), 100),
				provider(text(span, attrs, res, Field.PROVIDER)), integer(first(span, attrs, res, Field.TOKENS_INPUT)),
				integer(first(span, attrs, res, Field.TOKENS_OUTPUT)),
				integer(first(span, attrs, res, Field.TOKENS_TOTAL)), usage,
				decimal(first(span, attrs, res, Field.COST)), content(first(span, attrs, res, Field.INPUT)),
				content(first(span, attrs, res, Field.OUTPUT)), text(span, attrs, res, Field.SPAN_TYPE),
				trim(text(span, attrs, res, Field.TOOL_NAME), 255), first(span, attrs, res, Field.TAGS),
				metadata(attrs), trim(text(span, attrs, res, Field.INTENT), 100),
				integer(first(span, attrs, res, Field.SAMPLE_RATE)));
	}

	private IngestTrace toTrace(String traceId, Item root, List<Item> items, List<IngestSpan> spans) {
		Span span = root.span;
		Resolved own = root.fields;
		IngestSpan rootSpan = root.mapped;
		List<Item> byStart = items.stream()
			.sorted(Comparator.comparingLong((Item i) -> i.span.getStartTimeUnixNano()))
			.toList();
		List<Item> llm = byStart.stream().filter((i) -> "llm".equals(i.mapped.spanType())).toList();
		Item modelSpan = (own.model != null) ? root
				: byStart.stream().filter((i) -> i.fields.model != null).findFirst().orElse(null);
		String input = (own.input != null) ? own.input
				: llm.stream().map((i) -> i.fields.input).filter((v) -> v != null).findFirst().orElse(null);
		String output = (own.output != null) ? own.output
				: llm.stream()
					.sorted(Comparator.comparingLong((Item i) -> i.span.getEndTimeUnixNano()).reversed())
					.map((i) -> i.fields.output)
					.filter((v) -> v != null)
					.findFirst()
					.orElse(null);
		String user = (own.user != null) ? own.user
				: byStart.stream().map((i) -> i.fields.user).filter((v) -> v != null).findFirst().orElse(null);
		String session = (own.session != null) ? own.session
				: byStart.stream().map((i) -> i.fields.session).filter((v) -> v != null).findFirst().orElse(null);
		Integer tokensIn = own.tokensInput;
		Integer tokensOut = own.tokensOutput;
		Integer tokensTotal = (tokensIn != null || tokensOut != null) ? TraceConstraints.tokensTotal(tokensIn, tokensOut)
				: own.tokensTotal;
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("otel_span_name", span.getName());
		metadata.put("otel_attributes", root.attributes);
		for (Item item : byStart) {
			item.fields.metadata.forEach(metadata::putIfAbsent);
		}
		if (own.tags != null) {
			metadata.put("tags", own.tags);
		}
		Map<String, Integer> usage = new TreeMap<>(own.usage);
		if (usage.isEmpty()) {
			llm.forEach((i) -> i.fields.usage.forEach((k, v) -> usage.merge(k, v, TraceConstraints::tokensTotal)));
		}
		if (!usage.isEmpty()) {
			metadata.put("usage", usage);
		}
		Integer sampleRate = own.sampleRate;
		return new IngestTrace(traceId, trim(text(span, root.attributes, root.resource, Field.AGENT), 255), rootSpan.startedAt(),
				input, output, errorText(span, root.attributes), rootSpan.latencyMs(), rootSpan.status(),
				(modelSpan != null) ? modelSpan.fields.model : null,
				(modelSpan != null) ? modelSpan.fields.provider : null, tokensIn, tokensOut, tokensTotal,
				own.cost, own.environment, own.version, own.version, own.intent, user, session,
				(sampleRate != null && sampleRate >= 1) ? sampleRate : 1, metadata, spans);
	}

	private IngestSpan toSpan(Span span, Map<String, Object> attrs, Resolved fields) {
		Instant started = instant(span.getStartTimeUnixNano());
		Instant ended = (span.getEndTimeUnixNano() > 0) ? instant(span.getEndTimeUnixNano()) : null;
		if (ended != null && ended.isBefore(started)) {
			ended = started;
		}
		Integer latency = (ended != null)
				? (int) Math.min(Integer.MAX_VALUE, (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000)
				: null;
		String status = (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
				? (isTimeout(errorText(span, attrs)) ? "timeout" : "error") : "success";
		String type = spanType(span, fields);
		boolean llm = type.equals("llm");
		String name = (type.equals("tool") && fields.toolName != null) ? fields.toolName
				: span.getName().isBlank() ? "(unnamed)" : span.getName();
		Map<String, Object> attributes = attrs;
		if (!fields.usage.isEmpty()) {
			attributes = new LinkedHashMap<>(attrs);
			attributes.put(USAGE_ATTRIBUTE, fields.usage);
		}
		return new IngestSpan(hex(span.getTraceId()), hex(span.getSpanId()),
				span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()), type, trim(name, 255), started,
				ended, latency, fields.model, fields.provider, llm ? fields.tokensInput : null,
				llm ? fields.tokensOutput : null, llm ? fields.cost : null, status, attributes);
	}

	/** The convention's span kind when one is set; otherwise guessed from the name, or a model makes it a call. */
	private static String spanType(Span span, Resolved fields) {
		if (fields.spanType != null) {
			return fields.spanType;
		}
		String name = span.getName().toLowerCase();
		if (name.contains("guardrail")) {
			return "guardrail";
		}
		if (name.contains("retriev")) {
			return "retrieval";
		}
		return (fields.model != null) ? "llm" : "other";
	}

	/** The first source of {@code field} present on this span (or its resource), in the table's order. */
	private static Object first(Span span, Map<String, Object> attrs, Map<String, Object> resource, Field field) {
		for (Source source : OtlpAttributeMap.sources(field)) {
			Object value = switch (source.where()) {
				case SPAN -> attrs.get(source.key());
				case RESOURCE -> resource.get(source.key());
				case EVENT -> eventAttribute(span, source.event(), source.key());
				case INDEXED -> indexed(attrs, source.key());
				case PREFIX -> prefixed(attrs, source.key());
			};
			if (source.values() != null && value != null) {
				value = source.values().get(String.valueOf(value));
			}
			if (present(value)) {
				return value;
			}
		}
		return null;
	}

	private static boolean present(Object value) {
		return value != null && !(value instanceof String s && s.isBlank())
				&& !(value instanceof List<?> l && l.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty());
	}

	private static Object eventAttribute(Span span, String event, String key) {
		return span.getEventsList()
			.stream()
			.filter((e) -> e.getName().equals(event))
			.map((e) -> attributes(e.getAttributesList()).get(key))
			.filter(OtlpTraceMapper::present)
			.findFirst()
			.orElse(null);
	}

	/** {@code key.N.content} (with {@code key.N.role}) as a list of messages, in index order. */
	private static Object indexed(Map<String, Object> attrs, String key) {
		TreeMap<Integer, Map<String, Object>> messages = new TreeMap<>();
		String prefix = key + ".";
		for (Map.Entry<String, Object> entry : attrs.entrySet()) {
			String name = entry.getKey();
			if (!name.startsWith(prefix)) {
				continue;
			}
			String[] parts = name.substring(prefix.length()).split("\\.", 2);
			if (parts.length == 2 && parts[0].matches("\\d{1,4}")
					&& (parts[1].equals("content") || parts[1].equals("role"))) {
				messages.computeIfAbsent(Integer.valueOf(parts[0]), (n) -> new LinkedHashMap<>())
					.put(parts[1], entry.getValue());
			}
		}
		List<Map<String, Object>> withContent = messages.values().stream().filter((m) -> m.get("content") != null).toList();
		if (withContent.size() == 1 && withContent.get(0).get("role") == null) {
			return withContent.get(0).get("content");
		}
		return withContent.isEmpty() ? null : withContent;
	}

	private static Map<String, Object> prefixed(Map<String, Object> attrs, String key) {
		Map<String, Object> map = new LinkedHashMap<>();
		String prefix = key + ".";
		attrs.forEach((k, v) -> {
			if (k.startsWith(prefix) && k.length() > prefix.length()) {
				map.put(k.substring(prefix.length()), v);
			}
		});
		return map;
	}

	/** Every metadata source merged (earlier sources win a key); a JSON object string is read as one. */
	private Map<String, Object> metadata(Map<String, Object> attrs) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Source source : OtlpAttributeMap.sources(Field.METADATA)) {
			Object value = (source.where() == OtlpAttributeMap.Where.PREFIX) ? prefixed(attrs, source.key())
					: attrs.get(source.key());
			if (value instanceof String s && s.trim().startsWith("{")) {
				value = parseObject(s);
			}
			if (value instanceof Map<?, ?> map) {
				map.forEach((k, v) -> merged.putIfAbsent(String.valueOf(k), v));
			}
			else if (present(value)) {
				merged.putIfAbsent(source.key(), value);
			}
		}
		return merged;
	}

	private Object parseObject(String text) {
		try {
			Object value = this.json.readValue(text, Object.class);
			return (value instanceof Map<?, ?>) ? value : text;
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	/** Span content as text (structured messages as JSON), cut at {@link #MAX_CONTENT} with a marker. */
	private String content(Object value) {
		if (!present(value)) {
			return null;
		}
		String text = (value instanceof String s) ? s : this.json.writeValueAsString(value);
		return cap(text);
	}

	static String cap(String text) {
		if (text == null || text.length() <= MAX_CONTENT) {
			return text;
		}
		String marker = "… [truncated: " + text.length() + " characters, first " + MAX_CONTENT + " kept]";
		int keep = MAX_CONTENT;
		if (Character.isHighSurrogate(text.charAt(keep - 1))) {
			keep--;
		}
		return text.substring(0, keep) + marker;
	}

	private static String text(Span span, Map<String, Object> attrs, Map<String, Object> res, Field field) {
		Object value = first(span, attrs, res, field);
		if (value == null) {
			return null;
		}
		return (value instanceof String s) ? s : String.valueOf(value);
	}

	private static void putIfSet(Map<String, Integer> map, String key, Integer value) {
		if (value != null) {
			map.put(key, value);
		}
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
		// Vercel AI SDK names the provider and its API ("openai.chat", "anthropic.messages")
		boolean dottedConvention = v.startsWith("azure.") || v.startsWith("az.") || v.startsWith("aws.")
				|| v.startsWith("ibm.");
		int dot = v.indexOf('.');
		return trim((dot > 0 && !dottedConvention) ? v.substring(0, dot) : v, 50);
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

	private static Integer integer(Object value) {
		if (value instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
			return n.intValue();
		}
		if (value instanceof String s && s.matches("\\d{1,9}")) {
			return Integer.valueOf(s);
		}
		return null;
	}

	private static BigDecimal decimal(Object value) {
		if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1_000_000) {
			return TraceConstraints.storedCost(new BigDecimal(n.toString()));
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
