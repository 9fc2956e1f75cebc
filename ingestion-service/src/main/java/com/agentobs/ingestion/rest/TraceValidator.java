package com.agentobs.ingestion.rest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;

import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON trace into an {@link IngestTrace}, or names the first field that is wrong
 * ({@code spans[3].started_at}). Hand-written rather than bound by Jackson so that one bad
 * trace in a batch rejects only that trace, with a message per field.
 */
final class TraceValidator {

	static final Set<String> STATUSES = Set.of("success", "error", "timeout");

	static final Set<String> SPAN_TYPES = Set.of("llm", "tool", "retrieval", "guardrail", "other");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

	private static final Duration MAX_FUTURE = Duration.ofHours(1);

	private static final int MAX_TEXT = 1_000_000;

	private final Clock clock;

	private final int maxSpans;

	TraceValidator(Clock clock, int maxSpans) {
		this.clock = clock;
		this.maxSpans = maxSpans;
	}

	/** A field that failed validation; {@code field} is its path inside the trace. */
	static final class Invalid extends RuntimeException {

		final String field;

		Invalid(String field, String message) {
			super(message, null, false, false);
			this.field = field;
		}

	}

	IngestTrace toTrace(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new Invalid("trace", "must be a JSON object");
		}
		Fields f = new Fields(node, "");
		String traceId = f.id("trace_id", false);
		if (traceId == null) {
			traceId = "trace_" + UUID.randomUUID().toString().replace("-", "");
		}
		String agentId = f.text("agent_id", 255, true);
		Instant timestamp = f.instant("timestamp", true);
		String error = f.text("error", MAX_TEXT, false);
		String status = f.oneOf("status", STATUSES);
		if (status == null) {
			status = (error != null && !error.isBlank()) ? "error" : "success";
		}
		Integer tokensInput = f.integer("tokens_input", 0);
		Integer tokensOutput = f.integer("tokens_output", 0);
		Integer tokensTotal = f.integer("tokens_total", 0);
		if (tokensTotal == null && (tokensInput != null || tokensOutput != null)) {
			tokensTotal = nz(tokensInput) + nz(tokensOutput);
		}
		String version = f.text("version", 50, false);
		String agentVersion = f.text("agent_version", 50, false);
		Integer sampleRate = f.integer("sample_rate", 1);
		List<IngestSpan> spans = spans(node.get("spans"), traceId);
		return new IngestTrace(traceId, agentId, timestamp, f.text("input", MAX_TEXT, false),
				f.text("output", MAX_TEXT, false), error, f.integer("latency_ms", 0), status,
				f.text("model", 100, false), f.text("model_provider", 50, false), tokensInput, tokensOutput,
				tokensTotal, f.decimal("cost_usd"), f.text("environment", 50, false), version,
				(agentVersion != null) ? agentVersion : version, f.text("intent_category", 100, false),
				f.text("user_id", 255, false), f.text("session_id", 255, false),
				(sampleRate != null) ? sampleRate : 1, f.object("metadata"), spans);
	}

	private List<IngestSpan> spans(JsonNode node, String traceId) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new Invalid("spans", "must be an array");
		}
		if (node.size() > this.maxSpans) {
			throw new Invalid("spans", "must hold at most " + this.maxSpans + " spans");
		}
		List<IngestSpan> spans = new ArrayList<>(node.size());
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < node.size(); i++) {
			String prefix = "spans[" + i + "].";
			JsonNode item = node.get(i);
			if (!item.isObject()) {
				throw new Invalid("spans[" + i + "]", "must be a JSON object");
			}
			Fields f = new Fields(item, prefix);
			String spanId = f.id("span_id", true);
			if (!seen.add(spanId)) {
				throw new Invalid(prefix + "span_id", "is used by another span of this trace");
			}
			Instant started = f.instant("started_at", true);
			Instant ended = f.instant("ended_at", false);
			if (ended != null && ended.isBefore(started)) {
				throw new Invalid(prefix + "ended_at", "must not be before started_at");
			}
			Integer latency = f.integer("latency_ms", 0);
			if (latency == null && ended != null) {
				latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(started, ended).toMillis());
			}
			String model = f.text("model", 100, false);
			String type = f.oneOf("span_type", SPAN_TYPES);
			if (type == null) {
				type = (model != null) ? "llm" : "other";
			}
			String status = f.oneOf("status", STATUSES);
			spans.add(new IngestSpan(traceId, spanId, f.id("parent_span_id", false), type,
					f.text("name", 255, true), started, ended, latency, model, f.text("model_provider", 50, false),
					f.integer("tokens_input", 0), f.integer("tokens_output", 0), f.decimal("cost_usd"),
					(status != null) ? status : "success", f.object("attributes")));
		}
		return spans;
	}

	private static int nz(Integer value) {
		return (value != null) ? value : 0;
	}

	/** Typed reads of one JSON object's fields, each failing with the field's path. */
	private final class Fields {

		private final JsonNode node;

		private final String prefix;

		Fields(JsonNode node, String prefix) {
			this.node = node;
			this.prefix = prefix;
		}

		private JsonNode value(String name) {
			JsonNode value = this.node.get(name);
			return (value == null || value.isNull()) ? null : value;
		}

		private Invalid invalid(String name, String message) {
			return new Invalid(this.prefix + name, message);
		}

		String text(String name, int maxLength, boolean required) {
			JsonNode value = value(name);
			if (value == null) {
				if (required) {
					throw invalid(name, "is required");
				}
				return null;
			}
			if (!value.isString()) {
				throw invalid(name, "must be a string");
			}
			String text = value.stringValue();
			if (required && text.isBlank()) {
				throw invalid(name, "must not be blank");
			}
			if (text.length() > maxLength) {
				throw invalid(name, "must be at most " + maxLength + " characters");
			}
			return text;
		}

		String id(String name, boolean required) {
			String text = text(name, 64, required);
			if (text != null && !ID.matcher(text).matches()) {
				throw invalid(name, "must be 1-64 characters of letters, digits, '_', '.', ':' or '-'");
			}
			return text;
		}

		String oneOf(String name, Set<String> allowed) {
			String text = text(name, 50, false);
			if (text != null && !allowed.contains(text)) {
				throw invalid(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
			}
			return text;
		}

		Integer integer(String name, int min) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isIntegralNumber() || !value.canConvertToInt()) {
				throw invalid(name, "must be an integer");
			}
			int number = value.intValue();
			if (number < min) {
				throw invalid(name, "must be ≥ " + min);
			}
			return number;
		}

		BigDecimal decimal(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isNumber()) {
				throw invalid(name, "must be a number");
			}
			BigDecimal number = value.decimalValue();
			if (number.signum() < 0) {
				throw invalid(name, "must be ≥ 0");
			}
			if (number.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
				throw invalid(name, "must be < 1000000");
			}
			return number;
		}

		Instant instant(String name, boolean required) {
			String text = text(name, 40, required);
			if (text == null) {
				return null;
			}
			Instant instant;
			try {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid(name, "must be an ISO-8601 timestamp with an offset, e.g. 2025-01-31T12:00:00Z");
			}
			if (instant.isAfter(TraceValidator.this.clock.instant().plus(MAX_FUTURE))) {
				throw invalid(name, "must not be more than 1 hour in the future");
			}
			return instant;
		}

		Map<String, Object> object(String name) {
			JsonNode value = value(name);
			if (value == null) {
				return Map.of();
			}
			if (!value.isObject()) {
				throw invalid(name, "must be a JSON object");
			}
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				map.put(entry.getKey(), entry.getValue());
			}
			return map;
		}

	}

}
