-- Slim rollups (issue 6): agent-level daily and model-level hourly with array histograms, and
-- distinct users per hour and per day.
-- Windows of 30 days and more read whole UTC days from traces_daily, whose JSONB histograms sit
-- on (agent, model, version) rows. traces_agent_daily keeps the agent-level grain of
-- traces_agent_hourly (agent, department, environment, version) per UTC day with the same
-- measures and (bucket[], weight[]) histograms, and is filled by THE rollup function from the
-- slim hourly rows it has just written (no second pass over raw traces), so processing, the
-- seeder and migrations keep it consistent; users_hourly / users_daily likewise.
-- Derived data only: rebuilt from raw traces at any time.

CREATE TABLE traces_agent_daily (
    day                TIMESTAMPTZ    NOT NULL,
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
    CONSTRAINT traces_agent_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version)
);

-- Model-level hourly grain (agent, department, environment, version, model, provider) with
-- array histograms: what cost/provider reads need, about (agents x models x hours) rows, where
-- traces_hourly (ten dimensions) holds about one row per trace.
CREATE TABLE traces_model_hourly (
    hour               TIMESTAMPTZ    NOT NULL,
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
    CONSTRAINT traces_model_hourly_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, model, model_provider)
);

-- Distinct users of the whole workspace per hour and per UTC day: the unfiltered "unique users"
-- of a window counts (users x days) rows plus (users x edge hours) rows instead of
-- user_activity_daily's (user, agent, version) rows and a day of raw traces at each edge.
CREATE TABLE users_hourly (
    hour         TIMESTAMPTZ  NOT NULL,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      VARCHAR(255) NOT NULL,
    trace_count  BIGINT       NOT NULL,
    CONSTRAINT users_hourly_key PRIMARY KEY (workspace_id, hour, user_id)
);

CREATE TABLE users_daily (
    day          TIMESTAMPTZ  NOT NULL,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      VARCHAR(255) NOT NULL,
    trace_count  BIGINT       NOT NULL,
    CONSTRAINT users_daily_key PRIMARY KEY (workspace_id, day, user_id)
);

DO
$do$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['traces_agent_daily', 'traces_model_hourly', 'users_hourly', 'users_daily']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$do$;
GRANT SELECT, INSERT, UPDATE, DELETE ON traces_agent_daily, traces_model_hourly, users_hourly, users_daily
    TO ${app_role};

-- The one place rollups are computed: V021's body, plus traces_model_hourly (from raw traces),
-- traces_agent_daily, users_hourly and users_daily; traces_agent_hourly is now merged from
-- traces_model_hourly instead of a second pass over raw traces (same rows).
CREATE OR REPLACE FUNCTION agentobs_rebuild_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
    LANGUAGE plpgsql AS
