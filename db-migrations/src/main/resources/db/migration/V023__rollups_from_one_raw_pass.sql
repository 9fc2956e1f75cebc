-- Rollups from one pass over raw traces (issues 4, 5, 6).
-- V022's function read raw traces five times per call (traces_hourly, traces_daily, traces_model_hourly,
-- user_activity_daily, users_hourly), two of them over whole UTC days even when processing rebuilt one
-- touched hour. Now:
--   * one pass over the touched hours' traces writes a temporary table of cells, one row per
--     (hour, all ten dimensions, latency bucket) with every measure; every hourly rollup is grouped from
--     those cells (sums of exact integers and NUMERICs: the same values as grouping raw rows);
--   * every daily rollup is merged from the hourly rollup rows of its whole days (traces_daily from
--     traces_model_hourly, which now carries tokens_input/tokens_output) — no raw read of a whole day;
--   * one pass over the whole days' traces that have a user fills user_activity_daily and users_hourly.
-- New array-histogram rollups the query service reads instead of traces_hourly / traces_daily's JSONB:
--   * traces_model_daily: the model-level grain per UTC day (cost/provider reads of 30+ days);
--   * traces_intent_hourly / traces_intent_daily: agent-level grain plus intent_category (usage/intent
--     reads), about (agents x intents) rows per hour or day where traces_hourly holds ~1 row per 2 traces;
--   * traces_segment_hourly / traces_segment_daily: agent-level grain plus the trace's user_segment (chart 2.6),
--     which only traces_hourly kept before (a 30-day segment read summed a million rows at 5M traces);
--   * traces_agent_6h / traces_model_6h: agent and model level per UTC 6-hour block (00, 06, 12, 18), for 6- and
--     12-hour series (the 7-day heatmaps read whole blocks: a quarter of the agent-hour rows) and for the
--     partial days at the edges of a window of whole days (whole blocks plus at most 5 hours each side).
-- Secondary indexes of the rollups: most of an insert's cost (measured on traces_hourly: the rebuild's
-- INSERT took half the time without them). Every rollup read and the rebuild's DELETE filter
-- (workspace_id, time range), which the leading columns of each table's dimension key serve; the
-- dropped ones are that prefix again or lead with a column no tenant-scoped read filters on first.
-- traces_agent_hourly keeps its (workspace_id, agent_id, hour) index for one agent's long ranges.
-- Derived data only: rebuilt from raw traces at any time.

DROP INDEX idx_traces_hourly_workspace_hour;
DROP INDEX idx_traces_hourly_department_id;
DROP INDEX idx_traces_hourly_agent_id;
DROP INDEX idx_traces_daily_workspace_day;
DROP INDEX idx_traces_daily_department_id;
DROP INDEX idx_traces_daily_agent_id;
DROP INDEX idx_user_activity_daily_user;

ALTER TABLE traces_model_hourly
    ADD COLUMN tokens_input  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN tokens_output BIGINT NOT NULL DEFAULT 0;

CREATE TABLE traces_model_daily (
    day                TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    model              VARCHAR(100),
    model_provider     VARCHAR(50),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    tokens_input       BIGINT         NOT NULL,
    tokens_output      BIGINT         NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_model_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version, model, model_provider)
);

CREATE TABLE traces_intent_hourly (
    hour               TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    intent_category    VARCHAR(100),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_intent_hourly_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, intent_category)
);

CREATE TABLE traces_intent_daily (
    day                TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    intent_category    VARCHAR(100),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_intent_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version, intent_category)
);

CREATE TABLE traces_agent_6h (
    block              TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_agent_6h_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, block, agent_id, department_id, environment, version)
);
CREATE TABLE traces_segment_hourly (
    hour               TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    user_segment       VARCHAR(50),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_segment_hourly_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, user_segment)
);

CREATE TABLE traces_segment_daily (
    day                TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    user_segment       VARCHAR(50),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_segment_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version, user_segment)
);
CREATE TABLE traces_model_6h (
    block              TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    model              VARCHAR(100),
    model_provider     VARCHAR(50),
    trace_count        BIGINT         NOT NULL,
    success_count      BIGINT         NOT NULL,
    error_count        BIGINT         NOT NULL,
    timeout_count      BIGINT         NOT NULL,
    rate_limit_count   BIGINT         NOT NULL,
    server_error_count BIGINT         NOT NULL,
    latency_sum_ms     NUMERIC(20, 1) NOT NULL,
    total_cost         NUMERIC(16, 6) NOT NULL,
    total_tokens       BIGINT         NOT NULL,
    hist_buckets       INTEGER[]      NOT NULL,
    hist_counts        BIGINT[]       NOT NULL,
    CONSTRAINT traces_model_6h_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, block, agent_id, department_id, environment, version, model, model_provider)
);

DO
$do$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['traces_model_daily', 'traces_intent_hourly', 'traces_intent_daily', 'traces_agent_6h',
                                       'traces_segment_hourly', 'traces_segment_daily', 'traces_model_6h']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$do$;
GRANT SELECT, INSERT, UPDATE, DELETE ON traces_model_daily, traces_intent_hourly, traces_intent_daily, traces_agent_6h,
    traces_segment_hourly, traces_segment_daily, traces_model_6h TO ${app_role};

