-- Faster rollups (same tables, same results): histograms are built by grouping traces
-- per (group, latency bucket) and aggregating the cells with jsonb_object_agg, instead of
-- a plpgsql accumulator per trace; p50..p99 are computed once from the same cells with a
-- cumulative window and stored, instead of generated columns re-parsing the JSONB per
-- row. Daily rows are built from raw traces the same way (whole UTC days), so hourly and
-- daily always agree with the raw data. Measured on 71k traces (10 days, 100 agents):
-- 14.1 s -> under 5 s for hourly + daily (docs/BENCHMARKS.md).
-- Derived data only: the rollup tables may be rebuilt from raw traces at any time.

-- The value a bucket stands for (its geometric midpoint, ms): the read-side twin of
-- agentobs_latency_bucket; com.agentobs.contracts.histogram.LatencyHistogram mirrors it.
CREATE FUNCTION agentobs_bucket_value(p_bucket INTEGER) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN p_bucket IS NULL THEN NULL WHEN p_bucket <= 0 THEN 0 ELSE round(power(1.05, p_bucket - 0.5)::NUMERIC, 1) END
$$;
ALTER TABLE traces_hourly ALTER COLUMN p50_latency DROP EXPRESSION, ALTER COLUMN p90_latency DROP EXPRESSION,
  ALTER COLUMN p95_latency DROP EXPRESSION, ALTER COLUMN p99_latency DROP EXPRESSION;
ALTER TABLE traces_daily ALTER COLUMN p50_latency DROP EXPRESSION, ALTER COLUMN p90_latency DROP EXPRESSION,
  ALTER COLUMN p95_latency DROP EXPRESSION, ALTER COLUMN p99_latency DROP EXPRESSION;

-- The one place rollups are computed (replaces V003's body; same contract: idempotent
-- rebuild of [p_from, p_to) for one workspace, widened to whole hours and whole UTC days).
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
END
$$;
