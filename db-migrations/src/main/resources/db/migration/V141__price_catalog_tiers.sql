-- Tiered prices: some vendors charge every token of a request at a higher rate once its input (prompt,
-- cached parts included) is above a threshold (Gemini 2.5 Pro and Claude Sonnet 4.5 above 200k tokens).
-- NULL tier_input_tokens: the entry has no tier. Prices per 1M tokens, like the base prices.
-- Rollback: ALTER TABLE price_catalog DROP COLUMN tier_input_tokens, DROP COLUMN input_tier_per_1m_usd,
--           DROP COLUMN output_tier_per_1m_usd, DROP COLUMN cached_input_tier_per_1m_usd,
--           DROP COLUMN cache_write_tier_per_1m_usd;

ALTER TABLE price_catalog
    ADD COLUMN tier_input_tokens            INTEGER CHECK (tier_input_tokens > 0),
    ADD COLUMN input_tier_per_1m_usd        NUMERIC(18, 9),
    ADD COLUMN output_tier_per_1m_usd       NUMERIC(18, 9),
    ADD COLUMN cached_input_tier_per_1m_usd NUMERIC(18, 9),
    ADD COLUMN cache_write_tier_per_1m_usd  NUMERIC(18, 9),
    ADD CHECK (tier_input_tokens IS NULL OR (input_tier_per_1m_usd IS NOT NULL AND output_tier_per_1m_usd IS NOT NULL));
