-- Workspace prices: a workspace's own price for a model id (a negotiated rate, a fine-tuned or self-hosted
-- model), or an Azure deployment name priced as a catalog entry. Processing reads them before the catalog;
-- every change is an action (price.create/update/delete: audited, undoable).
-- Rollback: DROP TABLE workspace_prices;

CREATE TABLE workspace_prices (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id            UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- the model id as clients send it (or the deployment name), matched whole, ignoring case, optionally behind
    -- one provider prefix; when it names a catalog entry the price also covers every id of that entry
    model                   VARCHAR(200)   NOT NULL,
    provider                VARCHAR(50),
    kind                    VARCHAR(20)    NOT NULL
        CHECK (kind IN ('negotiated', 'fine_tuned', 'self_hosted', 'deployment')),
    -- deployment: the catalog entry whose prices apply (the row's own prices stay NULL)
    catalog_model           VARCHAR(100),
    input_per_1m_usd        NUMERIC(18, 9) CHECK (input_per_1m_usd >= 0),
    output_per_1m_usd       NUMERIC(18, 9) CHECK (output_per_1m_usd >= 0),
    cached_input_per_1m_usd NUMERIC(18, 9) CHECK (cached_input_per_1m_usd >= 0),
    cache_write_per_1m_usd  NUMERIC(18, 9) CHECK (cache_write_per_1m_usd >= 0),
    reasoning_per_1m_usd    NUMERIC(18, 9) CHECK (reasoning_per_1m_usd >= 0),
    effective_from          TIMESTAMPTZ    NOT NULL DEFAULT '2020-01-01T00:00:00Z',
    note                    TEXT,
    created_by              UUID,
    created_at              TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CHECK ((kind = 'deployment' AND catalog_model IS NOT NULL)
        OR (kind <> 'deployment' AND input_per_1m_usd IS NOT NULL AND output_per_1m_usd IS NOT NULL))
);
CREATE UNIQUE INDEX uq_workspace_prices_model ON workspace_prices (workspace_id, lower(model), effective_from);

ALTER TABLE workspace_prices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_workspace_prices ON workspace_prices
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_prices TO ${app_role};
