package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.processing.write.TraceEnricher.Enriched;
import com.agentobs.processing.write.TraceEnricher.EnrichedTrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TraceEnricherTest {

	private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

	private static final UUID SUPPORT = UUID.fromString("00000000-0000-0000-0000-00000000d001");

	/** gpt-4-turbo: $10 per 1M tokens; gpt-4o: $5 in / $15 out per 1M. */
	private static final PriceTable PRICES = new PriceTable(List.of(), List.of(
			PriceTable.Price.catalog("gpt-4-turbo", "openai", "gpt-4-turbo(?:-\\d{4}-\\d{2}-\\d{2})?", T.minusSeconds(86400),
					null, null, null, null, null, new BigDecimal("10")),
			PriceTable.Price.catalog("gpt-4o", "openai", "gpt-4o", T.minusSeconds(86400), new BigDecimal("5"),
					new BigDecimal("15"), null, null, null, new BigDecimal("10"))));

	private static final Map<String, AgentRegistry.Agent> AGENTS = Map.of("support-bot",
			new AgentRegistry.Agent(SUPPORT, "staging", "v3", 0));

	static IngestTrace trace(String id, Integer tokensIn, Integer tokensOut, BigDecimal cost, String model,
			List<IngestSpan> spans) {
		Integer total = (tokensIn != null) ? tokensIn + tokensOut : null;
		return new IngestTrace(id, "support-bot", T, "question", "answer", null, 120, "success", model, null, tokensIn,
				tokensOut, total, cost, null, null, null, "billing", "user-1", "s-1", null, Map.of("k", "v"), spans);
	}

	static IngestSpan span(String traceId, String spanId, int offsetMs, String model, int in, int out) {
		return new IngestSpan(traceId, spanId, null, "llm", "step", T.plusMillis(offsetMs), T.plusMillis(offsetMs + 50), 50,
				model, null, in, out, null, "success", Map.of());
	}

	static Enriched enrich(List<IngestTrace> traces, List<IngestSpan> loose) {
		return TraceEnricher.enrich(traces, loose, AGENTS, Map.of("user-1", "power"), PRICES);
	}

	@Test
	void enrich_takesTokensCostAndModelFromItsSpans_whenTheTraceSentNoTokensOrCost() {
		Enriched batch = enrich(List.of(trace("t", null, null, null, null,
				List.of(span("t", "late", 20, "gpt-4-turbo", 300, 200), span("t", "early", 10, "gpt-4o", 1000, 0)))),
				List.of());

		EnrichedTrace t = batch.traces().get(0);
		assertThat(t.totalsFromSpans()).isTrue();
		assertThat(t.spanCount()).isEqualTo(2);
		assertThat(t.tokensTotal()).isEqualTo(1500);
		// 500 × $10/1M + 1000 × $5/1M
		assertThat(t.costUsd()).isEqualByComparingTo("0.010");
		assertThat(t.model()).as("the earliest span's model").isEqualTo("gpt-4o");
		assertThat(t.provider()).isEqualTo("openai");
	}

	@Test
	void enrich_keepsTheTracesOwnTokens_andPricesThemFromTheTable_whenItSentNoCost() {
		EnrichedTrace t = enrich(List.of(trace("t", 1000, 500, null, "gpt-4-turbo-2024-04-09",
				List.of(span("t", "s", 0, "gpt-4-turbo", 1, 1)))), List.of())
			.traces()
			.get(0);

		assertThat(t.totalsFromSpans()).isFalse();
		assertThat(t.tokensTotal()).isEqualTo(1500);
		// the dated snapshot matches gpt-4-turbo's pattern: 1500 × $10/1M
		assertThat(t.costUsd()).isEqualByComparingTo("0.015");
		assertThat(t.costSource()).isEqualTo("catalog");
		assertThat(t.provider()).isEqualTo("openai");
	}

	@Test
	void enrich_fillsDepartmentEnvironmentVersionAndSegment_fromTheRegistry() {
		EnrichedTrace t = enrich(List.of(trace("t", 1, 1, new BigDecimal("0.5"), null, List.of())), List.of()).traces()
			.get(0);

		assertThat(t.departmentId()).isEqualTo(SUPPORT);
		assertThat(t.environment()).isEqualTo("staging");
		assertThat(t.version()).isEqualTo("v3");
		assertThat(t.agentVersion()).isEqualTo("v3");
		assertThat(t.userSegment()).isEqualTo("power");
		assertThat(t.sampleRate()).isEqualTo(1);
		assertThat(t.costUsd()).isEqualByComparingTo("0.5");
		assertThat(t.costSource()).isEqualTo("client");
	}

	@Test
	void enrich_recordsWhereEachSpansCostCameFrom_soARecomputeNeverReplacesTheClients() {
		IngestSpan client = new IngestSpan("t", "client", null, "llm", "step", T, T.plusMillis(50), 50, "gpt-4o", null,
				1000, 0, new BigDecimal("0.9"), "success", Map.of());
		List<TraceEnricher.PricedSpan> spans = enrich(List.of(trace("t", null, null, null, null,
				List.of(client, span("t", "catalog", 10, "gpt-4o", 1000, 0), span("t", "unknown", 20, "my-model", 10, 0)))),
				List.of())
			.spans();

		assertThat(spans).extracting((p) -> p.span().spanId(), TraceEnricher.PricedSpan::costSource)
			.containsExactly(tuple("client", "client"),
					tuple("catalog", "catalog"),
					tuple("unknown", "unknown"));
		assertThat(spans.get(2).cost()).isNull();
	}

	@Test
	void enrich_leavesTheCostNullAndUnknown_whenNoPriceMatchesTheModel() {
		EnrichedTrace t = enrich(List.of(trace("t", 1000, 500, null, "my-self-hosted-model", List.of())), List.of())
			.traces()
			.get(0);

		assertThat(t.costUsd()).isNull();
		assertThat(t.costSource()).isEqualTo("unknown");
		assertThat(t.provider()).isNull();
	}

	@Test
	void enrich_pricesCachedInputAtItsOwnRate_fromTheUsageAttributesIngestionNormalised() {
		IngestSpan cached = new IngestSpan("t", "s", null, "llm", "step", T, T.plusMillis(50), 50, "gpt-4o", null, 1000,
				0, null, "success", Map.of("agentobs.usage", Map.of("cache_read_input_tokens", 1000)));
		PriceTable withCache = new PriceTable(List.of(), List.of(PriceTable.Price.catalog("gpt-4o", "openai", "gpt-4o",
				T.minusSeconds(86400), new BigDecimal("5"), new BigDecimal("15"), new BigDecimal("1"), null, null, null)));

		Enriched batch = TraceEnricher.enrich(List.of(trace("t", null, null, null, null, List.of(cached))), List.of(),
				AGENTS, Map.of(), withCache);

		// 1000 cached tokens × $1/1M, not × $5/1M
		assertThat(batch.spans().get(0).cost()).isEqualByComparingTo("0.001");
		assertThat(batch.traces().get(0).costUsd()).isEqualByComparingTo("0.001");
		assertThat(batch.traces().get(0).costSource()).isEqualTo("catalog");
	}

	@Test
	void enrich_keepsTheFirstOccurrence_whenATraceOrASpanRepeats() {
		IngestSpan first = span("t", "s", 0, "gpt-4-turbo", 100, 0);
		Enriched batch = enrich(List.of(trace("t", null, null, null, null, List.of(first)),
				trace("t", 9, 9, null, null, List.of())), List.of(span("t", "s", 0, "gpt-4-turbo", 999, 0),
						span("other", "x", 0, null, 0, 0)));

		assertThat(batch.traces()).hasSize(1);
		assertThat(batch.traces().get(0).tokensTotal()).isEqualTo(100);
		assertThat(batch.spans()).extracting((s) -> s.span().traceId() + "/" + s.span().spanId())
			.containsExactly("t/s", "other/x");
		assertThat(batch.spans().get(0).cost()).isEqualByComparingTo("0.001");
	}

	/** The experiment arm is read from the metadata map as the statement read it from the JSON: a UUID string only. */
	@Test
	void experimentVariant_isAUuidStringOfTheMetadata_andNullForAnythingElse() {
		String id = "0b7e6f1c-5d2a-4e8b-9c3f-7a1d2e3f4a5b";
		assertThat(TraceEnricher.experimentVariant(Map.of("experiment_variant_id", id))).isEqualTo(id);
		assertThat(TraceEnricher.experimentVariant(Map.of("experiment_variant_id", id.toUpperCase())))
			.isEqualTo(id.toUpperCase());
		Map<String, Object> nullValue = new HashMap<>();
		nullValue.put("experiment_variant_id", null);
		for (Map<String, Object> metadata : List.of(Map.<String, Object>of(), Map.<String, Object>of("k", id),
				Map.<String, Object>of("experiment_variant_id", "arm-b"),
				Map.<String, Object>of("experiment_variant_id", id + "0"),
				Map.<String, Object>of("experiment_variant_id", " " + id),
				Map.<String, Object>of("experiment_variant_id", 42),
				Map.<String, Object>of("experiment_variant_id", Map.of("id", id)), nullValue)) {
			assertThat(TraceEnricher.experimentVariant(metadata)).as("%s", metadata).isNull();
		}
		assertThat(TraceEnricher.experimentVariant(null)).isNull();
	}

}
