-- Spans, the model price table, and the hourly/daily rollups with mergeable
-- latency histograms.

CREATE TABLE spans (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id   UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    trace_id       VARCHAR(64)  NOT NULL,
    span_id        VARCHAR(64)  NOT NULL,
    parent_span_id VARCHAR(64),
    span_type      VARCHAR(20)  NOT NULL DEFAULT 'other'
        CHECK (span_type IN ('llm', 'tool', 'retrieval', 'guardrail', 'other')),
    name           VARCHAR(255) NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    ended_at       TIMESTAMPTZ,
    latency_ms     INTEGER CHECK (latency_ms IS NULL OR latency_ms >= 0),
    model          VARCHAR(100),
    model_provider VARCHAR(50),
    tokens_input   INTEGER,
    tokens_output  INTEGER,
    cost_usd       NUMERIC(12, 6),
    status         VARCHAR(20)  NOT NULL DEFAULT 'success' CHECK (status IN ('success', 'error', 'timeout')),
    attributes     JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, trace_id, span_id)
);
CREATE INDEX idx_spans_workspace_id ON spans (workspace_id, started_at DESC);
CREATE INDEX idx_spans_trace_id ON spans (trace_id);

CREATE TABLE model_prices (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id            UUID REFERENCES workspaces (id) ON DELETE CASCADE, -- NULL = platform default
    model                   VARCHAR(100)   NOT NULL,
    model_provider          VARCHAR(50)    NOT NULL,
    price_per_1k_tokens_usd NUMERIC(12, 6) NOT NULL,
    price_per_1k_input_usd  NUMERIC(12, 6),
    price_per_1k_output_usd NUMERIC(12, 6),
    effective_from          TIMESTAMPTZ    NOT NULL DEFAULT '2020-01-01T00:00:00Z',
    created_at              TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    UNIQUE NULLS NOT DISTINCT (workspace_id, model, effective_from)
);
CREATE INDEX idx_model_prices_workspace_id ON model_prices (workspace_id);

INSERT INTO model_prices (model, model_provider, price_per_1k_tokens_usd)
VALUES ('gpt-4-turbo', 'openai', 0.01),
       ('gpt-3.5-turbo', 'openai', 0.002),
       ('claude-3-sonnet', 'anthropic', 0.015),
       ('claude-2', 'anthropic', 0.008),
       ('gemini-pro', 'google', 0.00025),
       ('gemini-1.0-pro', 'google', 0.0001);

-- Latency histogram ------------------------------------------------------------
-- Log buckets with growth factor 1.05: bucket 0 = [0, 1) ms, bucket b >= 1 =
-- [1.05^(b-1), 1.05^b) ms. A percentile read back at the bucket's geometric
-- midpoint is within ±2.5 % of the exact value. Histograms are sparse JSONB
-- objects {"bucket": weighted count}, merged by summing per key.
-- Java mirror for reading: com.agentobs.contracts.histogram.LatencyHistogram.
CREATE FUNCTION agentobs_latency_bucket(p_ms DOUBLE PRECISION) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE WHEN p_ms < 1 THEN 0 ELSE floor(ln(p_ms) / ln(1.05))::INTEGER + 1 END
$$;

