-- Quality backfills: an evaluator rule run over the traces of a past window, resumable from a
-- cursor, rate-bounded, and cancellable. Every evaluation it writes names it (evaluations.backfill_id),
-- so undoing the backfill removes exactly its rows (a rerun writes no duplicate: the unique result
-- constraint of V100 holds).
-- Rollback: ALTER TABLE evaluations DROP COLUMN backfill_id; DROP TABLE evaluation_backfills;

CREATE TABLE evaluation_backfills (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rule_id          UUID        NOT NULL REFERENCES evaluator_rules (id) ON DELETE CASCADE,
    window_from      TIMESTAMPTZ NOT NULL,
    window_to        TIMESTAMPTZ NOT NULL,
    -- queued -> running -> done; cancelled (resumable: back to queued); failed (with error)
    status           VARCHAR(20) NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed')),
    -- traces scanned per second at most (the worker sleeps to stay under it)
    rate_per_second  INTEGER     NOT NULL DEFAULT 200 CHECK (rate_per_second BETWEEN 1 AND 10000),
    -- traces in the window when it started; scanned so far; evaluations actually inserted
    total_traces     BIGINT      NOT NULL DEFAULT 0,
    processed_traces BIGINT      NOT NULL DEFAULT 0,
    written_count    BIGINT      NOT NULL DEFAULT 0,
    -- the last trace scanned, in (timestamp, trace_id) order: where a resumed run continues
    cursor_timestamp TIMESTAMPTZ,
    cursor_trace_id  VARCHAR(64),
    -- the worker holding it; another worker may take it once the lease has passed
    lease_holder     VARCHAR(100),
    leased_until     TIMESTAMPTZ,
    error            TEXT,
    created_by       UUID,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CHECK (window_from < window_to)
);
CREATE INDEX idx_evaluation_backfills_workspace ON evaluation_backfills (workspace_id, created_at DESC);
CREATE INDEX idx_evaluation_backfills_active ON evaluation_backfills (created_at)
    WHERE status IN ('queued', 'running');

ALTER TABLE evaluations ADD COLUMN backfill_id UUID REFERENCES evaluation_backfills (id) ON DELETE SET NULL;
CREATE INDEX idx_evaluations_backfill ON evaluations (backfill_id) WHERE backfill_id IS NOT NULL;

ALTER TABLE evaluation_backfills ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_evaluation_backfills ON evaluation_backfills
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON evaluation_backfills TO ${app_role};
