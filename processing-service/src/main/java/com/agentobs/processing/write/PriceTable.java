package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The model price rows visible to one workspace (its own first, then the platform
 * defaults), read once per cache period. A model matches exactly, else by the longest
 * price-table model that prefixes it ({@code gpt-4-turbo-2024-04-09} → {@code gpt-4-turbo}).
 */
final class PriceTable {

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	record Price(UUID workspaceId, String model, String provider, BigDecimal per1k, BigDecimal per1kInput,
			BigDecimal per1kOutput, Instant effectiveFrom) {
	}

	private final List<Price> prices;

	PriceTable(List<Price> prices) {
		// workspace rows before defaults, newest first: the first match wins
		this.prices = prices.stream()
			.sorted(Comparator.comparing((Price p) -> p.workspaceId() == null)
				.thenComparing(Price::effectiveFrom, Comparator.reverseOrder()))
			.toList();
	}

	Price find(String model, Instant at) {
		if (model == null) {
			return null;
		}
		String key = model.toLowerCase();
		Price best = null;
		for (Price p : this.prices) {
			if (p.effectiveFrom().isAfter(at)) {
				continue;
			}
			String candidate = p.model().toLowerCase();
			if (candidate.equals(key)) {
				return p;
			}
			if (key.startsWith(candidate) && (best == null || candidate.length() > best.model().length())) {
				best = p;
			}
		}
		return best;
	}

	/**
	 * Cost in USD: input/output prices when the row has them and the counts are known,
	 * else total tokens / 1000 × the per-1k price; {@code null} when nothing is known.
	 */
	static BigDecimal cost(Price price, Integer tokensInput, Integer tokensOutput, Integer tokensTotal) {
		if (price == null) {
			return null;
		}
		if (price.per1kInput() != null && price.per1kOutput() != null && (tokensInput != null || tokensOutput != null)) {
			BigDecimal in = BigDecimal.valueOf(nz(tokensInput)).multiply(price.per1kInput());
			BigDecimal out = BigDecimal.valueOf(nz(tokensOutput)).multiply(price.per1kOutput());
			return in.add(out).divide(THOUSAND, 6, RoundingMode.HALF_UP);
		}
		Integer total = (tokensTotal != null) ? tokensTotal
				: (tokensInput != null || tokensOutput != null) ? nz(tokensInput) + nz(tokensOutput) : null;
		if (total == null) {
			return null;
		}
		return BigDecimal.valueOf(total).multiply(price.per1k()).divide(THOUSAND, 6, RoundingMode.HALF_UP);
	}

	private static int nz(Integer value) {
		return (value != null) ? value : 0;
	}

}
