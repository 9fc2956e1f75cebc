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
-- THE rollup function kept everything V007 did and added both tables. Derived data only: rebuilt from raw traces at any time.
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

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

ANALYZE traces_agent_hourly;
ANALYZE user_activity_daily;
