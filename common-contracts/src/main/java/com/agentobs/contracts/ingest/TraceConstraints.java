package com.agentobs.contracts.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * What the {@code traces} and {@code spans} tables accept, checked on a trace before it is
 * enqueued: a trace that passes can be written, so a 202 never turns into a failed write.
 * Both ingest paths (native JSON and OTLP) run every mapped trace and span through
 * {@link #check(IngestTrace, Instant)} / {@link #check(IngestSpan, String, Instant)}.
 *
 * <ul>
 * <li>Text (columns, ids, JSONB keys and string values): no NUL (U+0000, refused by
 * PostgreSQL in text and jsonb) and no lone UTF-16 surrogate (not encodable as UTF-8); at
 * most the column's width in characters.</li>
 * <li>Integers fit {@code integer}, also summed: {@code tokens_input + tokens_output}
 * (stored as {@code tokens_total}) and each token sum over the trace's spans (a trace
 * without counts of its own stores those sums).</li>
 * <li>{@code cost_usd} is {@code numeric(12,6)}: below 1,000,000 after rounding to 6
 * decimals, alone and summed over the spans.</li>
 * <li>Timestamps inside [{@code earliest}, now + {@code maxFuture}]: older ones are
 * mistakes, later ones would sit in every "last hour" view.</li>
 * <li>JSONB numbers are finite (NaN and infinities are not JSON).</li>
 * </ul>
 */
public final class TraceConstraints {

	/** Statuses of traces and spans (CHECK constraints). */
	public static final Set<String> STATUSES = Set.of("success", "error", "timeout");

	/** Span types (CHECK constraint). */
	public static final Set<String> SPAN_TYPES = Set.of("llm", "tool", "retrieval", "guardrail", "other");

	/** Longest accepted {@code input}/{@code output}/{@code error} ({@code text} columns), in characters. */
	public static final int MAX_TEXT = 1_000_000;

	/** Exclusive upper bound of a {@code numeric(12,6)} value. */
	public static final BigDecimal MAX_COST_EXCLUSIVE = BigDecimal.valueOf(1_000_000);

	private static final int COST_SCALE = 6;

	private static final int COST_INTEGER_DIGITS = 6;

	/** Largest exponent (either sign) PostgreSQL's numeric input accepts, and most digits we pass to jsonb. */
	private static final int MAX_JSON_NUMBER_EXPONENT = 1000;

	private final Instant earliest;

	private final Duration maxFuture;

	/**
	 * @param earliest the oldest timestamp accepted
	 * @param maxFuture how far past the current time a timestamp may lie (client clock skew)
	 */
	public TraceConstraints(Instant earliest, Duration maxFuture) {
		this.earliest = earliest;
		this.maxFuture = maxFuture;
	}

	/** The first field of this value the store would refuse, by its path ({@code spans[2].attributes.k}). */
	public record Violation(String field, String reason) {
	}

	/** The first violation in the trace, its spans and metadata, or empty when the store accepts all of it. */
	public Optional<Violation> check(IngestTrace trace, Instant now) {
		try {
			checkTrace(trace, now);
			return Optional.empty();
		}
		catch (Refused ex) {
			return Optional.of(ex.violation);
		}
	}

	/** The first violation of one span, its fields prefixed with {@code prefix} (e.g. {@code "spans[3]."}). */
	public Optional<Violation> check(IngestSpan span, String prefix, Instant now) {
		try {
			checkSpan(span, prefix, now);
			return Optional.empty();
		}
		catch (Refused ex) {
			return Optional.of(ex.violation);
		}
	}

	/**
	 * {@code tokens_input + tokens_output}, stored as {@code tokens_total} when the client sent
	 * none; capped at the int range, where {@link #check} refuses the trace.
	 */
	public static Integer tokensTotal(Integer input, Integer output) {
		if (input == null && output == null) {
			return null;
		}
		long sum = (long) nz(input) + nz(output);
		return (int) Math.min(sum, Integer.MAX_VALUE);
	}

