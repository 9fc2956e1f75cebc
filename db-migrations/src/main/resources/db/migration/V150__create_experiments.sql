-- Experiments and canaries (evaluation-service): A/B tests whose variants are configuration overrides,
-- the results the service computes from traces tagged with traces.experiment_variant_id (stored with
-- their inputs), canary rollouts and every analysis run of their controller.
-- Tenant tables: RLS on app.workspace_id like V005.
-- Rollback: DROP TABLE canary_analysis_runs, canaries, experiment_results, experiment_variants, experiments;

CREATE TABLE experiments (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               VARCHAR(200)  NOT NULL,
    hypothesis         TEXT,
    -- agents.agent_id whose traffic is split
    agent_id           VARCHAR(255)  NOT NULL,
    -- success_rate | error_rate (proportions); latency_ms | cost_usd | quality_score (means)
    primary_metric     VARCHAR(30)   NOT NULL
        CHECK (primary_metric IN ('success_rate', 'error_rate', 'latency_ms', 'cost_usd', 'quality_score')),
    -- metrics tested one-sided for harm (a winner needs no regression on any)
    guardrail_metrics  TEXT[]        NOT NULL DEFAULT ARRAY ['error_rate', 'latency_ms', 'cost_usd'],
    status             VARCHAR(20)   NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'running', 'paused', 'stopped', 'completed')),
    -- the assignment salt: variant = fnv1a32(salt || ':' || unit) mod 10000 against cumulative weights
    salt               VARCHAR(64)   NOT NULL,
    alpha              NUMERIC(6, 4) NOT NULL DEFAULT 0.05 CHECK (alpha > 0 AND alpha < 0.5),
    power              NUMERIC(6, 4) NOT NULL DEFAULT 0.8 CHECK (power > 0 AND power < 1),
    -- minimum detectable effect, absolute, in the primary metric's unit
    mde                NUMERIC(18, 6),
    -- per arm; no winner below it
    min_sample_size    INTEGER       NOT NULL DEFAULT 1000 CHECK (min_sample_size >= 1),
    -- always-valid (mSPRT) p-values, safe to read at every computation
    sequential         BOOLEAN       NOT NULL DEFAULT TRUE,
    rollout_steps      INTEGER[]     NOT NULL DEFAULT ARRAY [5, 25, 50, 100],
    winner_variant_id  UUID,
    -- winner | no_difference | guardrail_stop
    decision           VARCHAR(20)   CHECK (decision IN ('winner', 'no_difference', 'guardrail_stop')),
    started_at         TIMESTAMPTZ,
    stopped_at         TIMESTAMPTZ,
    winner_declared_at TIMESTAMPTZ,
    promoted_at        TIMESTAMPTZ,
    created_by         VARCHAR(255),
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_experiments_workspace ON experiments (workspace_id, status, created_at DESC);
CREATE INDEX idx_experiments_agent ON experiments (workspace_id, agent_id) WHERE status = 'running';

-- One arm: a configuration override (model, prompt_version, parameters, agent_version) and its weight.
CREATE TABLE experiment_variants (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    experiment_id     UUID          NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    key               VARCHAR(50)   NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    is_control        BOOLEAN       NOT NULL DEFAULT FALSE,
    traffic_pct       NUMERIC(5, 2) NOT NULL CHECK (traffic_pct BETWEEN 0 AND 100),
    overrides         JSONB         NOT NULL DEFAULT '{}'::jsonb,
    config_version_id UUID REFERENCES config_versions (id) ON DELETE SET NULL,
    position          INTEGER       NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    UNIQUE (experiment_id, key)
);
CREATE INDEX idx_experiment_variants_workspace ON experiment_variants (workspace_id, experiment_id);

