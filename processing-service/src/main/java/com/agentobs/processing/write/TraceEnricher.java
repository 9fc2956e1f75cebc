package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;

/**
 * Turns one workspace's share of a batch into the rows to store, without I/O: department,
 * environment and version defaults from the agent registry, provider and cost from the price table,
 * the user's segment, and span-derived totals.
 *
 * <p>Rules. A trace id or a (trace id, span id) pair seen twice keeps its first occurrence. A span's
 * provider and cost are its own, else the price table's for its model at its start. A trace that
 * came with neither token counts nor a cost takes {@code tokens_*} and {@code cost_usd} from the sum
 * over the spans that came with it ({@code totals_from_spans}); a trace with its own tokens keeps
 * them (cost from the price table when it sent none). A trace without a model or provider takes
 * those of its earliest span that has one. {@code span_count} is the number of spans that came with
 * it; spans stored before or after are added by the span-totals recompute, which gives the same
 * result whatever the arrival order.
 *
 * <p>Cost. A cost the client sent wins ({@code cost_source = client}); else the price table's, from the
 * token counts by kind ({@code catalog}); else the cost is {@code null} ({@code unknown}), never 0.
 * Cache-read, cache-write and reasoning counts are read from a span's {@value #SPAN_USAGE} attribute
 * and a trace's {@code usage} metadata ({@value #CACHE_READ}, {@value #CACHE_WRITE},
 * {@value #REASONING}), as ingestion normalises them. A trace whose cost is the sum over its spans is
 * {@code client} when every priced span came with its cost, else {@code catalog}.
 *
 * <p>Experiment arm. A trace's {@code experiment_variant_id} is its metadata's {@value #EXPERIMENT_VARIANT}
 * when that is a UUID string, else null.
 */
public final class TraceEnricher {

	static final String SPAN_USAGE = "agentobs.usage";

	public static final String TRACE_USAGE = "usage";

	static final String CACHE_READ = "cache_read_input_tokens";

	static final String CACHE_WRITE = "cache_creation_input_tokens";

	static final String REASONING = "reasoning_output_tokens";

	/** The metadata key under which an agent stamps the experiment arm a trace ran in. */
	static final String EXPERIMENT_VARIANT = "experiment_variant_id";

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	public static final String CLIENT = "client";

	public static final String CATALOG = "catalog";

	public static final String UNKNOWN = "unknown";

	/** A trace as it is inserted. */
	record EnrichedTrace(String traceId, String agentId, Instant timestamp, String input, String output, String error,
			Integer latencyMs, String status, String model, String provider, Integer tokensInput, Integer tokensOutput,
			Integer tokensTotal, BigDecimal costUsd, String costSource, UUID departmentId, String environment, String version,
			String agentVersion, String intentCategory, String userSegment, Integer sampleRate, String userId,
			String sessionId, Map<String, Object> metadata, boolean totalsFromSpans, int spanCount,
			String experimentVariantId) {
	}

	/** A span as it is stored: its provider and cost filled from the price table, and where the cost came from. */
	record PricedSpan(IngestSpan span, String provider, BigDecimal cost) {

		String costSource() {
			return (this.span.costUsd() != null) ? CLIENT : (this.cost != null) ? CATALOG : UNKNOWN;
		}

	}

	/** One workspace's share of a batch, enriched: distinct traces and distinct spans. */
	record Enriched(List<EnrichedTrace> traces, List<PricedSpan> spans) {
	}

	private TraceEnricher() {
	}

	static Enriched enrich(List<IngestTrace> incoming, List<IngestSpan> looseSpans, Map<String, AgentRegistry.Agent> agents,
			Map<String, String> segments, PriceTable prices) {
		Map<String, IngestTrace> traces = new LinkedHashMap<>();
		incoming.forEach((t) -> traces.putIfAbsent(t.traceId(), t));
		Map<String, IngestSpan> unique = new LinkedHashMap<>();
		traces.values().forEach((t) -> t.spans().forEach((s) -> unique.putIfAbsent(t.traceId() + "/" + s.spanId(), s)));
		looseSpans.forEach((s) -> unique.putIfAbsent(s.traceId() + "/" + s.spanId(), s));

		List<PricedSpan> spans = new ArrayList<>(unique.size());
		Map<String, SpanSums> sums = new HashMap<>();
		for (IngestSpan s : unique.values()) {
			PriceTable.Price price = prices.find(s.model(), s.startedAt());
			PricedSpan priced = new PricedSpan(s,
					(s.modelProvider() != null) ? s.modelProvider() : (price != null) ? price.provider() : null,
					(s.costUsd() != null) ? s.costUsd()
							: PriceTable.cost(price, usage(s.tokensInput(), s.tokensOutput(), null, s.attributes().get(SPAN_USAGE))));
			spans.add(priced);
			sums.computeIfAbsent(s.traceId(), (k) -> new SpanSums()).add(priced);
		}
		List<EnrichedTrace> enriched = new ArrayList<>(traces.size());
		for (IngestTrace t : traces.values()) {
			enriched.add(trace(t, agents.get(t.agentId()), segments, prices, sums.get(t.traceId())));
		}
		return new Enriched(enriched, spans);
	}

