-- Slim rollups (issue 6): agent-level daily and model-level hourly with array histograms, and
-- distinct users per hour and per day.
-- Windows of 30 days and more read whole UTC days from traces_daily, whose JSONB histograms sit
-- on (agent, model, version) rows. traces_agent_daily keeps the agent-level grain of
-- traces_agent_hourly (agent, department, environment, version) per UTC day with the same
-- measures and (bucket[], weight[]) histograms, and is filled by THE rollup function from the
-- slim hourly rows it has just written (no second pass over raw traces), so processing, the
-- seeder and migrations keep it consistent; users_hourly / users_daily likewise.
-- Derived data only: rebuilt from raw traces at any time.
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

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

-- the backfill rewrote every rollup table: fresh statistics for the planner
ANALYZE traces_hourly;
ANALYZE traces_daily;
ANALYZE traces_agent_hourly;
ANALYZE user_activity_daily;
ANALYZE traces_agent_daily;
ANALYZE traces_model_hourly;
ANALYZE users_hourly;
ANALYZE users_daily;
