package com.agentobs.contracts.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceConstraintsTest {

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final TraceConstraints CONSTRAINTS = new TraceConstraints(Instant.parse("2000-01-01T00:00:00Z"),
			Duration.ofMinutes(15));

	static IngestSpan span(String name, Integer tokensIn, BigDecimal cost, Map<String, Object> attributes) {
		return new IngestSpan("t-1", "s-" + name.length() + "-" + Math.abs(name.hashCode()), null, "llm", name, NOW.minusSeconds(5), NOW, 5000, "gpt-4",
				"openai", tokensIn, 1, cost, "success", attributes);
	}

	static IngestTrace trace(UnaryOperator<Object[]> change) {
		Object[] f = { "t-1", "agent-1", NOW.minusSeconds(5), "in \uD83D\uDE00", "out", null, 5000, "success", "gpt-4",
				"openai", 10, 5, 15, new BigDecimal("0.5"), "production", "v1", "v1", null, "u-1", null, 1,
				Map.of("k", "v"), List.of(span("llm", 10, new BigDecimal("0.1"), Map.of("a", 1))) };
		f = change.apply(f);
		@SuppressWarnings("unchecked")
		IngestTrace t = new IngestTrace((String) f[0], (String) f[1], (Instant) f[2], (String) f[3], (String) f[4],
				(String) f[5], (Integer) f[6], (String) f[7], (String) f[8], (String) f[9], (Integer) f[10],
				(Integer) f[11], (Integer) f[12], (BigDecimal) f[13], (String) f[14], (String) f[15], (String) f[16],
				(String) f[17], (String) f[18], (String) f[19], (Integer) f[20], (Map<String, Object>) f[21],
				(List<IngestSpan>) f[22]);
		return t;
	}

	static UnaryOperator<Object[]> set(int index, Object value) {
		return (f) -> {
			f[index] = value;
			return f;
		};
	}

	static String field(IngestTrace trace) {
		return CONSTRAINTS.check(trace, NOW).map(TraceConstraints.Violation::field).orElse(null);
	}

	@Test
	void check_acceptsATraceAtTheColumnsLimits() {
		assertThat(field(trace((f) -> f))).isNull();
		assertThat(field(trace(set(1, "\uD83D\uDE00".repeat(255))))).isNull();
		assertThat(field(trace(set(13, new BigDecimal("999999.9999994"))))).isNull();
		assertThat(field(trace(set(2, Instant.parse("2000-01-01T00:00:00Z"))))).isNull();
		assertThat(field(trace(set(2, NOW.plus(Duration.ofMinutes(15)))))).isNull();
		assertThat(field(trace((f) -> {
			f[10] = Integer.MAX_VALUE - 5;
			f[11] = 5;
			return f;
		}))).isNull();
	}

	@Test
	void check_namesTheField_whenTheStoreWouldRefuseIt() {
		assertThat(field(trace(set(3, "a\u0000b")))).isEqualTo("input");
		assertThat(field(trace(set(4, "lone \uD800 high")))).isEqualTo("output");
		assertThat(field(trace(set(8, "x\uDC00")))).isEqualTo("model");
		assertThat(field(trace(set(1, "a".repeat(256))))).isEqualTo("agent_id");
		assertThat(field(trace(set(13, new BigDecimal("999999.9999995"))))).isEqualTo("cost_usd");
		assertThat(field(trace(set(13, new BigDecimal("999999.999999999"))))).isEqualTo("cost_usd");
		assertThat(field(trace(set(13, new BigDecimal("1e1000000"))))).isEqualTo("cost_usd");
		assertThat(field(trace((f) -> {
			f[10] = Integer.MAX_VALUE;
			f[11] = Integer.MAX_VALUE;
			return f;
		}))).isEqualTo("tokens_total");
		assertThat(field(trace(set(2, Instant.parse("0001-01-01T00:00:00Z"))))).isEqualTo("timestamp");
		assertThat(field(trace(set(2, NOW.plus(Duration.ofMinutes(16)))))).isEqualTo("timestamp");
		assertThat(field(trace(set(21, Map.of("channel", "we\u0000b"))))).isEqualTo("metadata.channel");
		assertThat(field(trace(set(21, Map.of("ke\u0000y", "v"))))).isEqualTo("metadata");
		assertThat(field(trace(set(21, Map.of("nested", List.of(Map.of("x", Double.NaN))))))).isEqualTo(
				"metadata.nested[0].x");
		assertThat(field(trace(set(22, List.of(span("a\u0000", 1, null, Map.of())))))).isEqualTo("spans[0].name");
		assertThat(field(trace(set(22, List.of(span("a", 1, null, Map.of("gen_ai.prompt", "\uDFFF")))))))
			.isEqualTo("spans[0].attributes.gen_ai.prompt");
		assertThat(field(trace(set(22, List.of(span("a", Integer.MAX_VALUE, null, Map.of()),
				span("b", 1, null, Map.of())))))).isEqualTo("spans");
		assertThat(field(trace(set(22, List.of(span("a", 1, new BigDecimal("600000"), Map.of()),
				span("b", 1, new BigDecimal("400000"), Map.of())))))).isEqualTo("spans");
	}

	static final BigDecimal ONE_E9 = new BigDecimal("1e9");

	@Test
	void storedCost_roundsAsTheColumnDoes_andLeavesTooLargeValuesToTheCheck() {
		assertThat(TraceConstraints.storedCost(new BigDecimal("1e-5000"))).hasToString("0.000000");
		assertThat(TraceConstraints.storedCost(new BigDecimal("0.0000005"))).hasToString("0.000001");
		assertThat(TraceConstraints.storedCost(ONE_E9)).isSameAs(ONE_E9);
	}

	@Test
	void tokensTotal_capsAtTheIntRange_soTheCheckCanRefuseIt() {
		assertThat(TraceConstraints.tokensTotal(null, null)).isNull();
		assertThat(TraceConstraints.tokensTotal(3, null)).isEqualTo(3);
		assertThat(TraceConstraints.tokensTotal(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
	}

}