CREATE FUNCTION agentobs_hist_accum(p_state BIGINT[], p_bucket INTEGER, p_weight BIGINT) RETURNS BIGINT[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
BEGIN
    IF p_bucket IS NULL OR p_weight IS NULL THEN
        RETURN p_state;
    END IF;
    IF p_state IS NULL THEN
        p_state := '{}'::BIGINT[];
    END IF;
    p_state[p_bucket] := COALESCE(p_state[p_bucket], 0) + p_weight;
    RETURN p_state;
END
$$;

CREATE FUNCTION agentobs_hist_accum_latency(p_state BIGINT[], p_latency_ms INTEGER, p_weight INTEGER) RETURNS BIGINT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT agentobs_hist_accum(p_state, agentobs_latency_bucket(p_latency_ms), p_weight)
$$;

CREATE FUNCTION agentobs_hist_accum_jsonb(p_state BIGINT[], p_hist JSONB) RETURNS BIGINT[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    r RECORD;
BEGIN
    IF p_hist IS NULL THEN
        RETURN p_state;
    END IF;
    FOR r IN SELECT key::INTEGER AS b, value::BIGINT AS c FROM jsonb_each_text(p_hist)
        LOOP
            p_state := agentobs_hist_accum(p_state, r.b, r.c);
        END LOOP;
    RETURN p_state;
END
$$;

CREATE FUNCTION agentobs_hist_final(p_state BIGINT[]) RETURNS JSONB
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT COALESCE(jsonb_object_agg(i::TEXT, p_state[i] ORDER BY i), '{}'::jsonb)
FROM generate_subscripts(p_state, 1) AS i
WHERE p_state[i] IS NOT NULL AND p_state[i] <> 0
$$;

-- agentobs_latency_hist(latency_ms, weight): build a histogram from raw traces.
CREATE AGGREGATE agentobs_latency_hist(INTEGER, INTEGER) (
    SFUNC = agentobs_hist_accum_latency, STYPE = BIGINT[], FINALFUNC = agentobs_hist_final
    );
-- agentobs_hist_merge(histogram): merge stored histograms (hourly -> daily, any range).
CREATE AGGREGATE agentobs_hist_merge(JSONB) (
    SFUNC = agentobs_hist_accum_jsonb, STYPE = BIGINT[], FINALFUNC = agentobs_hist_final
    );

-- Quantile q (0..1) of a histogram, at the bucket's geometric midpoint, in ms.
CREATE FUNCTION agentobs_hist_quantile(p_hist JSONB, p_q DOUBLE PRECISION) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN s.b = 0 THEN 0 ELSE round(power(1.05, s.b - 0.5)::NUMERIC, 1) END
FROM (SELECT key::INTEGER AS b,
             sum(value::BIGINT) OVER (ORDER BY key::INTEGER) AS cum,
             sum(value::BIGINT) OVER ()                      AS total
      FROM jsonb_each_text(p_hist)) s
WHERE s.cum >= p_q * s.total
ORDER BY s.b
LIMIT 1
$$;

-- Error classification for the Home KPI breakdown (timeout | rate_limit | server_error).
CREATE FUNCTION agentobs_error_kind(p_status TEXT, p_error TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN p_status = 'success' THEN NULL
           WHEN p_status = 'timeout' OR p_error ILIKE '%timeout%' OR p_error ILIKE '%timed out%' THEN 'timeout'
           WHEN p_error ILIKE '%rate%limit%' OR p_error ILIKE '%429%' THEN 'rate_limit'
           ELSE 'server_error'
           END
$$;

-- Rollups ---------------------------------------------------------------------
-- Weighted by sample_rate: trace_count is represented requests, not stored rows.
-- Error rate = (trace_count - success_count) / trace_count (timeouts are errors).
CREATE TABLE traces_hourly (
    hour               TIMESTAMPTZ    NOT NULL,
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           VARCHAR(255)   NOT NULL,
    department_id      UUID,
    environment        VARCHAR(50),
    version            VARCHAR(50),
    intent_category    VARCHAR(100),
    user_segment       VARCHAR(50),
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
    latency_histogram  JSONB          NOT NULL,
    avg_latency        NUMERIC GENERATED ALWAYS AS (round(latency_sum_ms / NULLIF(trace_count, 0), 1)) STORED,
    p50_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.50)) STORED,
    p90_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.90)) STORED,
    p95_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.95)) STORED,
    p99_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.99)) STORED,
    updated_at         TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CONSTRAINT traces_hourly_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, intent_category, user_segment,
         model, model_provider)
);
CREATE INDEX idx_traces_hourly_workspace_hour ON traces_hourly (workspace_id, hour DESC);
CREATE INDEX idx_traces_hourly_department_id ON traces_hourly (department_id, hour DESC);
CREATE INDEX idx_traces_hourly_agent_id ON traces_hourly (workspace_id, agent_id, hour DESC);

