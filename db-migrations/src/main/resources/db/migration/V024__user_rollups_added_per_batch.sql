-- User rollups (user_activity_daily, users_hourly, users_daily) are counts of traces, which only ever
-- grow: late spans change a trace's tokens and cost, never its user, agent or time. So processing adds
-- each batch's newly inserted traces to them in the batch's own transaction (agentobs_add_user_rollups,
-- fed by INSERT ... RETURNING, so a replayed trace is never counted twice), instead of every rollup pass
-- re-reading the whole touched day's raw traces: that pass was 65 % of a rebuild of the current hour in
-- the ingest benchmark (1.7 of 2.6 s at 120k traces in the day), and it grew with the day's volume.
--
-- agentobs_rebuild_rollups keeps its meaning (everything from raw, for the seeder, migrations and
-- repairs) as the sum of two functions:
--   * agentobs_rebuild_trace_rollups: the measure rollups (V023's steps 1-4, unchanged), which
--     processing's dirty-hour passes call;
--   * agentobs_rebuild_user_rollups: the user rollups of the touched days from raw, written by the same
--     agentobs_upsert_user_rollups as the per-batch additions.

-- Secondary indexes that no read uses, each an insert cost on the hottest tables: every read of traces
-- and spans is workspace-scoped and served by idx_traces_workspace_timestamp,
-- idx_traces_workspace_agent_timestamp and the (workspace_id, trace_id[, span_id]) keys; end_users is
-- only ever read by (workspace_id, external_user_id), its unique key. The workspace-prefix indexes were
-- also the planner's wrong choice for a workspace newer than the table's statistics: processing's lookup
-- of a batch's 1,700 end users scanned the workspace by idx_end_users_first_seen_at and filtered (84 ms
-- instead of 1,700 probes of the key); the span-totals join did the same on idx_spans_workspace_id.
DROP INDEX idx_traces_timestamp;
DROP INDEX idx_traces_agent_id;
DROP INDEX idx_spans_workspace_id;
DROP INDEX idx_spans_trace_id;
DROP INDEX idx_end_users_workspace_id;
DROP INDEX idx_end_users_first_seen_at;

-- The measure rollups of a time range from raw traces (V023 step 1-4). Hourly rollups of the
-- touched hours come from one pass over raw traces; daily rollups and 6-hour blocks of the touched days
-- are merged from the hourly rollups of those whole days.
-- Plan settings for its own statements only: sorts and hashes of a few days' cells fit in memory, and JIT
-- compilation costs more than it saves on statements of this size.
CREATE FUNCTION agentobs_rebuild_trace_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
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
    -- 1. The one pass over raw traces of the touched hours: one row per (hour, dimensions, latency bucket).
    CREATE TEMP TABLE agentobs_rollup_cells ON COMMIT DROP AS
    SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.agent_id, t.department_id, t.environment,
           t.version, t.intent_category, t.user_segment, t.model, t.model_provider,
           agentobs_latency_bucket(t.latency_ms) AS bucket,
           sum(t.sample_rate)::BIGINT AS n,
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'success'), 0)::BIGINT AS success,
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'error'), 0)::BIGINT AS error,
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'timeout'), 0)::BIGINT AS timeout,
           COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit'), 0)::BIGINT AS rate_limit,
           COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error'), 0)::BIGINT AS server_error,
           sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)) AS latency_sum,
           sum(t.sample_rate * COALESCE(t.cost_usd, 0)) AS cost,
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)) AS tokens_in,
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)) AS tokens_out,
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))) AS tokens
    FROM traces t
    WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_hour_from AND t.timestamp < v_hour_to
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

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