$$
DECLARE
    v_hour_from TIMESTAMPTZ := date_trunc('hour', p_from, 'UTC');
    v_hour_to   TIMESTAMPTZ := date_trunc('hour', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 hour';
    v_day_from  TIMESTAMPTZ := date_trunc('day', p_from, 'UTC');
    v_day_to    TIMESTAMPTZ := date_trunc('day', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 day';
BEGIN
    DELETE FROM traces_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_hourly (hour, workspace_id, agent_id, department_id, environment, version, intent_category,
                               user_segment, model, model_provider, trace_count, success_count, error_count,
                               timeout_count, rate_limit_count, server_error_count, latency_sum_ms, total_cost,
                               tokens_input, tokens_output, total_tokens, latency_histogram,
                               p50_latency, p90_latency, p95_latency, p99_latency)
    WITH buckets AS (
        -- one row per (group, latency bucket): the histogram's cells and the measures' partial sums
        SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.agent_id, t.department_id, t.environment,
               t.version, t.intent_category, t.user_segment, t.model, t.model_provider,
               agentobs_latency_bucket(t.latency_ms) AS bucket,
               sum(t.sample_rate) AS n,
               sum(t.sample_rate) FILTER (WHERE t.status = 'success') AS success,
               sum(t.sample_rate) FILTER (WHERE t.status = 'error') AS error,
               sum(t.sample_rate) FILTER (WHERE t.status = 'timeout') AS timeout,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit') AS rate_limit,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error') AS server_error,
               sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)) AS latency_sum,
               sum(t.sample_rate * COALESCE(t.cost_usd, 0)) AS cost,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)) AS tokens_in,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)) AS tokens_out,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))) AS tokens
        FROM traces t
        WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_hour_from AND t.timestamp < v_hour_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
    ranked AS (
        SELECT b.*,
               sum(b.n) FILTER (WHERE b.bucket IS NOT NULL) OVER w_cum AS cum,
               sum(b.n) FILTER (WHERE b.bucket IS NOT NULL) OVER w_all AS hist_total
        FROM buckets b
        WINDOW w_all AS (PARTITION BY hour, agent_id, department_id, environment, version, intent_category, user_segment, model, model_provider),
               w_cum AS (w_all ORDER BY bucket ROWS UNBOUNDED PRECEDING))
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, intent_category, user_segment,
           model, model_provider, sum(n), COALESCE(sum(success), 0), COALESCE(sum(error), 0),
           COALESCE(sum(timeout), 0), COALESCE(sum(rate_limit), 0), COALESCE(sum(server_error), 0),
           sum(latency_sum), sum(cost), sum(tokens_in), sum(tokens_out), sum(tokens),
           COALESCE(jsonb_object_agg(bucket::TEXT, n) FILTER (WHERE bucket IS NOT NULL), '{}'::jsonb),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.50 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.90 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.95 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.99 * hist_total))
    FROM ranked
    GROUP BY hour, agent_id, department_id, environment, version, intent_category, user_segment, model, model_provider;

    DELETE FROM traces_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO traces_daily (day, workspace_id, agent_id, department_id, environment, version, model, model_provider, trace_count, success_count, error_count,
                               timeout_count, rate_limit_count, server_error_count, latency_sum_ms, total_cost,
                               tokens_input, tokens_output, total_tokens, latency_histogram,
                               p50_latency, p90_latency, p95_latency, p99_latency)
    WITH buckets AS (
        -- one row per (group, latency bucket): the histogram's cells and the measures' partial sums
        SELECT date_trunc('day', t.timestamp, 'UTC') AS day, t.agent_id, t.department_id, t.environment,
               t.version, t.model, t.model_provider,
               agentobs_latency_bucket(t.latency_ms) AS bucket,
               sum(t.sample_rate) AS n,
               sum(t.sample_rate) FILTER (WHERE t.status = 'success') AS success,
               sum(t.sample_rate) FILTER (WHERE t.status = 'error') AS error,
               sum(t.sample_rate) FILTER (WHERE t.status = 'timeout') AS timeout,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit') AS rate_limit,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error') AS server_error,
               sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)) AS latency_sum,
               sum(t.sample_rate * COALESCE(t.cost_usd, 0)) AS cost,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)) AS tokens_in,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)) AS tokens_out,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))) AS tokens
        FROM traces t
        WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_day_from AND t.timestamp < v_day_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    ranked AS (
        SELECT b.*,
               sum(b.n) FILTER (WHERE b.bucket IS NOT NULL) OVER w_cum AS cum,
               sum(b.n) FILTER (WHERE b.bucket IS NOT NULL) OVER w_all AS hist_total
        FROM buckets b
        WINDOW w_all AS (PARTITION BY day, agent_id, department_id, environment, version, model, model_provider),
               w_cum AS (w_all ORDER BY bucket ROWS UNBOUNDED PRECEDING))
    SELECT day, p_workspace_id, agent_id, department_id, environment, version, model, model_provider, sum(n), COALESCE(sum(success), 0), COALESCE(sum(error), 0),
           COALESCE(sum(timeout), 0), COALESCE(sum(rate_limit), 0), COALESCE(sum(server_error), 0),
           sum(latency_sum), sum(cost), sum(tokens_in), sum(tokens_out), sum(tokens),
           COALESCE(jsonb_object_agg(bucket::TEXT, n) FILTER (WHERE bucket IS NOT NULL), '{}'::jsonb),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.50 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.90 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.95 * hist_total)),
           agentobs_bucket_value(min(bucket) FILTER (WHERE cum >= 0.99 * hist_total))
    FROM ranked
    GROUP BY day, agent_id, department_id, environment, version, model, model_provider;

    -- Model-level hourly grain (agent, department, environment, version, model, provider), from raw traces.
    DELETE FROM traces_model_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_model_hourly (hour, workspace_id, agent_id, department_id, environment, version, model,
                                     model_provider, trace_count, success_count, error_count, timeout_count,
                                     rate_limit_count, server_error_count, latency_sum_ms, total_cost, total_tokens,
                                     hist_buckets, hist_counts)
    WITH buckets AS (
        SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.agent_id, t.department_id, t.environment, t.version,
               t.model, t.model_provider, agentobs_latency_bucket(t.latency_ms) AS bucket,
               sum(t.sample_rate) AS n,
               sum(t.sample_rate) FILTER (WHERE t.status = 'success') AS success,
               sum(t.sample_rate) FILTER (WHERE t.status = 'error') AS error,
               sum(t.sample_rate) FILTER (WHERE t.status = 'timeout') AS timeout,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit') AS rate_limit,
               sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error') AS server_error,
               sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)) AS latency_sum,
               sum(t.sample_rate * COALESCE(t.cost_usd, 0)) AS cost,
               sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))) AS tokens
        FROM traces t
        WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_hour_from AND t.timestamp < v_hour_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, model, model_provider, sum(n),
           COALESCE(sum(success), 0), COALESCE(sum(error), 0), COALESCE(sum(timeout), 0),
           COALESCE(sum(rate_limit), 0), COALESCE(sum(server_error), 0), sum(latency_sum), sum(cost), sum(tokens),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM buckets
    GROUP BY hour, agent_id, department_id, environment, version, model, model_provider;

    -- Slim hourly grain (agent, department, environment, version): what fleet time series and
    -- heatmaps need. Merged from the model-level rows just written (same measures and cells as
    -- computing it from raw traces, without another pass over them): one row per (group, bucket)
    -- first, measures counted once per model row (on its first cell, or its only row without cells).
    DELETE FROM traces_agent_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version, trace_count,
                                     success_count, error_count, timeout_count, rate_limit_count, server_error_count,
                                     latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
    WITH cells AS (
        SELECT r.hour, r.agent_id, r.department_id, r.environment, r.version, e.b,
               sum(e.c) AS c,
               sum(r.trace_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS n,
               sum(r.success_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS success,
               sum(r.error_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS error,
               sum(r.timeout_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS timeout,
               sum(r.rate_limit_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS rate_limit,
               sum(r.server_error_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS server_error,
               sum(r.latency_sum_ms) FILTER (WHERE e.o IS NULL OR e.o = 1) AS latency_sum,
               sum(r.total_cost) FILTER (WHERE e.o IS NULL OR e.o = 1) AS cost,
               sum(r.total_tokens) FILTER (WHERE e.o IS NULL OR e.o = 1) AS tokens
        FROM traces_model_hourly r
        LEFT JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) WITH ORDINALITY AS e(b, c, o) ON TRUE
        WHERE r.workspace_id = p_workspace_id AND r.hour >= v_hour_from AND r.hour < v_hour_to
        GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, COALESCE(sum(n), 0),
           COALESCE(sum(success), 0), COALESCE(sum(error), 0), COALESCE(sum(timeout), 0),
           COALESCE(sum(rate_limit), 0), COALESCE(sum(server_error), 0), COALESCE(sum(latency_sum), 0),
           COALESCE(sum(cost), 0), COALESCE(sum(tokens), 0),
           COALESCE(array_agg(b ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}'),
           COALESCE(array_agg(c::BIGINT ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}')
    FROM cells
    GROUP BY hour, agent_id, department_id, environment, version;

    -- Slim daily grain, merged from the slim hourly rows just written (not from raw traces again):
    -- whole UTC days, same measures and histogram cells. One row per (group, bucket) first,
    -- measures counted once per hourly row (on its first cell, or its only row when it has none).
    DELETE FROM traces_agent_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO traces_agent_daily (day, workspace_id, agent_id, department_id, environment, version, trace_count,
                                    success_count, error_count, timeout_count, rate_limit_count, server_error_count,
                                    latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
    WITH cells AS (
        SELECT date_trunc('day', r.hour, 'UTC') AS day, r.agent_id, r.department_id, r.environment, r.version, e.b,
               sum(e.c) AS c,
               sum(r.trace_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS n,
               sum(r.success_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS success,
               sum(r.error_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS error,
               sum(r.timeout_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS timeout,
               sum(r.rate_limit_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS rate_limit,
               sum(r.server_error_count) FILTER (WHERE e.o IS NULL OR e.o = 1) AS server_error,
               sum(r.latency_sum_ms) FILTER (WHERE e.o IS NULL OR e.o = 1) AS latency_sum,
               sum(r.total_cost) FILTER (WHERE e.o IS NULL OR e.o = 1) AS cost,
               sum(r.total_tokens) FILTER (WHERE e.o IS NULL OR e.o = 1) AS tokens
        FROM traces_agent_hourly r
        LEFT JOIN LATERAL unnest(r.hist_buckets, r.hist_counts) WITH ORDINALITY AS e(b, c, o) ON TRUE
        WHERE r.workspace_id = p_workspace_id AND r.hour >= v_day_from AND r.hour < v_day_to
        GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT day, p_workspace_id, agent_id, department_id, environment, version, COALESCE(sum(n), 0),
           COALESCE(sum(success), 0), COALESCE(sum(error), 0), COALESCE(sum(timeout), 0),
           COALESCE(sum(rate_limit), 0), COALESCE(sum(server_error), 0), COALESCE(sum(latency_sum), 0),
           COALESCE(sum(cost), 0), COALESCE(sum(tokens), 0),
           COALESCE(array_agg(b ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}'),
           COALESCE(array_agg(c::BIGINT ORDER BY b) FILTER (WHERE b IS NOT NULL), '{}')
    FROM cells
    GROUP BY day, agent_id, department_id, environment, version;

    -- Who was active per UTC day (per agent/department/environment/version, so the standard
    -- filters apply): distinct-user counts read whole days here and only the partial edge days
    -- from raw traces.
    DELETE FROM user_activity_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO user_activity_daily (day, workspace_id, user_id, agent_id, department_id, environment, version,
                                     trace_count, first_at, last_at)
    SELECT date_trunc('day', t.timestamp, 'UTC'), p_workspace_id, t.user_id, t.agent_id, t.department_id,
           t.environment, t.version, count(*), min(t.timestamp), max(t.timestamp)
    FROM traces t
    WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_day_from AND t.timestamp < v_day_to
      AND t.user_id IS NOT NULL
    GROUP BY 1, 3, 4, 5, 6, 7;

    -- Distinct users per hour (from raw traces) and per UTC day (from those hours).
    DELETE FROM users_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO users_hourly (hour, workspace_id, user_id, trace_count)
    SELECT date_trunc('hour', t.timestamp, 'UTC'), p_workspace_id, t.user_id, count(*)
    FROM traces t
    WHERE t.workspace_id = p_workspace_id AND t.timestamp >= v_hour_from AND t.timestamp < v_hour_to
      AND t.user_id IS NOT NULL
    GROUP BY 1, 3;

    DELETE FROM users_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO users_daily (day, workspace_id, user_id, trace_count)
    SELECT date_trunc('day', u.hour, 'UTC'), p_workspace_id, u.user_id, sum(u.trace_count)
    FROM users_hourly u
    WHERE u.workspace_id = p_workspace_id AND u.hour >= v_day_from AND u.hour < v_day_to
    GROUP BY 1, 3;
END
$$;

-- Backfill: every workspace's whole history, once (the function rebuilds every rollup table).
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
-- the backfill rewrote every rollup table: fresh statistics for the planner
ANALYZE traces_hourly;
ANALYZE traces_daily;
ANALYZE traces_agent_hourly;
ANALYZE user_activity_daily;
ANALYZE traces_agent_daily;
ANALYZE traces_model_hourly;
ANALYZE users_hourly;
ANALYZE users_daily;