	/**
	 * {@code value} rounded as {@code numeric(12,6)} stores it, so that an exponent the
	 * column's input syntax refuses ({@code 1e-5000}) reaches the store as {@code 0.000000};
	 * a value too large for the column is returned as it is, for {@link #check} to refuse.
	 */
	public static BigDecimal storedCost(BigDecimal value) {
		if (value == null || integerDigits(value) > COST_INTEGER_DIGITS) {
			return value;
		}
		return value.setScale(COST_SCALE, RoundingMode.HALF_UP);
	}

	private static int integerDigits(BigDecimal value) {
		return value.precision() - value.scale();
	}

	private void checkTrace(IngestTrace t, Instant now) {
		text("trace_id", t.traceId(), 64, true);
		text("agent_id", t.agentId(), 255, true);
		instant("timestamp", t.timestamp(), now, true);
		text("input", t.input(), MAX_TEXT, false);
		text("output", t.output(), MAX_TEXT, false);
		text("error", t.error(), MAX_TEXT, false);
		nonNegative("latency_ms", t.latencyMs());
		oneOf("status", t.status(), STATUSES);
		text("model", t.model(), 100, false);
		text("model_provider", t.modelProvider(), 50, false);
		nonNegative("tokens_input", t.tokensInput());
		nonNegative("tokens_output", t.tokensOutput());
		nonNegative("tokens_total", t.tokensTotal());
		if ((long) nz(t.tokensInput()) + nz(t.tokensOutput()) > Integer.MAX_VALUE) {
			throw refused("tokens_total", "tokens_input + tokens_output exceed " + Integer.MAX_VALUE
					+ " (the integer column)");
		}
		cost("cost_usd", t.costUsd());
		text("environment", t.environment(), 50, false);
		text("version", t.version(), 50, false);
		text("agent_version", t.agentVersion(), 50, false);
		text("intent_category", t.intentCategory(), 100, false);
		text("user_id", t.userId(), 255, false);
		text("session_id", t.sessionId(), 255, false);
		if (t.sampleRate() != null && t.sampleRate() < 1) {
			throw refused("sample_rate", "must be ≥ 1");
		}
		long tokensIn = 0;
		long tokensOut = 0;
		BigDecimal cost = BigDecimal.ZERO;
		List<IngestSpan> spans = t.spans();
		for (int i = 0; i < spans.size(); i++) {
			IngestSpan span = spans.get(i);
			checkSpan(span, "spans[" + i + "].", now);
			tokensIn += nz(span.tokensInput());
			tokensOut += nz(span.tokensOutput());
			cost = (span.costUsd() != null) ? cost.add(span.costUsd()) : cost;
		}
		if (tokensIn > Integer.MAX_VALUE || tokensOut > Integer.MAX_VALUE || tokensIn + tokensOut > Integer.MAX_VALUE) {
			throw refused("spans", "the spans' token counts sum to more than " + Integer.MAX_VALUE
					+ " (the trace's integer token columns)");
		}
		if (rounded(cost).compareTo(MAX_COST_EXCLUSIVE) >= 0) {
			throw refused("spans", "the spans' cost_usd sum to 1000000 or more (numeric(12,6))");
		}
		json("metadata", t.metadata());
	}

	private void checkSpan(IngestSpan s, String prefix, Instant now) {
		text(prefix + "trace_id", s.traceId(), 64, true);
		text(prefix + "span_id", s.spanId(), 64, true);
		text(prefix + "parent_span_id", s.parentSpanId(), 64, false);
		oneOf(prefix + "span_type", s.spanType(), SPAN_TYPES);
		text(prefix + "name", s.name(), 255, true);
		instant(prefix + "started_at", s.startedAt(), now, true);
		instant(prefix + "ended_at", s.endedAt(), now, false);
		if (s.endedAt() != null && s.endedAt().isBefore(s.startedAt())) {
			throw refused(prefix + "ended_at", "must not be before started_at");
		}
		nonNegative(prefix + "latency_ms", s.latencyMs());
		text(prefix + "model", s.model(), 100, false);
		text(prefix + "model_provider", s.modelProvider(), 50, false);
		nonNegative(prefix + "tokens_input", s.tokensInput());
		nonNegative(prefix + "tokens_output", s.tokensOutput());
		cost(prefix + "cost_usd", s.costUsd());
		oneOf(prefix + "status", s.status(), STATUSES);
		json(prefix + "attributes", s.attributes());
	}

