-- Slimmer rollups for the query-service's cold paths (issue 6). traces_hourly keeps ten
-- dimensions, so at ~2 traces per agent-hour it is nearly as large as raw traces and every
-- series/heatmap read expands its JSONB histograms row by row. Two derived tables, filled
-- by THE rollup function (same contract: idempotent rebuild of [p_from, p_to), widened to
-- whole hours / whole UTC days), so processing, the seeder and migrations keep them
-- consistent with traces_hourly / traces_daily:
--   traces_agent_hourly  (hour, agent, department, environment, version) with the same
--                        measures and the latency histogram as (bucket[], weight[]) arrays;
--   user_activity_daily  (day, user, agent, department, environment, version): distinct
--                        users per window without count(DISTINCT) over raw traces.
-- The function below keeps everything V007 does and adds both tables; existing workspaces
-- are backfilled at the end. Derived data only: rebuilt from raw traces at any time.

CREATE TABLE traces_agent_hourly (
    hour               TIMESTAMPTZ    NOT NULL,
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
    CONSTRAINT traces_agent_hourly_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version)
);
CREATE INDEX idx_traces_agent_hourly_agent ON traces_agent_hourly (workspace_id, agent_id, hour);

CREATE TABLE user_activity_daily (
    day           TIMESTAMPTZ  NOT NULL,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       VARCHAR(255) NOT NULL,
    agent_id      VARCHAR(255) NOT NULL,
    department_id UUID,
    environment   VARCHAR(50),
    version       VARCHAR(50),
    trace_count   BIGINT       NOT NULL,
    first_at      TIMESTAMPTZ  NOT NULL,
    last_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT user_activity_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, user_id, agent_id, department_id, environment, version)
);
CREATE INDEX idx_user_activity_daily_user ON user_activity_daily (workspace_id, user_id, day);

DO
$do$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['traces_agent_hourly', 'user_activity_daily']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$do$;
GRANT SELECT, INSERT, UPDATE, DELETE ON traces_agent_hourly, user_activity_daily TO ${app_role};

-- The one place rollups are computed: V007's body unchanged, plus the two tables above.
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

    -- Slim hourly grain (agent, department, environment, version): what fleet time series and
    -- heatmaps need, about (agents x hours) rows instead of one per intent/segment/model too.
    -- Histogram as parallel arrays (bucket, weight) ordered by bucket, same cells as the JSONB.
    DELETE FROM traces_agent_hourly WHERE workspace_id = p_workspace_id AND hour >= v_hour_from AND hour < v_hour_to;
    INSERT INTO traces_agent_hourly (hour, workspace_id, agent_id, department_id, environment, version, trace_count,
                                     success_count, error_count, timeout_count, rate_limit_count, server_error_count,
                                     latency_sum_ms, total_cost, total_tokens, hist_buckets, hist_counts)
    WITH buckets AS (
        SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.agent_id, t.department_id, t.environment, t.version,
               agentobs_latency_bucket(t.latency_ms) AS bucket,
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
        GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT hour, p_workspace_id, agent_id, department_id, environment, version, sum(n), COALESCE(sum(success), 0),
           COALESCE(sum(error), 0), COALESCE(sum(timeout), 0), COALESCE(sum(rate_limit), 0),
           COALESCE(sum(server_error), 0), sum(latency_sum), sum(cost), sum(tokens),
           COALESCE(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}'),
           COALESCE(array_agg(n::BIGINT ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), '{}')
    FROM buckets
    GROUP BY hour, agent_id, department_id, environment, version;

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
END
$$;

-- Backfill: every workspace's whole history, once.
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
ANALYZE traces_agent_hourly;
ANALYZE user_activity_daily;
