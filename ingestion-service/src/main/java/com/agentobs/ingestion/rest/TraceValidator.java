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
import com.agentobs.contracts.ingest.TraceConstraints;

import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON trace into an {@link IngestTrace}, or names the first field that is wrong
 * ({@code spans[3].started_at}). Hand-written rather than bound by Jackson so that one bad
 * trace in a batch rejects only that trace, with a message per field. This class checks
 * the JSON (types, required fields, id syntax, enumerations); what the store accepts
 * (widths, NUL, ranges, timestamp window) is checked on the result by
 * {@link TraceConstraints}, the rules OTLP traces pass through too.
 */
final class TraceValidator {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

	/** Longest timestamp string parsed; the window is the constraints' business. */
	private static final int MAX_TIMESTAMP_TEXT = 64;

	private final Clock clock;

	private final int maxSpans;

	private final TraceConstraints constraints;

	TraceValidator(Clock clock, int maxSpans, TraceConstraints constraints) {
		this.clock = clock;
		this.maxSpans = maxSpans;
		this.constraints = constraints;
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
		IngestTrace trace = parse(node);
		TraceConstraints.Violation violation = this.constraints.check(trace, this.clock.instant()).orElse(null);
		if (violation != null) {
			throw new Invalid(violation.field(), violation.reason());
		}
		return trace;
	}

	private IngestTrace parse(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new Invalid("trace", "must be a JSON object");
		}
		Fields f = new Fields(node, "");
		String traceId = f.id("trace_id", false);
		if (traceId == null) {
			traceId = "trace_" + UUID.randomUUID().toString().replace("-", "");
		}
		String agentId = f.text("agent_id", true);
		Instant timestamp = f.instant("timestamp", true);
		String error = f.text("error", false);
		String status = f.oneOf("status", TraceConstraints.STATUSES);
		if (status == null) {
			status = (error != null && !error.isBlank()) ? "error" : "success";
		}
		Integer tokensInput = f.integer("tokens_input", 0);
		Integer tokensOutput = f.integer("tokens_output", 0);
		Integer tokensTotal = f.integer("tokens_total", 0);
		if (tokensTotal == null) {
			tokensTotal = TraceConstraints.tokensTotal(tokensInput, tokensOutput);
		}
		String version = f.text("version", false);
		String agentVersion = f.text("agent_version", false);
		Integer sampleRate = f.integer("sample_rate", 1);
		List<IngestSpan> spans = spans(node.get("spans"), traceId);
		return new IngestTrace(traceId, agentId, timestamp, f.text("input", false),
				f.text("output", false), error, f.integer("latency_ms", 0), status,
				f.text("model", false), f.text("model_provider", false), tokensInput, tokensOutput,
				tokensTotal, f.decimal("cost_usd"), f.text("environment", false), version,
				(agentVersion != null) ? agentVersion : version, f.text("intent_category", false),
				f.text("user_id", false), f.text("session_id", false),
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
				Duration took = Duration.between(started, ended);
				latency = (took.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) ? Integer.MAX_VALUE
						: (int) took.toMillis();
			}
			String model = f.text("model", false);
			String type = f.oneOf("span_type", TraceConstraints.SPAN_TYPES);
			if (type == null) {
				type = (model != null) ? "llm" : "other";
			}
			String status = f.oneOf("status", TraceConstraints.STATUSES);
			spans.add(new IngestSpan(traceId, spanId, f.id("parent_span_id", false), type,
					f.text("name", true), started, ended, latency, model, f.text("model_provider", false),
					f.integer("tokens_input", 0), f.integer("tokens_output", 0), f.decimal("cost_usd"),
					(status != null) ? status : "success", f.object("attributes")));
		}
		return spans;
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

		String text(String name, boolean required) {
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
			return text;
		}

		String id(String name, boolean required) {
			String text = text(name, required);
			if (text != null && !ID.matcher(text).matches()) {
				throw invalid(name, "must be 1-64 characters of letters, digits, '_', '.', ':' or '-'");
			}
			return text;
		}

		String oneOf(String name, Set<String> allowed) {
			String text = text(name, false);
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
			if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) {
				throw invalid(name, "must be a finite number");
			}
			BigDecimal number = value.decimalValue();
			if (number.signum() < 0) {
				throw invalid(name, "must be ≥ 0");
			}
			return TraceConstraints.storedCost(number);
		}

		Instant instant(String name, boolean required) {
			String text = text(name, required);
			if (text == null) {
				return null;
			}
			if (text.length() > MAX_TIMESTAMP_TEXT) {
				throw invalid(name, "is not a timestamp");
			}
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid(name, "must be an ISO-8601 timestamp with an offset, e.g. 2025-01-31T12:00:00Z");
			}
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
