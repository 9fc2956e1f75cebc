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
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

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
