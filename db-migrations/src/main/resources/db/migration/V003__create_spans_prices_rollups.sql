-- Spans, the model price table, and the hourly/daily rollups with mergeable
-- latency histograms.
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

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
    p50_latency        NUMERIC,
    p90_latency        NUMERIC,
    p95_latency        NUMERIC,
    p99_latency        NUMERIC,
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
    p50_latency        NUMERIC,
    p90_latency        NUMERIC,
    p95_latency        NUMERIC,
    p99_latency        NUMERIC,
    updated_at         TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CONSTRAINT traces_daily_dims_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, day, agent_id, department_id, environment, version, model, model_provider)
);
CREATE INDEX idx_traces_daily_workspace_day ON traces_daily (workspace_id, day DESC);
CREATE INDEX idx_traces_daily_department_id ON traces_daily (department_id, day DESC);
CREATE INDEX idx_traces_daily_agent_id ON traces_daily (workspace_id, agent_id, day DESC);

