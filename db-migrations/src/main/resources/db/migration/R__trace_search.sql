-- Functions of full-text trace search (tables: V070). Their current text lives here only. PL/pgSQL, whose
-- bodies are checked when they run, not when they are created: a database migrated only up to an earlier
-- version has no trace_search table yet.

-- Records that every trace committed before p_through is in trace_search, for every workspace (the indexer's
-- watermark is one for all of them; a workspace created later had no trace before it). Never moves a workspace
-- back. Owner's rights: the indexer runs as the application role, which row-level security confines to one
-- workspace. Returns the number of workspaces moved.
CREATE OR REPLACE FUNCTION agentobs_advance_trace_search(p_through TIMESTAMPTZ) RETURNS INTEGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    moved INTEGER;
BEGIN
    INSERT INTO trace_search_progress (workspace_id, indexed_through, updated_at)
    SELECT id, p_through, now() FROM workspaces
    ON CONFLICT (workspace_id) DO UPDATE SET indexed_through = EXCLUDED.indexed_through, updated_at = now()
    WHERE trace_search_progress.indexed_through < EXCLUDED.indexed_through;
    GET DIAGNOSTICS moved = ROW_COUNT;
    RETURN moved;
END
$$;
REVOKE ALL ON FUNCTION agentobs_advance_trace_search(TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_advance_trace_search(TIMESTAMPTZ) TO ${app_role};

-- Copies a workspace's traces in [p_from, p_to) that trace_search lacks: for loads that bypass processing (the
-- seeder's COPY) and for repairs. Returns the number of traces added. Documents it already has are skipped by
-- ON CONFLICT (one key probe each), not by an anti-join: planned from stale statistics, the anti-join read
-- trace_search whole for every trace of a second workspace (7 minutes for 88k traces).
CREATE OR REPLACE FUNCTION agentobs_index_trace_search(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS BIGINT
    LANGUAGE plpgsql AS
$$
DECLARE
    added BIGINT;
BEGIN
    INSERT INTO trace_search (workspace_id, trace_id, timestamp, document)
    SELECT t.workspace_id, t.trace_id, t.timestamp,
           to_tsvector('simple', COALESCE(t.input, '') || ' ' || COALESCE(t.output, ''))
    FROM traces t
    WHERE t.workspace_id = p_workspace_id AND t.timestamp >= p_from AND t.timestamp < p_to
    ON CONFLICT (workspace_id, trace_id) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;
