-- Full-text search over a trace's input and output lives in its own table, filled behind the write path by
-- processing's search indexer, instead of a GIN index on traces that every insert pays for. A trace is
-- searchable once the indexer has copied its document here; trace_search_progress says up to when that holds.
--
-- document: to_tsvector('simple', COALESCE(input, '') || ' ' || COALESCE(output, '')) of the trace. The 'simple'
-- configuration has no stemming or stop words, so ids, codes and product names match as typed. A trace's input
-- and output never change once stored, so a row is written once and never updated.
CREATE TABLE trace_search (
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    trace_id     TEXT        NOT NULL,
    timestamp    TIMESTAMPTZ NOT NULL,
    document     TSVECTOR    NOT NULL,
    PRIMARY KEY (workspace_id, trace_id)
);
CREATE INDEX idx_trace_search_document_gin ON trace_search USING GIN (document);

-- Per workspace: every trace committed before indexed_through is in trace_search.
CREATE TABLE trace_search_progress (
    workspace_id    UUID PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    indexed_through TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE trace_search ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_trace_search ON trace_search
    USING (workspace_id = agentobs_current_workspace()) WITH CHECK (workspace_id = agentobs_current_workspace());
ALTER TABLE trace_search_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_trace_search_progress ON trace_search_progress
    USING (workspace_id = agentobs_current_workspace()) WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON trace_search, trace_search_progress TO ${app_role};

-- Backfill: every trace this transaction sees. now() is the transaction's start, before its snapshot, so every
-- trace committed before it is copied.
INSERT INTO trace_search (workspace_id, trace_id, timestamp, document)
SELECT workspace_id, trace_id, timestamp, to_tsvector('simple', COALESCE(input, '') || ' ' || COALESCE(output, ''))
FROM traces
ON CONFLICT (workspace_id, trace_id) DO NOTHING;
INSERT INTO trace_search_progress (workspace_id, indexed_through)
SELECT id, now() FROM workspaces;

-- Searches read trace_search now; the index on traces only cost inserts.
DROP INDEX IF EXISTS idx_traces_input_output_fts_gin;
