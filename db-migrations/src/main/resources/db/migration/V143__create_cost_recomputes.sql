-- Cost recomputes: the "recompute costs" action re-prices one model's traces in a window (only the unknown
-- ones, or every one not priced by the client), page by page in the background, then rebuilds the window's
-- rollups. Each changed trace's previous cost is kept, so undoing the action restores exactly those.
-- Rollback: DROP TABLE cost_recompute_changes; DROP TABLE cost_recomputes;

CREATE TABLE cost_recomputes (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action_id        UUID,
    model            VARCHAR(200) NOT NULL,
    window_from      TIMESTAMPTZ  NOT NULL,
    window_to        TIMESTAMPTZ  NOT NULL,
    scope            VARCHAR(10)  NOT NULL CHECK (scope IN ('unknown', 'all')),
    -- queued -> running -> done | failed; rolled_back by the undo (which also stops a running one)
    status           VARCHAR(20)  NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'rolled_back')),
    total_traces     BIGINT       NOT NULL DEFAULT 0,
    processed_traces BIGINT       NOT NULL DEFAULT 0,
    changed_traces   BIGINT       NOT NULL DEFAULT 0,
    -- the summed cost of the changed traces before and after
    cost_before_usd  NUMERIC(18, 6) NOT NULL DEFAULT 0,
    cost_after_usd   NUMERIC(18, 6) NOT NULL DEFAULT 0,
    cursor_timestamp TIMESTAMPTZ,
    cursor_trace_id  VARCHAR(64),
    lease_holder     VARCHAR(100),
    leased_until     TIMESTAMPTZ,
    error            TEXT,
    created_by       UUID,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    CHECK (window_from < window_to)
);
CREATE INDEX idx_cost_recomputes_workspace ON cost_recomputes (workspace_id, created_at DESC);
CREATE INDEX idx_cost_recomputes_active ON cost_recomputes (created_at) WHERE status IN ('queued', 'running');

-- one row per trace the recompute changed: what the undo restores (only while the trace still has new_cost)
CREATE TABLE cost_recompute_changes (
    recompute_id UUID          NOT NULL REFERENCES cost_recomputes (id) ON DELETE CASCADE,
    workspace_id UUID          NOT NULL,
    trace_id     VARCHAR(64)   NOT NULL,
    timestamp    TIMESTAMPTZ   NOT NULL,
    old_cost     NUMERIC(12, 6),
    old_source   VARCHAR(10),
    old_provider VARCHAR(50),
    new_cost     NUMERIC(12, 6),
    new_source   VARCHAR(10),
    PRIMARY KEY (recompute_id, trace_id)
);

ALTER TABLE cost_recomputes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_cost_recomputes ON cost_recomputes
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
ALTER TABLE cost_recompute_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_cost_recompute_changes ON cost_recompute_changes
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON cost_recomputes, cost_recompute_changes TO ${app_role};
