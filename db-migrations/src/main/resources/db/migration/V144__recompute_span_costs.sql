-- The "recompute costs" action re-prices the spans of traces whose totals are their spans' sums
-- (totals_from_spans), then re-sums those traces. A span therefore records where its cost came from, like a
-- trace (client, catalog, unknown), so a client's span cost is never replaced; spans stored before this
-- migration have a NULL source, and a recompute only re-prices those of them that have no cost.
-- Each re-priced span's previous cost is kept, so undoing the action restores exactly those.
-- Rollback: DROP TABLE cost_recompute_span_changes; ALTER TABLE spans DROP COLUMN cost_source;
ALTER TABLE spans ADD COLUMN cost_source VARCHAR(10) CHECK (cost_source IN ('client', 'catalog', 'unknown'));

-- one row per span a recompute changed: what the undo restores (only while the span still has new_cost)
CREATE TABLE cost_recompute_span_changes (
    recompute_id UUID          NOT NULL REFERENCES cost_recomputes (id) ON DELETE CASCADE,
    workspace_id UUID          NOT NULL,
    trace_id     VARCHAR(64)   NOT NULL,
    span_id      VARCHAR(64)   NOT NULL,
    old_cost     NUMERIC(12, 6),
    old_source   VARCHAR(10),
    old_provider VARCHAR(50),
    new_cost     NUMERIC(12, 6),
    new_source   VARCHAR(10),
    PRIMARY KEY (recompute_id, trace_id, span_id)
);
ALTER TABLE cost_recompute_span_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_cost_recompute_span_changes ON cost_recompute_span_changes
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON cost_recompute_span_changes TO ${app_role};