-- One computed comparison of a treatment arm with the control on one metric, with everything it
-- was computed from (counts, sums, sums of squares) so it can be recomputed and audited.
CREATE TABLE experiment_results (
    id               BIGSERIAL PRIMARY KEY,
    workspace_id     UUID             NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    experiment_id    UUID             NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    variant_id       UUID             NOT NULL REFERENCES experiment_variants (id) ON DELETE CASCADE,
    metric           VARCHAR(30)      NOT NULL,
    -- primary | guardrail
    role             VARCHAR(20)      NOT NULL CHECK (role IN ('primary', 'guardrail')),
    computed_at      TIMESTAMPTZ      NOT NULL,
    control_n        BIGINT           NOT NULL,
    treatment_n      BIGINT           NOT NULL,
    control_value    DOUBLE PRECISION,
    treatment_value  DOUBLE PRECISION,
    statistic        DOUBLE PRECISION,
    p_value          DOUBLE PRECISION,
    -- Holm-adjusted across the experiment's primary comparisons
    p_adjusted       DOUBLE PRECISION,
    ci_low           DOUBLE PRECISION,
    ci_high          DOUBLE PRECISION,
    lift             DOUBLE PRECISION,
    significant      BOOLEAN          NOT NULL DEFAULT FALSE,
    -- guardrail rows: the one-sided harm test rejected "no harm"
    harm             BOOLEAN          NOT NULL DEFAULT FALSE,
    srm_p_value      DOUBLE PRECISION,
    sequential       BOOLEAN          NOT NULL DEFAULT FALSE,
    inputs           JSONB            NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX idx_experiment_results_latest ON experiment_results (workspace_id, experiment_id, computed_at DESC);

-- A canary rollout of a new agent version: steps of traffic, checks per interval, a failure limit.
CREATE TABLE canaries (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id             UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id                 VARCHAR(255)  NOT NULL,
    from_version             VARCHAR(50),
    to_version               VARCHAR(50)   NOT NULL,
    steps                    INTEGER[]     NOT NULL,
    step_index               INTEGER       NOT NULL DEFAULT 0,
    interval_seconds         INTEGER       NOT NULL CHECK (interval_seconds >= 1),
    min_requests_per_arm     INTEGER       NOT NULL CHECK (min_requests_per_arm >= 1),
    max_error_rate_diff      DOUBLE PRECISION NOT NULL,
    max_p90_ratio            DOUBLE PRECISION NOT NULL,
    quality_gate             BOOLEAN       NOT NULL DEFAULT FALSE,
    failure_limit            INTEGER       NOT NULL CHECK (failure_limit >= 1),
    failures                 INTEGER       NOT NULL DEFAULT 0,
    -- running | paused (no data until the progress deadline) | promoted | aborted
    status                   VARCHAR(20)   NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'paused', 'promoted', 'aborted')),
    -- the agent's configuration before the canary: an abort restores exactly this
    pre_config_version       INTEGER,
    pre_config_hash          VARCHAR(64),
    step_started_at          TIMESTAMPTZ   NOT NULL,
    progress_deadline_seconds INTEGER      NOT NULL,
    next_check_at            TIMESTAMPTZ   NOT NULL,
    leased_until             TIMESTAMPTZ,
    lease_owner              VARCHAR(100),
    started_at               TIMESTAMPTZ   NOT NULL,
    finished_at              TIMESTAMPTZ,
    abort_reason             TEXT,
    created_by               VARCHAR(255),
    created_at               TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_canaries_workspace ON canaries (workspace_id, started_at DESC);
CREATE INDEX idx_canaries_due ON canaries (next_check_at) WHERE status = 'running';
CREATE UNIQUE INDEX idx_canaries_one_live ON canaries (workspace_id, agent_id) WHERE status IN ('running', 'paused');

-- Every check of the controller: one row per interval, with its verdict and what it did.
CREATE TABLE canary_analysis_runs (
    id             BIGSERIAL PRIMARY KEY,
    workspace_id   UUID             NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    canary_id      UUID             NOT NULL REFERENCES canaries (id) ON DELETE CASCADE,
    step_index     INTEGER          NOT NULL,
    weight         INTEGER          NOT NULL,
    checked_at     TIMESTAMPTZ      NOT NULL,
    -- pass | fail | inconclusive
    verdict        VARCHAR(20)      NOT NULL CHECK (verdict IN ('pass', 'fail', 'inconclusive')),
    control_n      BIGINT           NOT NULL,
    canary_n       BIGINT           NOT NULL,
    control_errors BIGINT           NOT NULL,
    canary_errors  BIGINT           NOT NULL,
    control_p90    DOUBLE PRECISION,
    canary_p90     DOUBLE PRECISION,
    checks         JSONB            NOT NULL DEFAULT '[]'::jsonb,
    -- advanced | promoted | aborted | waiting | paused
    outcome        VARCHAR(20)      NOT NULL,
    action_id      UUID
);
CREATE INDEX idx_canary_runs ON canary_analysis_runs (workspace_id, canary_id, checked_at);

-- Results and canaries read traces of one agent and variant over a window.
CREATE INDEX IF NOT EXISTS idx_traces_experiment_variant ON traces (workspace_id, experiment_variant_id, timestamp)
    WHERE experiment_variant_id IS NOT NULL;

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['experiments', 'experiment_variants', 'experiment_results', 'canaries',
            'canary_analysis_runs']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON experiments, experiment_variants, experiment_results, canaries,
    canary_analysis_runs TO ${app_role};
GRANT USAGE, SELECT ON SEQUENCE experiment_results_id_seq, canary_analysis_runs_id_seq TO ${app_role};