	private static EnrichedTrace trace(IngestTrace t, AgentRegistry.Agent agent, Map<String, String> segments,
			PriceTable prices, SpanSums sums) {
		PriceTable.Price price = prices.find(t.model(), t.timestamp());
		boolean derived = t.hasNoTokensOfItsOwn() && t.costUsd() == null;
		String model = t.model();
		String provider = (t.modelProvider() != null) ? t.modelProvider() : (price != null) ? price.provider() : null;
		Integer tokensIn = t.tokensInput();
		Integer tokensOut = t.tokensOutput();
		Integer tokensTotal = t.tokensTotal();
		BigDecimal cost = (t.costUsd() != null) ? t.costUsd()
				: derived ? null
						: PriceTable.cost(price, usage(t.tokensInput(), t.tokensOutput(), t.tokensTotal(),
								(t.metadata() != null) ? t.metadata().get(TRACE_USAGE) : null));
		String costSource = (t.costUsd() != null) ? CLIENT : (cost != null) ? CATALOG : UNKNOWN;
		String version = (t.version() != null) ? t.version() : (agent != null) ? agent.version() : null;
		int spanCount = 0;
		if (sums != null) {
			spanCount = sums.count;
			if (derived) {
				tokensIn = sums.tokensInput;
				tokensOut = sums.tokensOutput;
				tokensTotal = sums.tokensInput + sums.tokensOutput;
				cost = sums.cost;
				costSource = (cost == null) ? UNKNOWN : sums.anyCatalog ? CATALOG : CLIENT;
			}
			model = (model != null) ? model : sums.model;
			provider = (provider != null) ? provider : sums.provider;
		}
		return new EnrichedTrace(t.traceId(), t.agentId(), t.timestamp(), t.input(), t.output(), t.error(), t.latencyMs(),
				t.status(), model, provider, tokensIn, tokensOut, tokensTotal, cost, costSource,
				(agent != null) ? agent.departmentId() : null,
				(t.environment() != null) ? t.environment() : (agent != null) ? agent.environment() : null, version,
				(t.agentVersion() != null) ? t.agentVersion() : version, t.intentCategory(),
				(t.userId() != null) ? segments.get(t.userId()) : null, (t.sampleRate() != null) ? t.sampleRate() : 1,
				t.userId(), t.sessionId(), t.metadata(), derived, spanCount, experimentVariant(t.metadata()));
	}

	/**
	 * The experiment arm the agent stamped in a trace's metadata ({@value #EXPERIMENT_VARIANT}), as text; null
	 * for anything but a string that is a UUID (an arm that names no variant is ignored, not refused).
	 */
	static String experimentVariant(Map<String, Object> metadata) {
		Object value = (metadata != null) ? metadata.get(EXPERIMENT_VARIANT) : null;
		return (value instanceof String text && UUID_TEXT.matcher(text).matches()) ? text : null;
	}

	/** Token counts by kind: the counts given, and the cache and reasoning counts of a usage map. */
	public static PriceTable.Usage usage(Integer input, Integer output, Integer total, Object usage) {
		if (!(usage instanceof Map<?, ?> kinds)) {
			return PriceTable.Usage.of(input, output, total);
		}
		return new PriceTable.Usage(input, output, total, count(kinds.get(CACHE_READ)), count(kinds.get(CACHE_WRITE)),
				count(kinds.get(REASONING)));
	}

	private static Integer count(Object value) {
		return (value instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) ? n.intValue()
				: null;
	}

	/** The totals the span-totals recompute would derive from the spans that came with a trace. */
	private static final class SpanSums {

		int count;

		int tokensInput;

		int tokensOutput;

		BigDecimal cost;

		Instant firstModelAt;

		String model;

		Instant firstProviderAt;

		String provider;

		boolean anyCatalog;

		void add(PricedSpan p) {
			IngestSpan s = p.span();
			this.count++;
			this.anyCatalog |= s.costUsd() == null && p.cost() != null;
			this.tokensInput += (s.tokensInput() != null) ? s.tokensInput() : 0;
			this.tokensOutput += (s.tokensOutput() != null) ? s.tokensOutput() : 0;
			if (p.cost() != null) {
				this.cost = (this.cost != null) ? this.cost.add(p.cost()) : p.cost();
			}
			if (s.model() != null && (this.firstModelAt == null || s.startedAt().isBefore(this.firstModelAt))) {
				this.firstModelAt = s.startedAt();
				this.model = s.model();
			}
			if (p.provider() != null
					&& (this.firstProviderAt == null || s.startedAt().isBefore(this.firstProviderAt))) {
				this.firstProviderAt = s.startedAt();
				this.provider = p.provider();
			}
		}

	}

}