CREATE TABLE traces_daily (
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
    latency_histogram  JSONB          NOT NULL,
    avg_latency        NUMERIC GENERATED ALWAYS AS (round(latency_sum_ms / NULLIF(trace_count, 0), 1)) STORED,
    p50_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.50)) STORED,
    p90_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.90)) STORED,
    p95_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.95)) STORED,
    p99_latency        NUMERIC GENERATED ALWAYS AS (agentobs_hist_quantile(latency_histogram, 0.99)) STORED,
    updated_at         TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CONSTRAINT traces_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version, model, model_provider)
);
CREATE INDEX idx_traces_daily_workspace_day ON traces_daily (workspace_id, day DESC);
CREATE INDEX idx_traces_daily_department_id ON traces_daily (department_id, day DESC);
CREATE INDEX idx_traces_daily_agent_id ON traces_daily (workspace_id, agent_id, day DESC);

-- The one place rollups are computed. Rebuilds [p_from, p_to) for one workspace,
-- widened to whole hours and whole UTC days: hourly from raw traces, daily from
-- hourly (a day is re-merged from all its stored hours). Idempotent, so processing can call it for the hours a batch touched
-- (replays and late spans cannot double-count) and the seeder/migrations for
-- the whole history.
CREATE FUNCTION agentobs_rebuild_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS VOID
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
                               tokens_input, tokens_output, total_tokens, latency_histogram)
    SELECT date_trunc('hour', t.timestamp, 'UTC'), t.workspace_id, t.agent_id, t.department_id, t.environment,
           t.version, t.intent_category, t.user_segment, t.model, t.model_provider,
           sum(t.sample_rate),
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'success'), 0),
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'error'), 0),
           COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'timeout'), 0),
           COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit'), 0),
           COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error'), 0),
           sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)),
           sum(t.sample_rate * COALESCE(t.cost_usd, 0)),
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)),
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)),
           sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0))),
           agentobs_latency_hist(t.latency_ms, t.sample_rate)
    FROM traces t
    WHERE t.workspace_id = p_workspace_id
      AND t.timestamp >= v_hour_from
      AND t.timestamp < v_hour_to
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

    DELETE FROM traces_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    INSERT INTO traces_daily (day, workspace_id, agent_id, department_id, environment, version, model,
                              model_provider, trace_count, success_count, error_count, timeout_count,
                              rate_limit_count, server_error_count, latency_sum_ms, total_cost, tokens_input,
                              tokens_output, total_tokens, latency_histogram)
    SELECT date_trunc('day', h.hour, 'UTC'), h.workspace_id, h.agent_id, h.department_id, h.environment, h.version,
           h.model, h.model_provider, sum(h.trace_count), sum(h.success_count), sum(h.error_count),
           sum(h.timeout_count), sum(h.rate_limit_count), sum(h.server_error_count), sum(h.latency_sum_ms),
           sum(h.total_cost), sum(h.tokens_input), sum(h.tokens_output), sum(h.total_tokens),
           agentobs_hist_merge(h.latency_histogram)
    FROM traces_hourly h
    WHERE h.workspace_id = p_workspace_id
      AND h.hour >= v_day_from
      AND h.hour < v_day_to
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END
$$;

-- Rebuild the rollups over the whole history that exists at migration time
-- (rollups are derived: rebuilt from raw traces, never migrated row by row).
DO
$$
    DECLARE
        w RECORD;
    BEGIN
        FOR w IN SELECT workspace_id, min(timestamp) AS lo, max(timestamp) AS hi FROM traces GROUP BY workspace_id
            LOOP
                PERFORM agentobs_rebuild_rollups(w.workspace_id, w.lo, w.hi + INTERVAL '1 microsecond');
            END LOOP;
    END
$$;
