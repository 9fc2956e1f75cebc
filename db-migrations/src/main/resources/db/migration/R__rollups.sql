-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- The measure rollups (traces_hourly/daily with JSONB histograms; the array-histogram rollups at agent,
-- model, intent and segment level per hour, 6-hour block and day). Every one is a grouping of the cells in
-- trace_cells_hourly (see R__user_rollups_and_cells.sql), weighted by sample_rate: trace_count counts
-- represented requests, error rate = (trace_count - success_count) / trace_count. All derived data: any
-- range can be rebuilt from raw traces at any time with agentobs_rebuild_rollups.

-- agentobs_error_kind: a non-success trace's error class: timeout | rate_limit | server_error (NULL on success).
-- Why: the Home KPI breakdown and the rollups' error columns classify the same way.
CREATE OR REPLACE FUNCTION agentobs_error_kind(p_status TEXT, p_error TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN p_status = 'success' THEN NULL
           WHEN p_status = 'timeout' OR p_error ILIKE '%timeout%' OR p_error ILIKE '%timed out%' THEN 'timeout'
           WHEN p_error ILIKE '%rate%limit%' OR p_error ILIKE '%429%' THEN 'rate_limit'
           ELSE 'server_error'
           END
$$;

-- agentobs_lock_workspace: a workspace write lock held to commit. Processing takes 'totals' exclusively for a
-- batch's span-totals recompute and its cell and user-rollup additions, and 'rollups' exclusively for a
-- derivation pass; a rebuild from raw takes both shared.
-- Why: rebuilds of disjoint ranges (the seeder's parallel chunks) may run at once, but never beside a batch's
-- additions (whose new cells the rebuild's delete would miss and its re-add count twice) or a pass.
CREATE OR REPLACE FUNCTION agentobs_lock_workspace(p_purpose TEXT, p_workspace_id UUID, p_shared BOOLEAN) RETURNS VOID
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    IF p_shared THEN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_purpose || ':' || p_workspace_id, 42));
    ELSE
        PERFORM pg_advisory_xact_lock(hashtextextended(p_purpose || ':' || p_workspace_id, 42));
    END IF;
END
$$;

-- agentobs_merge_array_rollup: merges the array-histogram rows of one source rollup into a coarser target
-- (buckets of p_width aligned to UTC midnight). p_dims are the grouping columns shared by source and target
-- (after the time column), p_measures the summed measure columns; cells are summed per (group, bucket) and
-- each source row's measures count once, on its first cell (or its only row when its histogram is empty).
-- Why: the one way every coarser array rollup (6-hour blocks, days) is filled, so they always agree.
CREATE OR REPLACE FUNCTION agentobs_merge_array_rollup(p_source TEXT, p_source_time TEXT, p_target TEXT,
        p_target_time TEXT, p_width INTERVAL, p_dims TEXT, p_measures TEXT[], p_workspace_id UUID, p_from TIMESTAMPTZ,
        p_to TIMESTAMPTZ)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    v_first  TEXT;
    v_outer  TEXT;
    v_names  TEXT;
BEGIN
    SELECT string_agg(format('sum(r.%1$I) FILTER (WHERE e.o IS NULL OR e.o = 1) AS %1$I', m), ', '),
           string_agg(format('COALESCE(sum(%1$I), 0)', m), ', '),
           string_agg(format('%I', m), ', ')
    INTO v_first, v_outer, v_names
    FROM unnest(p_measures) AS m;
    EXECUTE format('DELETE FROM %I WHERE workspace_id = $1 AND %I >= $2 AND %I < $3', p_target, p_target_time, p_target_time)
        USING p_workspace_id, p_from, p_to;
    EXECUTE format($sql$
        INSERT INTO %1$I (%2$I, workspace_id, %3$s, %4$s, hist_buckets, hist_counts)
        WITH cells AS (
            SELECT date_bin($4, r.%5$I, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS t, %6$s, e.b, sum(e.c) AS c, %7$s
            FROM %8$I r
            LEFT JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) WITH ORDINALITY AS e(b, c, o) ON TRUE
            WHERE r.workspace_id = $1 AND r.%5$I >= $2 AND r.%5$I < $3
            GROUP BY t, %3$s, e.b)
        SELECT t, $1, %3$s, %9$s,
               COALESCE(array_agg(b ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}'),
               COALESCE(array_agg(c::BIGINT ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}')
        FROM cells
        GROUP BY t, %3$s
        $sql$, p_target, p_target_time, p_dims, v_names, p_source_time,
               (SELECT string_agg('r.' || trim(d), ', ') FROM unnest(string_to_array(p_dims, ',')) AS d),
               v_first, p_source, v_outer)
        USING p_workspace_id, p_from, p_to, p_width;
END
$$;

-- agentobs_derive_trace_rollups: the measure rollups of [p_from, p_to) (widened to whole hours and UTC days)
-- from the range's cells: hourly rollups grouped from the hours' cells, daily rollups and 6-hour blocks
-- merged from the hourly rows of whole days. Processing's dirty-hour pass.
-- Why: a pass costs what the hour's cells cost, bounded by the dimensions' cardinality, not by volume.
CREATE OR REPLACE FUNCTION agentobs_derive_trace_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SET work_mem = '64MB' SET jit = off AS
$$
DECLARE
    v_hour_from TIMESTAMPTZ := date_trunc('hour', p_from, 'UTC');
    v_hour_to   TIMESTAMPTZ := date_trunc('hour', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 hour';
    v_day_from  TIMESTAMPTZ := date_trunc('day', p_from, 'UTC');
    v_day_to    TIMESTAMPTZ := date_trunc('day', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 day';
    v_measures  TEXT[] := ARRAY ['trace_count', 'success_count', 'error_count', 'timeout_count', 'rate_limit_count',
                                 'server_error_count', 'latency_sum_ms', 'total_cost', 'total_tokens'];
    v_agent     TEXT := 'agent_id, department_id, environment, version';
BEGIN
    -- 1. The touched hours' cells: one row per (hour, dimensions, latency bucket).
    CREATE TEMP TABLE agentobs_rollup_cells ON COMMIT DROP AS
    SELECT hour, agent_id, department_id, environment, version, intent_category, user_segment, model, model_provider,
           bucket, n, success, error, timeout, rate_limit, server_error, latency_sum, cost, tokens_in, tokens_out, tokens
    FROM trace_cells_hourly
    WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to AND n <> 0;
    -- 2. traces_hourly: all ten dimensions, JSONB histogram and stored percentiles.
    DELETE FROM traces_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_hourly (hour, workspace_id, agent_id, department_id, environment, version, intent_category,
                               user_segment, model, model_provider, trace_count, success_count, error_count,
                               timeout_count, rate_limit_count, server_error_count, latency_sum_ms, total_cost,
                               tokens_input, tokens_output, total_tokens, latency_histogram,
                               p50_latency, p90_latency, p95_latency, p99_latency)
    WITH g AS (
        SELECT hour, agent_id, department_id, environment, version, intent_category, user_segment, model,
               model_provider, sum(n) AS n, sum(success) AS success, sum(error) AS error, sum(timeout) AS timeout,
               sum(rate_limit) AS rate_limit, sum(server_error) AS server_error, sum(latency_sum) AS latency_sum,
               sum(cost) AS cost, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(tokens) AS tokens,
               COALESCE(jsonb_object_agg(bucket::TEXT, n) FILTER (WHERE bucket IS NOT NULL), '{}'::jsonb) AS hist,
               agentobs_hist_percentiles(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL),
                                         array_agg(n ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL)) AS p
        FROM pg_temp.agentobs_rollup_cells
        GROUP BY hour, agent_id, department_id, environment, version, intent_category, user_segment, model,
                 model_provider)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, intent_category, user_segment,
           model, model_provider, n, success, error, timeout, rate_limit, server_error, latency_sum, cost, tokens_in,
           tokens_out, tokens, hist, p[1], p[2], p[3], p[4]
    FROM g;

    -- 3. The array-histogram hourly grains, each grouped from the cells.
    DELETE FROM traces_model_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_model_hourly (hour, workspace_id, agent_id, department_id, environment, version, model,
                                     model_provider, trace_count, success_count, error_count, timeout_count,
                                     rate_limit_count, server_error_count, latency_sum_ms, total_cost, total_tokens,
                                     tokens_input, tokens_output, hist_buckets, hist_counts)
    WITH b AS (
        SELECT hour, agent_id, department_id, environment, version, model, model_provider, bucket,
               sum(n) AS n, sum(success) AS success, sum(error) AS error, sum(timeout) AS timeout,
               sum(rate_limit) AS rate_limit, sum(server_error) AS server_error, sum(latency_sum) AS latency_sum,
               sum(cost) AS cost, sum(tokens) AS tokens, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out
        FROM pg_temp.agentobs_rollup_cells
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, model, model_provider, sum(n),
           sum(success), sum(error), sum(timeout), sum(rate_limit), sum(server_error), sum(latency_sum), sum(cost),
           sum(tokens), sum(tokens_in), sum(tokens_out),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM b
    GROUP BY hour, agent_id, department_id, environment, version, model, model_provider;

    DELETE FROM traces_intent_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_intent_hourly (hour, workspace_id, agent_id, department_id, environment, version,
                                      intent_category, trace_count, success_count, error_count, timeout_count,
                                      rate_limit_count, server_error_count, latency_sum_ms, total_cost, total_tokens,
                                      hist_buckets, hist_counts)
    WITH b AS (
        SELECT hour, agent_id, department_id, environment, version, intent_category, bucket,
               sum(n) AS n, sum(success) AS success, sum(error) AS error, sum(timeout) AS timeout,
               sum(rate_limit) AS rate_limit, sum(server_error) AS server_error, sum(latency_sum) AS latency_sum,
               sum(cost) AS cost, sum(tokens) AS tokens
        FROM pg_temp.agentobs_rollup_cells
        GROUP BY 1, 2, 3, 4, 5, 6, 7)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, intent_category, sum(n),
           sum(success), sum(error), sum(timeout), sum(rate_limit), sum(server_error), sum(latency_sum), sum(cost),
           sum(tokens),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM b
    GROUP BY hour, agent_id, department_id, environment, version, intent_category;

    DELETE FROM traces_segment_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_segment_hourly (hour, workspace_id, agent_id, department_id, environment, version,
                                       user_segment, trace_count, success_count, error_count, timeout_count,
                                       rate_limit_count, server_error_count, latency_sum_ms, total_cost, total_tokens,
                                       hist_buckets, hist_counts)
    WITH b AS (
        SELECT hour, agent_id, department_id, environment, version, user_segment, bucket,
               sum(n) AS n, sum(success) AS success, sum(error) AS error, sum(timeout) AS timeout,
               sum(rate_limit) AS rate_limit, sum(server_error) AS server_error, sum(latency_sum) AS latency_sum,
               sum(cost) AS cost, sum(tokens) AS tokens
        FROM pg_temp.agentobs_rollup_cells
        GROUP BY 1, 2, 3, 4, 5, 6, 7)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, user_segment, sum(n),
           sum(success), sum(error), sum(timeout), sum(rate_limit), sum(server_error), sum(latency_sum), sum(cost),
           sum(tokens),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM b
    GROUP BY hour, agent_id, department_id, environment, version, user_segment;

    DELETE FROM traces_agent_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version, trace_count,
                                     success_count, error_count, timeout_count, rate_limit_count, server_error_count,
                                     latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
    WITH b AS (
        SELECT hour, agent_id, department_id, environment, version, bucket,
               sum(n) AS n, sum(success) AS success, sum(error) AS error, sum(timeout) AS timeout,
               sum(rate_limit) AS rate_limit, sum(server_error) AS server_error, sum(latency_sum) AS latency_sum,
               sum(cost) AS cost, sum(tokens) AS tokens
        FROM pg_temp.agentobs_rollup_cells
        GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, sum(n), sum(success), sum(error),
           sum(timeout), sum(rate_limit), sum(server_error), sum(latency_sum), sum(cost), sum(tokens),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM b
    GROUP BY hour, agent_id, department_id, environment, version;

    DROP TABLE pg_temp.agentobs_rollup_cells;

    -- 4. Daily grains and 6-hour blocks of the touched days, merged from the hourly rows of those whole days.
    PERFORM agentobs_merge_array_rollup('traces_agent_hourly', 'hour', 'traces_agent_daily', 'day', INTERVAL '1 day', v_agent,
                                        v_measures, p_workspace_id, v_day_from, v_day_to);
    PERFORM agentobs_merge_array_rollup('traces_agent_hourly', 'hour', 'traces_agent_6h', 'block', INTERVAL '6 hours',
                                        v_agent, v_measures, p_workspace_id, v_day_from, v_day_to);
    PERFORM agentobs_merge_array_rollup('traces_intent_hourly', 'hour', 'traces_intent_daily', 'day', INTERVAL '1 day',
                                        v_agent || ', intent_category', v_measures, p_workspace_id, v_day_from, v_day_to);
    PERFORM agentobs_merge_array_rollup('traces_segment_hourly', 'hour', 'traces_segment_daily', 'day', INTERVAL '1 day',
                                        v_agent || ', user_segment', v_measures, p_workspace_id, v_day_from, v_day_to);
    PERFORM agentobs_merge_array_rollup('traces_model_hourly', 'hour', 'traces_model_6h', 'block', INTERVAL '6 hours',
                                        v_agent || ', model, model_provider', v_measures, p_workspace_id, v_day_from,
                                        v_day_to);
    PERFORM agentobs_merge_array_rollup('traces_model_hourly', 'hour', 'traces_model_daily', 'day', INTERVAL '1 day',
                                        v_agent || ', model, model_provider',
                                        v_measures || ARRAY ['tokens_input', 'tokens_output'],
                                        p_workspace_id, v_day_from, v_day_to);

    -- traces_daily (JSONB histogram and stored percentiles, model-level grain) from traces_model_daily.
    DELETE FROM traces_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO traces_daily (day, workspace_id, agent_id, department_id, environment, version, model, model_provider,
                              trace_count, success_count, error_count, timeout_count, rate_limit_count,
                              server_error_count, latency_sum_ms, total_cost, tokens_input, tokens_output,
                              total_tokens, latency_histogram, p50_latency, p90_latency, p95_latency, p99_latency)
    SELECT r.day, p_workspace_id, r.agent_id, r.department_id, r.environment, r.version, r.model, r.model_provider,
           r.trace_count, r.success_count, r.error_count, r.timeout_count, r.rate_limit_count, r.server_error_count,
           r.latency_sum_ms, r.total_cost, r.tokens_input, r.tokens_output, r.total_tokens,
           COALESCE((SELECT jsonb_object_agg(e.b::TEXT, e.c) FROM unnest(r.hist_buckets, r.hist_counts) AS e(b, c)),
                    '{}'::jsonb),
           p[1], p[2], p[3], p[4]
    FROM traces_model_daily r
    CROSS JOIN LATERAL agentobs_hist_percentiles(r.hist_buckets, r.hist_counts) AS p
    WHERE r.workspace_id = p_workspace_id AND r.day >= v_day_from AND r.day < v_day_to;
END
$$;

-- agentobs_rebuild_trace_rollups: the cells of [p_from, p_to) (whole hours) from raw traces, then the measure
-- rollups derived from them, under both workspace locks shared.
-- Why: the seeder, backfills and repairs recompute from raw without stopping processing.
CREATE OR REPLACE FUNCTION agentobs_rebuild_trace_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SET work_mem = '64MB' SET jit = off AS
$$
DECLARE
    v_hour_from TIMESTAMPTZ := date_trunc('hour', p_from, 'UTC');
    v_hour_to   TIMESTAMPTZ := date_trunc('hour', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 hour';
BEGIN
    PERFORM agentobs_lock_workspace('totals', p_workspace_id, true);
    PERFORM agentobs_lock_workspace('rollups', p_workspace_id, true);
    DELETE FROM trace_cells_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    PERFORM agentobs_upsert_trace_cells('t.timestamp >= $2 AND t.timestamp < $3', 1, p_workspace_id, v_hour_from,
                                        v_hour_to, NULL);
    PERFORM agentobs_derive_trace_rollups(p_workspace_id, p_from, p_to);
END
$$;

-- agentobs_rebuild_rollups: THE rollup function from raw: every rollup of [p_from, p_to) for one workspace
-- (measure rollups, then user rollups). Idempotent.
-- Why: one entry point for the seeder, backfills and repairs; replays cannot double-count.
CREATE OR REPLACE FUNCTION agentobs_rebuild_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    PERFORM agentobs_rebuild_trace_rollups(p_workspace_id, p_from, p_to);
    PERFORM agentobs_rebuild_user_rollups(p_workspace_id, p_from, p_to);
END
$$;
