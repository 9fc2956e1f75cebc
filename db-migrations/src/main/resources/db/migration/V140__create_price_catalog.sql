-- The platform price catalog (per 1M tokens, by token kind, effective-dated, with each price's source) and
-- where a trace's cost came from. The catalog's rows are data: the Java repeatable migration R__Price_catalog
-- replaces them from pricing/catalog.csv whenever that file changes, so a price change is a change to the file.
-- Workspace prices stay in model_prices (workspace_id set), which processing reads before the catalog.
-- Rollback: DROP TABLE price_catalog; ALTER TABLE traces DROP COLUMN cost_source;

CREATE TABLE price_catalog (
    model                  VARCHAR(100)   NOT NULL,
    provider               VARCHAR(50)    NOT NULL,
    -- a Java regular expression matched against the whole model id, case-insensitively
    match_pattern          TEXT           NOT NULL,
    effective_from         DATE           NOT NULL,
    input_per_1m_usd       NUMERIC(18, 9),
    output_per_1m_usd      NUMERIC(18, 9),
    cached_input_per_1m_usd NUMERIC(18, 9),
    cache_write_per_1m_usd NUMERIC(18, 9),
    reasoning_per_1m_usd   NUMERIC(18, 9),
    -- one price for every token, for rows that do not split input and output
    total_per_1m_usd       NUMERIC(18, 9),
    source_url             TEXT           NOT NULL,
    source_date            DATE           NOT NULL,
    -- the row's line in the seed file: entries are tried in this order
    position               INTEGER        NOT NULL,
    PRIMARY KEY (model, effective_from),
    CHECK ((input_per_1m_usd IS NOT NULL AND output_per_1m_usd IS NOT NULL) OR total_per_1m_usd IS NOT NULL)
);

-- client: sent with the trace; catalog: priced from the catalog or a workspace price; unknown: no price (cost NULL).
-- NULL on rows written before this column existed.
ALTER TABLE traces ADD COLUMN cost_source VARCHAR(10) CHECK (cost_source IN ('client', 'catalog', 'unknown'));

GRANT SELECT ON price_catalog TO ${app_role};
