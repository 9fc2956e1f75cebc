-- The measure rollups' raw pass, kept as a table and added to per batch.
--
-- Every measure rollup (traces_hourly and the array-histogram hourly, 6-hour and daily grains) is a
-- grouping of one set of cells: sums per (hour, ten dimensions, latency bucket). V023/V024 computed those
-- cells from raw traces on every dirty-hour pass, so a pass cost O(traces in the hour): 0.2 s at the start
-- of the sustained ingest benchmark, 13 s at 600k traces in the hour, and the rollups' lag grew with the
-- hour's volume. trace_cells_hourly keeps the cells: processing adds each batch's new traces in the batch's
-- transaction (fed by INSERT ... RETURNING, so a replay adds nothing), and a dirty-hour pass derives the
-- rollups from the hour's cells, whose number is bounded by the dimensions' cardinality, not by volume.
--
-- Late spans can change a stored trace's tokens, cost and model. Processing subtracts such traces' cells
-- (p_sign = -1) before its span-totals update and adds them back after it, under the workspace's
-- span-totals lock, so a cell always equals the grouping of the committed traces. A cell whose traces all
-- moved elsewhere keeps n = 0 and is skipped by the derivation.
--
--   agentobs_upsert_trace_cells    THE one writer of trace_cells_hourly (per batch and from raw alike);
--   agentobs_add_trace_cells       adds (or subtracts) traces by id, for processing (agentobs_trace_tids
--                                  finds them; V024's agentobs_add_user_rollups now does the same);
--   agentobs_derive_trace_rollups  the measure rollups of a range from its cells (the dirty-hour pass);
--   agentobs_rebuild_trace_rollups the cells of a range from raw, then the derivation (seeder, repairs);
--   agentobs_lock_workspace        the workspace write locks that keep batches, passes and rebuilds apart.

CREATE TABLE trace_cells_hourly (
    hour            TIMESTAMPTZ  NOT NULL,
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id        VARCHAR(255) NOT NULL,
    department_id   UUID,
    environment     VARCHAR(50),
    version         VARCHAR(50),
    intent_category VARCHAR(100),
    user_segment    VARCHAR(50),
    model           VARCHAR(100),
    model_provider  VARCHAR(50),
    bucket          INTEGER,
    n               BIGINT       NOT NULL,
    success         BIGINT       NOT NULL,
    error           BIGINT       NOT NULL,
    timeout         BIGINT       NOT NULL,
    rate_limit      BIGINT       NOT NULL,
    server_error    BIGINT       NOT NULL,
    latency_sum     NUMERIC      NOT NULL,
    cost            NUMERIC      NOT NULL,
    tokens_in       BIGINT       NOT NULL,
    tokens_out      BIGINT       NOT NULL,
    tokens          BIGINT       NOT NULL,
    CONSTRAINT trace_cells_hourly_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, intent_category, user_segment, model,
         model_provider, bucket)
) WITH (fillfactor = 50); -- updated in place by every batch of the hour: room for heap-only updates

ALTER TABLE trace_cells_hourly ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_trace_cells_hourly ON trace_cells_hourly
    USING (workspace_id = agentobs_current_workspace()) WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON trace_cells_hourly TO ${app_role};

-- The locks that keep a workspace's cells and rollups consistent, held to commit. Processing takes
-- 'totals' exclusively for a batch's span-totals recompute and its cell and user-rollup additions, and
-- 'rollups' exclusively for a derivation pass; a rebuild from raw takes both shared, so rebuilds of
-- disjoint ranges (the seeder's parallel chunks) run at once, but never beside a batch's additions (whose
-- new cells the rebuild's delete would miss and its re-add from raw would count twice) or a pass.
CREATE FUNCTION agentobs_lock_workspace(p_purpose TEXT, p_workspace_id UUID, p_shared BOOLEAN) RETURNS VOID
    LANGUAGE plpgsql AS
$$
BEGIN
    IF p_shared THEN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_purpose || ':' || p_workspace_id, 42));
    ELSE
        PERFORM pg_advisory_xact_lock(hashtextextended(p_purpose || ':' || p_workspace_id, 42));
    END IF;
END
$$;

