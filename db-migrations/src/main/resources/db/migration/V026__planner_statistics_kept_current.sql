-- Planner statistics that follow the write path whether or not autovacuum runs, and the per-batch
-- additions' row addresses looked up once.
--
-- A table that has never been analysed is planned with its indexes' creation-time sizes: every btree
-- looks one page big, so a probe by (workspace_id, trace_id) costs the same through traces_pkey as
-- through idx_traces_workspace_agent_timestamp, and the tie went to the latter. Each probe then read the
-- whole workspace: agentobs_trace_tids took 3 s for 2,000 ids at 6,000 traces, and a batch's outer
-- statement, planned as a sequential scan, evaluated it once per row (41,203 calls for 11 statements).
-- A fresh installation under load stalled that way (6,200 traces stored in 3.5 minutes, batches
-- reclaimed by the other consumer mid-flight) until the first ANALYZE: with autovacuum off, never; with
-- it on, up to a naptime later at full ingest rate. One ANALYZE at 1,000 rows gives the planner the
-- right plan (traces_pkey, rows = 1).
--
--   agentobs_analyze_planned       ANALYZE of one table on the columns whose statistics inform plans: every
--                                  column except arrays, text, json and jsonb (payloads and histograms; they
--                                  and the full-text expression index are most of an ANALYZE's cost: 1.9 s of
--                                  traces at 84k rows, against 0.13 s for these columns). The seeder calls it
--                                  for every table it wrote.
--   agentobs_analyze_stale_tables  agentobs_analyze_planned of every public table whose live rows have
--                                  doubled or halved (by at least 1,000 rows) since the planner's row count
--                                  (pg_class.reltuples, -1 = never analysed). Between analyses the planner
--                                  scales its estimates with the table's current size, so doubling keeps the
--                                  analyses O(log rows) in all: at autovacuum's 10 % rule, ANALYZE of traces
--                                  took 1-1.8 s every ~7 s in the sustained ingest benchmark. On the size,
--                                  not n_mod_since_analyze, which an ANALYZE with a column list leaves as it
--                                  was. Processing calls it before each rollup pass. SECURITY DEFINER:
--                                  ANALYZE needs the tables' owner; it only updates statistics.

CREATE FUNCTION agentobs_analyze_planned(p_table REGCLASS) RETURNS VOID
    LANGUAGE plpgsql AS
$$
DECLARE
    v_columns TEXT;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_columns
    FROM pg_attribute a
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
      AND t.typcategory <> 'A' AND t.typname NOT IN ('text', 'json', 'jsonb');
    EXECUTE format('ANALYZE %s%s', p_table, CASE WHEN v_columns IS NULL THEN '' ELSE ' (' || v_columns || ')' END);
END
$$;

REVOKE ALL ON FUNCTION agentobs_analyze_planned(REGCLASS) FROM PUBLIC;

CREATE FUNCTION agentobs_analyze_stale_tables() RETURNS TEXT[]
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    v_table REGCLASS;
    v_done  TEXT[] := '{}';
BEGIN
    -- one caller at a time (two processing instances, or two passes): the other skips, nothing waits
    IF NOT pg_try_advisory_xact_lock(hashtextextended('analyze-stale-tables', 42)) THEN
        RETURN v_done;
    END IF;
    FOR v_table IN
        SELECT s.relid::REGCLASS
        FROM pg_stat_user_tables s
        JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = 'public'
          AND (s.n_live_tup >= 2 * GREATEST(c.reltuples, 0) + 1000 OR c.reltuples >= 2 * s.n_live_tup + 1000)
        ORDER BY s.n_live_tup DESC
    LOOP
        PERFORM agentobs_analyze_planned(v_table);
        v_done := v_done || v_table::TEXT;
    END LOOP;
    RETURN v_done;
END
$$;

REVOKE ALL ON FUNCTION agentobs_analyze_stale_tables() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_analyze_stale_tables() TO ${app_role};

-- The per-batch additions (V025) selected their traces as t.ctid = ANY (agentobs_trace_tids(...)). The
-- planner evaluates a stable function while estimating, so the 2,000 key probes ran at least twice per
-- statement (8 times on average in the sustained ingest benchmark: 12,273 calls for 1,540 statements, 128 ms
-- of 600k traces' per-1,000 cost), and on a small table a sequential-scan plan evaluated it once per row.
-- Now the addresses are looked up once, as the upsert's argument, and reach its statement as a constant
-- array ($4 carries them as text): one lookup, a TID scan at any size, and for 2,000 traces of 600k cells
-- plus user rollups 165 instead of 225 ms.
CREATE OR REPLACE FUNCTION agentobs_add_trace_cells(p_workspace_id UUID, p_trace_ids TEXT[], p_sign INTEGER) RETURNS VOID
    LANGUAGE sql AS
$$
SELECT agentobs_upsert_trace_cells('t.ctid = ANY ($4::TID[])', p_sign, p_workspace_id, NULL, NULL,
                                   agentobs_trace_tids(p_workspace_id, p_trace_ids)::TEXT[]);
$$;

CREATE OR REPLACE FUNCTION agentobs_add_user_rollups(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE sql AS
$$
SELECT agentobs_upsert_user_rollups('t.ctid = ANY ($4::TID[])', p_workspace_id, NULL, NULL,
                                    agentobs_trace_tids(p_workspace_id, p_trace_ids)::TEXT[]);
$$;
