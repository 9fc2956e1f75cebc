-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- Planner statistics that follow the write path whether or not autovacuum runs. A never-analysed table is
-- planned on its indexes' creation-time sizes, and a workspace absent from the statistics is estimated at
-- about one row: both make the per-batch key probes and the dashboards' range reads scan a whole workspace.
-- Processing calls agentobs_refresh_planner_statistics before each rollup pass; the seeder calls
-- agentobs_analyze_planned for every table it wrote.

-- agentobs_analyze_planned: ANALYZE of one table on the columns whose statistics inform plans: every column
-- except arrays, text, json and jsonb.
-- Why: payloads, histograms and the full-text expression are most of an ANALYZE's cost and inform no plan.
CREATE OR REPLACE FUNCTION agentobs_analyze_planned(p_table REGCLASS) RETURNS VOID
    LANGUAGE plpgsql VOLATILE AS
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
GRANT EXECUTE ON FUNCTION agentobs_analyze_planned(REGCLASS) TO ${app_role};

-- agentobs_analyze_stale_tables: agentobs_analyze_planned of every public table whose live rows doubled or
-- halved (by at least 1,000 rows) since the planner's row count (never analysed included); one caller at a
-- time, the others skip. SECURITY DEFINER: ANALYZE needs the owner; it only updates statistics.
-- Why: between analyses the planner scales its estimates with the current size, so doubling keeps analyses
-- O(log rows) in all, where autovacuum's 10 % rule analysed traces every few seconds under sustained ingest.
CREATE OR REPLACE FUNCTION agentobs_analyze_stale_tables() RETURNS TEXT[]
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

-- agentobs_refresh_planner_statistics: agentobs_analyze_stale_tables, then traces and trace_search again when one of
-- p_written_workspaces (those processing wrote since its last pass) that the planner estimates under 10,000
-- traces holds at least 10,000 and over twice the estimate, unless traces was analysed less than
-- p_min_interval ago. The count stops at 2 x estimate + 10,000, so a pass reads fewer than 30,000 index
-- entries per such workspace and none for a workspace the planner already knows as large.
-- Why: a new tenant in a populated table doubles nothing, and until the next ANALYZE it is planned as one row
-- and read whole where it should be probed.
CREATE OR REPLACE FUNCTION agentobs_refresh_planner_statistics(p_written_workspaces UUID[], p_min_interval INTERVAL)
    RETURNS TEXT[]
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
    -- one caller at a time: agentobs_analyze_stale_tables' lock (which it takes again, as a holder may)
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
        -- already planned as large: counting it would read its 30,000+ entries and change no plan
        CONTINUE WHEN v_estimate >= 10000;
        v_bound := (2 * v_estimate + 10000)::BIGINT;
        SELECT count(*) INTO v_have FROM (SELECT 1 FROM traces WHERE workspace_id = v_workspace LIMIT v_bound) q;
        IF v_have >= v_bound THEN
            PERFORM agentobs_analyze_planned('public.traces'::REGCLASS);
            -- trace search holds a row per indexed trace of the same workspaces: a search joins the two, and
            -- one side planned as one row turns that join into a scan of the workspace per trace
            PERFORM agentobs_analyze_planned('public.trace_search'::REGCLASS);
            RETURN v_done || 'traces'::TEXT || 'trace_search'::TEXT;
        END IF;
    END LOOP;
    RETURN v_done;
END
$$;
REVOKE ALL ON FUNCTION agentobs_refresh_planner_statistics(UUID[], INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_refresh_planner_statistics(UUID[], INTERVAL) TO ${app_role};
