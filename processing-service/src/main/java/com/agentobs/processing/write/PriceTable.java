package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The prices one workspace sees: its own ({@code model_prices} rows of the workspace) first, then the
 * platform catalog ({@code price_catalog}). Pure, so that the matching and cost rules are unit-tested.
 *
 * <p>Matching. An entry matches a model id only when its pattern matches the whole id, ignoring case:
 * no prefix or substring matching, so {@code gpt-4o} can never take {@code gpt-4}'s price. Dated
 * snapshots, {@code -latest} aliases, provider prefixes ({@code openai/}, {@code models/}) and Bedrock
 * ids with region prefixes are spelled out in each catalog entry's pattern. A workspace price matches
 * its model name exactly, optionally behind one provider prefix ({@code azure/my-deployment}). Of the
 * rows of the matching entry, the one with the latest {@code effective_from} not after the trace's time
 * applies. Workspace prices win over the catalog; among catalog entries the first in catalog order wins.
 *
 * <p>Cost by token kind, per 1M tokens, in USD rounded half-up to the micro-dollar. Input counts
 * include cached-read and cache-write tokens and output counts include reasoning tokens (the GenAI
 * semantic conventions and OpenAI count them so), so those are priced at their own rates and the rest
 * of the input and output at the input and output rates; a kind without its own rate takes the input
 * rate (cache read, cache write) or the output rate (reasoning). A count larger than the total it is
 * part of (clients that count Anthropic's way, with cache tokens outside the input) leaves the rest at
 * zero, never negative. An entry with a tier prices every token of a request whose input (cached parts
 * included) is above the tier's threshold at the tier's rates. An entry with one price for every token
 * prices the total. No price, or no
 * count a price applies to, gives {@code null}: unknown is never 0.
 */
public final class PriceTable {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	/** Ids remembered per table (rebuilt every cache period); ids beyond are matched on every call. */
	private static final int MAX_MATCHED_IDS = 10_000;

	/**
	 * One priced entry; prices per 1M tokens, {@code null} where the entry has none of that kind; {@code tier}
	 * the prices of a request whose input is above a threshold, or {@code null}.
	 */
	public record Price(String model, String provider, Pattern pattern, Instant effectiveFrom, BigDecimal input,
			BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal reasoning, BigDecimal total,
			Tier tier) {

		static Price catalog(String model, String provider, String pattern, Instant effectiveFrom, BigDecimal input,
				BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal reasoning,
				BigDecimal total) {
			return catalog(model, provider, pattern, effectiveFrom, input, output, cachedInput, cacheWrite, reasoning,
					total, null);
		}

		static Price catalog(String model, String provider, String pattern, Instant effectiveFrom, BigDecimal input,
				BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal reasoning,
				BigDecimal total, Tier tier) {
			return new Price(model, provider, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), effectiveFrom, input,
					output, cachedInput, cacheWrite, reasoning, total, tier);
		}

		/** A workspace's {@code model_prices} row (per 1k tokens), matched by its exact model name. */
		static Price workspace(String model, String provider, BigDecimal per1k, BigDecimal per1kInput,
				BigDecimal per1kOutput, Instant effectiveFrom) {
			return new Price(model, provider, exactly(model), effectiveFrom, per1m(per1kInput), per1m(per1kOutput), null,
					null, null, per1m(per1k), null);
		}

		/** The model name itself, optionally behind one provider prefix ({@code azure/my-deployment}). */
		static Pattern exactly(String model) {
			return Pattern.compile("(?:[^/]+/)?" + Pattern.quote(model), Pattern.CASE_INSENSITIVE);
		}

		private static BigDecimal per1m(BigDecimal per1k) {
			return (per1k != null) ? per1k.multiply(THOUSAND) : null;
		}

	}

	/**
	 * Prices (per 1M tokens) of every token of a request whose input count, cached parts included, is above
	 * {@code inputTokens}: the vendors' "cliff" rule (all tokens, not only those above). A kind without its own
	 * tier price takes the tier's input (cache read, cache write) or output (reasoning) price.
	 */
	public record Tier(int inputTokens, BigDecimal input, BigDecimal output, BigDecimal cachedInput,
			BigDecimal cacheWrite) {
	}

	/** Token counts of one trace or span by kind; any may be {@code null} (not reported). */
	public record Usage(Integer input, Integer output, Integer total, Integer cacheRead, Integer cacheWrite,
			Integer reasoning) {

		public static Usage of(Integer input, Integer output, Integer total) {
			return new Usage(input, output, total, null, null, null);
		}

	}

	private final List<Price> workspace;

	private final List<Price> catalog;

	/** Per model id, the rows of the entries that match it; an id is matched once per table. */
	private final Map<String, Match> matched = new ConcurrentHashMap<>();

	/** The rows of the workspace entry and of the catalog entry that match one id (empty: none). */
	private record Match(List<Price> own, List<Price> catalog) {
	}

	PriceTable(List<Price> workspace, List<Price> catalog) {
		this.workspace = List.copyOf(workspace);
		this.catalog = List.copyOf(catalog);
	}

	/** The price that applies to {@code model} at {@code at}, or {@code null}. */
	public Price find(String model, Instant at) {
		if (model == null) {
			return null;
		}
		String id = model.strip();
		Match match = this.matched.get(id);
		if (match == null) {
			match = new Match(rows(this.workspace, id), rows(this.catalog, id));
			if (this.matched.size() < MAX_MATCHED_IDS) {
				this.matched.put(id, match);
			}
		}
		Price own = latest(match.own(), at);
		return (own != null) ? own : latest(match.catalog(), at);
	}

	/** The row with the latest {@code effective_from} not after {@code at}. */
	private static Price latest(List<Price> rows, Instant at) {
		Price best = null;
		for (Price p : rows) {
			if (!p.effectiveFrom().isAfter(at) && (best == null || p.effectiveFrom().isAfter(best.effectiveFrom()))) {
				best = p;
			}
		}
		return best;
	}

	/** The rows of the first entry (by model name) whose pattern matches {@code id}. */
	private static List<Price> rows(List<Price> prices, String id) {
		List<Price> rows = new ArrayList<>();
		String entry = null;
		for (Price p : prices) {
			if ((entry == null || entry.equals(p.model())) && p.pattern().matcher(id).matches()) {
				entry = p.model();
				rows.add(p);
			}
		}
		return rows;
	}

	/** Cost in USD by the rules in the class comment; {@code null} when unknown. */
	public static BigDecimal cost(Price price, Usage usage) {
		if (price == null) {
			return null;
		}
		if (price.input() != null && price.output() != null && (usage.input() != null || usage.output() != null)) {
			long cacheRead = nz(usage.cacheRead());
			long cacheWrite = nz(usage.cacheWrite());
			long reasoning = nz(usage.reasoning());
			long plainInput = Math.max(0, nz(usage.input()) - cacheRead - cacheWrite);
			long plainOutput = Math.max(0, nz(usage.output()) - reasoning);
			Tier tier = price.tier();
			boolean above = tier != null && Math.max(nz(usage.input()), plainInput + cacheRead + cacheWrite) > tier.inputTokens();
			BigDecimal in = above ? tier.input() : price.input();
			BigDecimal out = above ? tier.output() : price.output();
			BigDecimal cached = above ? or(tier.cachedInput(), tier.input()) : or(price.cachedInput(), price.input());
			BigDecimal written = above ? or(tier.cacheWrite(), tier.input()) : or(price.cacheWrite(), price.input());
			BigDecimal reasoned = above ? tier.output() : or(price.reasoning(), price.output());
			BigDecimal sum = times(plainInput, in)
				.add(times(cacheRead, cached))
				.add(times(cacheWrite, written))
				.add(times(plainOutput, out))
				.add(times(reasoning, reasoned));
			return sum.divide(MILLION, 6, RoundingMode.HALF_UP);
		}
		if (price.total() == null) {
			return null;
		}
		Integer total = (usage.total() != null) ? usage.total()
				: (usage.input() != null || usage.output() != null) ? nz(usage.input()) + nz(usage.output()) : null;
		if (total == null) {
			return null;
		}
		return times(total, price.total()).divide(MILLION, 6, RoundingMode.HALF_UP);
	}

	private static BigDecimal times(long tokens, BigDecimal per1m) {
		return BigDecimal.valueOf(tokens).multiply(per1m);
	}

	private static BigDecimal or(BigDecimal own, BigDecimal fallback) {
		return (own != null) ? own : fallback;
	}

	private static int nz(Integer value) {
		return (value != null) ? value : 0;
	}

}