-- THE one place cells are written: adds p_sign x the traces that p_source (a WHERE condition on traces t,
-- with $1 = workspace, $2/$3 = a time range, $4 = trace ids) selects. One statement, rows upserted in key
-- order so concurrent writers lock shared cells in the same order; the condition is spliced into the text
-- so each caller's statement is planned for its own filter (key probes for a batch, a range scan from raw).
CREATE FUNCTION agentobs_upsert_trace_cells(p_source TEXT, p_sign INTEGER, p_workspace_id UUID, p_from TIMESTAMPTZ,
                                            p_to TIMESTAMPTZ, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE plpgsql
    SET jit = off AS
$$
BEGIN
    EXECUTE format($sql$
        INSERT INTO trace_cells_hourly AS c (hour, workspace_id, agent_id, department_id, environment, version,
                                             intent_category, user_segment, model, model_provider, bucket, n, success,
                                             error, timeout, rate_limit, server_error, latency_sum, cost, tokens_in,
                                             tokens_out, tokens)
        SELECT date_trunc('hour', t.timestamp, 'UTC'), $1, t.agent_id, t.department_id, t.environment, t.version,
               t.intent_category, t.user_segment, t.model, t.model_provider, agentobs_latency_bucket(t.latency_ms),
               $5 * sum(t.sample_rate)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'success'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'error'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'timeout'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error'), 0)::BIGINT,
               $5 * sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)),
               $5 * sum(t.sample_rate * COALESCE(t.cost_usd, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0)))
        FROM traces t
        WHERE t.workspace_id = $1 AND %s
        GROUP BY 1, 3, 4, 5, 6, 7, 8, 9, 10, 11
        ORDER BY 1, 3, 4, 5, 6, 7, 8, 9, 10, 11
        ON CONFLICT ON CONSTRAINT trace_cells_hourly_key DO UPDATE
            SET n = c.n + EXCLUDED.n, success = c.success + EXCLUDED.success, error = c.error + EXCLUDED.error,
                timeout = c.timeout + EXCLUDED.timeout, rate_limit = c.rate_limit + EXCLUDED.rate_limit,
                server_error = c.server_error + EXCLUDED.server_error,
                latency_sum = c.latency_sum + EXCLUDED.latency_sum, cost = c.cost + EXCLUDED.cost,
                tokens_in = c.tokens_in + EXCLUDED.tokens_in, tokens_out = c.tokens_out + EXCLUDED.tokens_out,
                tokens = c.tokens + EXCLUDED.tokens
        $sql$, p_source)
        USING p_workspace_id, p_from, p_to, p_trace_ids, p_sign;
END
$$;

-- The row addresses of a workspace's traces by id: one probe of the key per id (lateral; OFFSET 0 keeps the
-- planner from flattening it into a join). The per-batch additions select their traces as
-- t.ctid = ANY (agentobs_trace_tids(...)), a TID scan: as t.trace_id = ANY (ids), a workspace newer than
-- the table's statistics was read by its workspace prefix and filtered, 255 ms for 2,000 ids out of 600k
-- rows instead of 7 (the user rollups' additions spent 180 ms per 1,000 traces on it in the ingest bench).
CREATE FUNCTION agentobs_trace_tids(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS TID[]
    LANGUAGE sql STABLE AS
$$
SELECT ARRAY(SELECT p.ctid
             FROM unnest(p_trace_ids) AS ids(id)
             CROSS JOIN LATERAL (SELECT ctid FROM traces p
                                 WHERE p.workspace_id = p_workspace_id AND p.trace_id = ids.id OFFSET 0) p);
$$;

-- Adds (p_sign = 1) or removes (p_sign = -1) traces by id. To add, the ids must be traces this
-- transaction inserted (processing passes INSERT ... RETURNING), or ones it removed earlier in the
-- same transaction: each committed trace is then in exactly one cell.
CREATE FUNCTION agentobs_add_trace_cells(p_workspace_id UUID, p_trace_ids TEXT[], p_sign INTEGER) RETURNS VOID
    LANGUAGE sql AS
$$
SELECT agentobs_upsert_trace_cells('t.ctid = ANY (agentobs_trace_tids($1, $4))', p_sign, p_workspace_id, NULL, NULL,
                                   p_trace_ids);
$$;

-- V024's per-batch user-rollup addition, selecting its traces the same way.
CREATE OR REPLACE FUNCTION agentobs_add_user_rollups(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE sql AS
$$
SELECT agentobs_upsert_user_rollups('t.ctid = ANY (agentobs_trace_tids($1, $4))', p_workspace_id, NULL, NULL,
                                    p_trace_ids);
$$;

-- The measure rollups of a time range from its cells: V024's agentobs_rebuild_trace_rollups with step 1
-- reading the hours' cells instead of grouping their raw traces (steps 2-4 restated unchanged).
CREATE FUNCTION agentobs_derive_trace_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql
    SET work_mem = '64MB'
    SET jit = off AS
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

-- The cells of a time range (widened to whole hours) from raw traces, then the measure rollups derived from
-- them: for the seeder, migrations and repairs, through agentobs_rebuild_rollups (whose user-rollup rebuild
-- then runs under the same locks, held to commit).
CREATE OR REPLACE FUNCTION agentobs_rebuild_trace_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql
    SET work_mem = '64MB'
    SET jit = off AS
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

-- Backfill: every workspace's cells from raw (its rollups already equal their derivation).
SELECT agentobs_upsert_trace_cells('t.timestamp >= $2 AND t.timestamp < $3', 1, w.workspace_id, w.lo,
                                   w.hi + INTERVAL '1 microsecond', NULL)
FROM (SELECT workspace_id, min(timestamp) AS lo, max(timestamp) AS hi FROM traces GROUP BY workspace_id) w;
ANALYZE trace_cells_hourly;