	private static void text(String field, String value, int maxLength, boolean required) {
		if (value == null) {
			if (required) {
				throw refused(field, "is required");
			}
			return;
		}
		String problem = textProblem(value);
		if (problem != null) {
			throw refused(field, problem);
		}
		if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
			throw refused(field, "must be at most " + maxLength + " characters");
		}
	}

	/** Why PostgreSQL would refuse this string, or null: NUL, or a surrogate without its pair. */
	public static String textProblem(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return "must not contain the NUL character (U+0000)";
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must not contain a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
			}
			if (Character.isLowSurrogate(c)) {
				return "must not contain a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
			}
		}
		return null;
	}

	private static void oneOf(String field, String value, Set<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			throw refused(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
		}
	}

	private static void nonNegative(String field, Integer value) {
		if (value != null && value < 0) {
			throw refused(field, "must be ≥ 0");
		}
	}

	private static void cost(String field, BigDecimal value) {
		if (value == null) {
			return;
		}
		if (value.signum() < 0) {
			throw refused(field, "must be ≥ 0");
		}
		if (integerDigits(value) > COST_INTEGER_DIGITS + 1 || rounded(value).compareTo(MAX_COST_EXCLUSIVE) >= 0) {
			throw refused(field, "must be below 1000000 after rounding to 6 decimals (numeric(12,6))");
		}
	}

	private static BigDecimal rounded(BigDecimal value) {
		return value.setScale(COST_SCALE, RoundingMode.HALF_UP);
	}

	private void instant(String field, Instant value, Instant now, boolean required) {
		if (value == null) {
			if (required) {
				throw refused(field, "is required");
			}
			return;
		}
		if (value.isBefore(this.earliest)) {
			throw refused(field, "must not be before " + this.earliest);
		}
		if (value.isAfter(now.plus(this.maxFuture))) {
			throw refused(field, "must not be more than " + this.maxFuture.toMinutes() + " minutes in the future");
		}
	}

	/** A JSONB document: map keys and string values as text, numbers finite; Jackson trees or plain Java values. */
	private static void json(String path, Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String problem = textProblem(key);
				if (problem != null) {
					throw refused(path, "has a key that " + problem);
				}
				json(path + "." + key, entry.getValue());
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				json(path + "[" + i + "]", list.get(i));
			}
		}
		else if (value instanceof JsonNode node) {
			jsonNode(path, node);
		}
		else if (value instanceof String text) {
			String problem = textProblem(text);
			if (problem != null) {
				throw refused(path, problem);
			}
		}
		else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
			throw refused(path, "must be a finite number");
		}
	}

	private static void jsonNode(String path, JsonNode node) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String problem = textProblem(entry.getKey());
				if (problem != null) {
					throw refused(path, "has a key that " + problem);
				}
				jsonNode(path + "." + entry.getKey(), entry.getValue());
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				jsonNode(path + "[" + i + "]", node.get(i));
			}
		}
		else if (node.isString()) {
			String problem = textProblem(node.stringValue());
			if (problem != null) {
				throw refused(path, problem);
			}
		}
		else if (node.isBigDecimal()) {
			BigDecimal number = node.decimalValue();
			if (Math.abs(number.scale()) > MAX_JSON_NUMBER_EXPONENT || number.precision() > MAX_JSON_NUMBER_EXPONENT) {
				throw refused(path, "must be a number with an exponent within ±" + MAX_JSON_NUMBER_EXPONENT);
			}
		}
		else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
			throw refused(path, "must be a finite number");
		}
	}

	private static int nz(Integer value) {
		return (value != null) ? value : 0;
	}

	private static Refused refused(String field, String reason) {
		return new Refused(new Violation(field, reason));
	}

	/** Unwinds the checks at the first violation (no stack trace: it is an answer, not a fault). */
	private static final class Refused extends RuntimeException {

		private final transient Violation violation;

		Refused(Violation violation) {
			super(violation.reason(), null, false, false);
			this.violation = violation;
		}

	}

}