-- THE one place user rollups are written: adds the traces that p_source (a WHERE condition on traces t,
-- with $1 = workspace, $2/$3 = a time range, $4 = trace ids) selects, per (hour, user, agent grain), to
-- user_activity_daily, users_hourly and users_daily. One statement (no temporary table: one per batch
-- would churn the catalogs); rows are upserted in key order, so concurrent batches lock shared rows in
-- the same order. The condition is spliced into the text, so each caller's statement is planned for its
-- own filter (the key probes of a batch, the range scan of a rebuild).
CREATE FUNCTION agentobs_upsert_user_rollups(p_source TEXT, p_workspace_id UUID, p_from TIMESTAMPTZ,
                                             p_to TIMESTAMPTZ, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE plpgsql
    SET jit = off AS
$$
BEGIN
    EXECUTE format($sql$
        WITH batch AS MATERIALIZED (
            SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.user_id, t.agent_id, t.department_id,
                   t.environment, t.version, count(*) AS n, min(t.timestamp) AS first_at, max(t.timestamp) AS last_at
            FROM traces t
            WHERE t.workspace_id = $1 AND t.user_id IS NOT NULL AND %s
            GROUP BY 1, 2, 3, 4, 5, 6),
        activity AS (
            INSERT INTO user_activity_daily AS a (day, workspace_id, user_id, agent_id, department_id, environment,
                                                  version, trace_count, first_at, last_at)
            SELECT date_trunc('day', u.hour, 'UTC'), $1, u.user_id, u.agent_id, u.department_id, u.environment,
                   u.version, sum(u.n), min(u.first_at), max(u.last_at)
            FROM batch u
            GROUP BY 1, 3, 4, 5, 6, 7
            ORDER BY 1, 3, 4, 5, 6, 7
            ON CONFLICT ON CONSTRAINT user_activity_daily_dims_key DO UPDATE
                SET trace_count = a.trace_count + EXCLUDED.trace_count,
                    first_at = LEAST(a.first_at, EXCLUDED.first_at),
                    last_at = GREATEST(a.last_at, EXCLUDED.last_at)),
        hourly AS (
            INSERT INTO users_hourly AS h (hour, workspace_id, user_id, trace_count)
            SELECT u.hour, $1, u.user_id, sum(u.n)
            FROM batch u
            GROUP BY 1, 3
            ORDER BY 1, 3
            ON CONFLICT ON CONSTRAINT users_hourly_key DO UPDATE SET trace_count = h.trace_count + EXCLUDED.trace_count)
        INSERT INTO users_daily AS d (day, workspace_id, user_id, trace_count)
        SELECT date_trunc('day', u.hour, 'UTC'), $1, u.user_id, sum(u.n)
        FROM batch u
        GROUP BY 1, 3
        ORDER BY 1, 3
        ON CONFLICT ON CONSTRAINT users_daily_key DO UPDATE SET trace_count = d.trace_count + EXCLUDED.trace_count
        $sql$, p_source)
        USING p_workspace_id, p_from, p_to, p_trace_ids;
END
$$;

-- The user rollups of the touched days from raw traces: the days' rows deleted, then every trace of the
-- days added.
CREATE FUNCTION agentobs_rebuild_user_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql
    SET work_mem = '64MB' AS
$$
DECLARE
    v_day_from  TIMESTAMPTZ := date_trunc('day', p_from, 'UTC');
    v_day_to    TIMESTAMPTZ := date_trunc('day', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 day';
BEGIN
    DELETE FROM user_activity_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    DELETE FROM users_hourly WHERE workspace_id = p_workspace_id AND hour >= v_day_from AND hour < v_day_to;
    DELETE FROM users_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    PERFORM agentobs_upsert_user_rollups('t.timestamp >= $2 AND t.timestamp < $3', p_workspace_id, v_day_from,
                                         v_day_to, NULL);
END
$$;

-- Adds traces inserted in the caller's transaction to the user rollups. p_trace_ids must be ids that
-- this transaction inserted (processing passes INSERT ... RETURNING): each is counted exactly once.
CREATE FUNCTION agentobs_add_user_rollups(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE sql AS
$$
SELECT agentobs_upsert_user_rollups('t.trace_id = ANY ($4)', p_workspace_id, NULL, NULL, p_trace_ids);
$$;

-- Their rows are now updated in place by every batch that names the user: room on each page lets those
-- updates stay heap-only (no new index entries) and be pruned without a vacuum.
ALTER TABLE users_hourly SET (fillfactor = 50);
ALTER TABLE users_daily SET (fillfactor = 50);
ALTER TABLE user_activity_daily SET (fillfactor = 50);

-- THE rollup function from raw (the seeder, migrations and repairs call this): every rollup of the range.
CREATE OR REPLACE FUNCTION agentobs_rebuild_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM agentobs_rebuild_trace_rollups(p_workspace_id, p_from, p_to);
    PERFORM agentobs_rebuild_user_rollups(p_workspace_id, p_from, p_to);
END
$$;
