-- Planner statistics that also follow a workspace the statistics do not know yet.
--
-- V026 analyses a table when its size doubles or halves. A new tenant in a populated table does neither:
-- its traces are a small share of the table for a long time, and until the next ANALYZE the planner
-- estimates a workspace absent from the statistics at about one row. Given that estimate it reads the
-- whole workspace where it should probe: a hash join over the workspace's traces per batch (122 ms at
-- 20,000 traces, growing with it), a per-id probe through idx_traces_workspace_agent_timestamp that
-- filters the workspace (9.9 s for 1,000 ids at 20,000 traces; processing's own probes are now written so
-- that no estimate can do this), and the dashboards' time-range reads through the same index, which read
-- every entry of the workspace instead of the range.
--
--   agentobs_refresh_planner_statistics  V026's agentobs_analyze_stale_tables (tables whose size doubled or
--                                  halved), then traces again when one of p_written_workspaces (processing
--                                  passes those its batches wrote since the last pass) holds at least 10,000
--                                  traces and over twice what the planner estimates for it (the planner's
--                                  own estimate, from EXPLAIN; the count stops at that bound, so it reads at
--                                  most 2 x estimate + 10,000 index entries), unless traces was analysed less
--                                  than p_min_interval ago (processing: 10 minutes): a workspace too small
--                                  for the statistics' most-common list is planned as an average one and may
--                                  stay over twice the average. Processing calls it before each rollup pass
--                                  instead of V026's function.

CREATE FUNCTION agentobs_refresh_planner_statistics(p_written_workspaces UUID[], p_min_interval INTERVAL) RETURNS TEXT[]
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    v_done      TEXT[] := '{}';
    v_workspace UUID;
    v_plan      JSON;
    v_estimate  DOUBLE PRECISION;
    v_bound     BIGINT;
    v_have      BIGINT;
BEGIN
    -- one caller at a time, V026's lock (taken again by agentobs_analyze_stale_tables, which a holder may)
    IF NOT pg_try_advisory_xact_lock(hashtextextended('analyze-stale-tables', 42)) THEN
        RETURN v_done;
    END IF;
    v_done := agentobs_analyze_stale_tables();
    IF 'traces' = ANY (v_done) OR p_written_workspaces IS NULL
       OR (SELECT GREATEST(last_analyze, last_autoanalyze) > now() - p_min_interval
           FROM pg_stat_user_tables WHERE relid = 'public.traces'::REGCLASS) THEN
        RETURN v_done;
    END IF;
    FOREACH v_workspace IN ARRAY p_written_workspaces LOOP
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM traces WHERE workspace_id = %L', v_workspace)
            INTO v_plan;
        v_estimate := (v_plan -> 0 -> 'Plan' ->> 'Plan Rows')::DOUBLE PRECISION;
        v_bound := (2 * v_estimate + 10000)::BIGINT;
        SELECT count(*) INTO v_have FROM (SELECT 1 FROM traces WHERE workspace_id = v_workspace LIMIT v_bound) q;
        IF v_have >= v_bound THEN
            PERFORM agentobs_analyze_planned('public.traces'::REGCLASS);
            RETURN v_done || 'traces'::TEXT;
        END IF;
    END LOOP;
    RETURN v_done;
END
$$;

REVOKE ALL ON FUNCTION agentobs_refresh_planner_statistics(UUID[], INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_refresh_planner_statistics(UUID[], INTERVAL) TO ${app_role};

-- The per-batch rollup writers (agentobs_upsert_trace_cells, agentobs_upsert_user_rollups) read traces with the
-- workspace id as an init-plan value ((SELECT $1)), not a literal: a workspace absent from the statistics is
-- then planned as an average one and read through the batch's row addresses, not its whole index range.
-- Their current text is in R__user_rollups_and_cells.sql.
