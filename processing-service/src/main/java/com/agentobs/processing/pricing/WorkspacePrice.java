package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

/**
 * A workspace's own price, as the API shows it. Prices in USD per 1M tokens ({@code *_per_mtok}); a
 * {@code deployment} (an Azure deployment name) has none of its own and is priced as the catalog entry
 * {@code catalog_model}.
 */
record WorkspacePrice(UUID priceId, String model, String provider, String kind, String catalogModel,
		BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal cacheWritePerMtok,
		BigDecimal reasoningPerMtok, Instant effectiveFrom, String note, Instant createdAt, Instant updatedAt) {

	/** The fields a client sets (create, update), and what an undo restores. */
	record Fields(String model, String provider, String kind, String catalogModel, BigDecimal inputPerMtok,
			BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal cacheWritePerMtok,
			BigDecimal reasoningPerMtok, Instant effectiveFrom, String note) {

		static final List<String> KINDS = List.of("negotiated", "fine_tuned", "self_hosted", "deployment");

		static final Instant DEFAULT_FROM = Instant.parse("2020-01-01T00:00:00Z");

		/** 400 naming the field for a bad value; answers the fields normalised (kind lower case, default date). */
		Fields validated() {
			String m = (this.model != null) ? this.model.strip() : "";
			if (m.isEmpty() || m.length() > 200) {
				throw ApiException.validation("model", "must be 1 to 200 characters");
			}
			if (m.contains(",") || m.chars().anyMatch(Character::isISOControl)) {
				throw ApiException.validation("model", "must not contain commas or control characters");
			}
			String k = (this.kind != null) ? this.kind.strip().toLowerCase(Locale.ROOT) : "negotiated";
			if (!KINDS.contains(k)) {
				throw ApiException.validation("kind", "must be one of " + KINDS, KINDS);
			}
			if (this.provider != null && (this.provider.isBlank() || this.provider.length() > 50)) {
				throw ApiException.validation("provider", "must be 1 to 50 characters when given");
			}
			if (this.note != null && this.note.length() > 1000) {
				throw ApiException.validation("note", "must be at most 1000 characters");
			}
			check("input_per_mtok", this.inputPerMtok);
			check("output_per_mtok", this.outputPerMtok);
			check("cached_input_per_mtok", this.cachedInputPerMtok);
			check("cache_write_per_mtok", this.cacheWritePerMtok);
			check("reasoning_per_mtok", this.reasoningPerMtok);
			if ("deployment".equals(k)) {
				if (this.catalogModel == null || this.catalogModel.isBlank()) {
					throw ApiException.validation("catalog_model", "a deployment names the catalog entry it is priced as");
				}
				if (this.inputPerMtok != null || this.outputPerMtok != null || this.cachedInputPerMtok != null
						|| this.cacheWritePerMtok != null || this.reasoningPerMtok != null) {
					throw ApiException.validation("input_per_mtok",
							"a deployment takes the catalog entry's prices: give no prices of its own");
				}
			}
			else {
				if (this.catalogModel != null) {
					throw ApiException.validation("catalog_model", "only a deployment names a catalog entry");
				}
				if (this.inputPerMtok == null) {
					throw ApiException.validation("input_per_mtok", "is required");
				}
				if (this.outputPerMtok == null) {
					throw ApiException.validation("output_per_mtok", "is required");
				}
			}
			return new Fields(m, (this.provider != null) ? this.provider.strip() : null, k,
					(this.catalogModel != null) ? this.catalogModel.strip() : null, this.inputPerMtok, this.outputPerMtok,
					this.cachedInputPerMtok, this.cacheWritePerMtok, this.reasoningPerMtok,
					(this.effectiveFrom != null) ? this.effectiveFrom : DEFAULT_FROM, this.note);
		}

		private static void check(String field, BigDecimal price) {
			if (price == null) {
				return;
			}
			if (price.signum() < 0) {
				throw ApiException.validation(field, "must not be negative");
			}
			if (price.compareTo(BigDecimal.valueOf(1_000_000)) >= 0 || price.scale() > 9) {
				throw ApiException.validation(field, "must be below 1,000,000 USD per 1M tokens, at most 9 decimals");
			}
		}

	}

	Fields fields() {
		return new Fields(this.model, this.provider, this.kind, this.catalogModel, this.inputPerMtok, this.outputPerMtok,
				this.cachedInputPerMtok, this.cacheWritePerMtok, this.reasoningPerMtok, this.effectiveFrom, this.note);
	}

}