-- p50, p90, p95, p99 of an array histogram (buckets ascending, counts): for each quantile q the value of
-- the first bucket whose cumulative count reaches q x total — the rule the stored percentiles always
-- followed, computed in one walk over the cells instead of two window functions over every cell.
CREATE FUNCTION agentobs_hist_percentiles(p_buckets INTEGER[], p_counts BIGINT[]) RETURNS NUMERIC[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    v_q      NUMERIC[] := ARRAY [0.50, 0.90, 0.95, 0.99];
    v_result NUMERIC[] := ARRAY [NULL, NULL, NULL, NULL]::NUMERIC[];
    v_total  NUMERIC   := 0;
    v_cum    NUMERIC   := 0;
    v_k      INTEGER   := 1;
    v_value  NUMERIC;
BEGIN
    IF p_buckets IS NULL OR cardinality(p_buckets) = 0 THEN
        RETURN v_result;
    END IF;
    IF cardinality(p_buckets) = 1 THEN
        v_value := agentobs_bucket_value(p_buckets[1]);
        RETURN ARRAY [v_value, v_value, v_value, v_value];
    END IF;
    FOR i IN 1 .. cardinality(p_counts)
        LOOP
            v_total := v_total + p_counts[i];
        END LOOP;
    FOR i IN 1 .. cardinality(p_buckets)
        LOOP
            v_cum := v_cum + p_counts[i];
            WHILE v_k <= 4 AND v_cum >= v_q[v_k] * v_total
                LOOP
                    v_result[v_k] := agentobs_bucket_value(p_buckets[i]);
                    v_k := v_k + 1;
                END LOOP;
        END LOOP;
    RETURN v_result;
END
$$;

-- Merges array-histogram rollup rows of one source table into one target table at a coarser grain
-- (buckets of p_width aligned to UTC midnight), the one way every coarser array rollup is filled: p_dims
-- are the grouping columns shared by source and target (after the time column), p_measures the summed
-- measure columns. Cells are summed per
-- (group, bucket); each source row's measures count once, on its first cell (or its only row when
-- its histogram is empty).
CREATE FUNCTION agentobs_merge_array_rollup(p_source TEXT, p_source_time TEXT, p_target TEXT, p_target_time TEXT,
                                            p_width INTERVAL, p_dims TEXT, p_measures TEXT[], p_workspace_id UUID,
                                            p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql AS
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

-- THE rollup function (processing, the seeder and migrations call only this). Hourly rollups of the
-- touched hours come from one pass over raw traces; daily rollups and 6-hour blocks of the touched days
-- are merged from the hourly rollups of those whole days; users from one pass over the touched days'
-- traces.
-- Plan settings for its own statements only: sorts and hashes of a few days' cells fit in memory, and JIT
-- compilation costs more than it saves on statements of this size.
CREATE OR REPLACE FUNCTION agentobs_rebuild_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
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

    -- 5. Users: one pass over the touched days' traces that name a user, per (hour, user, agent grain).
    CREATE TEMP TABLE agentobs_rollup_users ON COMMIT DROP AS
    SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.user_id, t.agent_id, t.department_id, t.environment,
           t.version, count(*) AS n, min(t.timestamp) AS first_at, max(t.timestamp) AS last_at
    FROM traces t
    WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_day_from AND t.timestamp < v_day_to
      AND t.user_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;

    DELETE FROM user_activity_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO user_activity_daily (day, workspace_id, user_id, agent_id, department_id, environment, version,
                                     trace_count, first_at, last_at)
    SELECT date_trunc('day', u.hour, 'UTC'), p_workspace_id, u.user_id, u.agent_id, u.department_id, u.environment,
           u.version, sum(u.n), min(u.first_at), max(u.last_at)
    FROM pg_temp.agentobs_rollup_users u
    GROUP BY 1, 3, 4, 5, 6, 7;

    DELETE FROM users_hourly WHERE workspace_id = p_workspace_id AND hour >= v_day_from AND hour < v_day_to;
    INSERT INTO users_hourly (hour, workspace_id, user_id, trace_count)
    SELECT u.hour, p_workspace_id, u.user_id, sum(u.n)
    FROM pg_temp.agentobs_rollup_users u
    GROUP BY 1, 3;

    DROP TABLE pg_temp.agentobs_rollup_users;

    DELETE FROM users_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO users_daily (day, workspace_id, user_id, trace_count)
    SELECT date_trunc('day', u.hour, 'UTC'), p_workspace_id, u.user_id, sum(u.trace_count)
    FROM users_hourly u
    WHERE u.workspace_id = p_workspace_id AND u.hour >= v_day_from AND u.hour < v_day_to
    GROUP BY 1, 3;
END
$$;

-- Backfill: every workspace's whole history, once (the new tables and columns are filled from raw).
DO
$do$
    DECLARE
        w RECORD;
    BEGIN
        FOR w IN SELECT workspace_id, min(timestamp) AS lo, max(timestamp) AS hi FROM traces GROUP BY workspace_id
            LOOP
                PERFORM agentobs_rebuild_rollups(w.workspace_id, w.lo, w.hi + INTERVAL '1 microsecond');
            END LOOP;
    END
$do$;
ANALYZE traces_hourly;
ANALYZE traces_daily;
ANALYZE traces_agent_hourly;
ANALYZE traces_agent_daily;
ANALYZE traces_agent_6h;
ANALYZE traces_model_hourly;
ANALYZE traces_model_daily;
ANALYZE traces_intent_hourly;
ANALYZE traces_intent_daily;
ANALYZE traces_segment_hourly;
ANALYZE traces_segment_daily;
ANALYZE traces_model_6h;
ANALYZE user_activity_daily;
ANALYZE users_hourly;
ANALYZE users_daily;
