-- Business Impact (tab 7): what a successful request is worth per department (value models),
-- department goals with their linked agents and daily progress, and the forecasts the scheduled
-- business job writes (one run per series and scope, with its model, parameters and backtest
-- error, and its points with 80 % and 95 % bands).
-- Rollback: DROP TABLE impact_forecasts, forecast_runs, goal_progress, business_goals, value_models,
--           business_leases;

-- One value model per department: value per successful outcome (per_outcome) or hours saved per
-- successful outcome times a loaded hourly rate (hours_saved).
CREATE TABLE value_models (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id           UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    department_id          UUID          NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    model_type             VARCHAR(20)   NOT NULL CHECK (model_type IN ('per_outcome', 'hours_saved')),
    value_per_outcome_usd  NUMERIC(12, 4) CHECK (value_per_outcome_usd >= 0),
    hours_per_outcome      NUMERIC(10, 4) CHECK (hours_per_outcome >= 0),
    hourly_rate_usd        NUMERIC(10, 2) CHECK (hourly_rate_usd >= 0),
    outcome_label          VARCHAR(100)  NOT NULL DEFAULT 'successful request',
    updated_by_subject     VARCHAR(255),
    created_at             TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, department_id),
    CHECK ((model_type = 'per_outcome' AND value_per_outcome_usd IS NOT NULL)
        OR (model_type = 'hours_saved' AND hours_per_outcome IS NOT NULL AND hourly_rate_usd IS NOT NULL))
);
CREATE INDEX idx_value_models_department_id ON value_models (department_id);

-- A department goal over [start_date, target_date]: value_usd, hours_saved and successful_outcomes
-- accumulate over the period; roi_pct is the ROI of the period so far. current_value and status are
-- refreshed by the business job (reads recompute them live); closed goals keep their last figures.
CREATE TABLE business_goals (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    department_id      UUID           NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    name               VARCHAR(200)   NOT NULL,
    metric             VARCHAR(30)    NOT NULL
        CHECK (metric IN ('value_usd', 'hours_saved', 'successful_outcomes', 'roi_pct')),
    unit               VARCHAR(20)    NOT NULL,
    baseline_value     NUMERIC(16, 4) NOT NULL DEFAULT 0,
    target_value       NUMERIC(16, 4) NOT NULL CHECK (target_value > 0),
    current_value      NUMERIC(16, 4),
    start_date         DATE           NOT NULL,
    target_date        DATE           NOT NULL,
    status             VARCHAR(20)    NOT NULL DEFAULT 'on_track'
        CHECK (status IN ('on_track', 'at_risk', 'off_track', 'achieved')),
    linked_agent_ids   TEXT[]         NOT NULL DEFAULT '{}',
    owner_user_id      UUID REFERENCES users (id) ON DELETE SET NULL,
    closed_at          TIMESTAMPTZ,
    created_at         TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CHECK (target_date > start_date)
);
CREATE INDEX idx_business_goals_workspace ON business_goals (workspace_id, closed_at);
CREATE INDEX idx_business_goals_department_id ON business_goals (department_id);
CREATE INDEX idx_business_goals_owner_user_id ON business_goals (owner_user_id);

-- The goal's metric at the end of each day (cumulative for the accumulating metrics).
CREATE TABLE goal_progress (
    workspace_id  UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    goal_id       UUID           NOT NULL REFERENCES business_goals (id) ON DELETE CASCADE,
    day           DATE           NOT NULL,
    value         NUMERIC(16, 4) NOT NULL,
    created_at    TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    PRIMARY KEY (goal_id, day)
);
CREATE INDEX idx_goal_progress_workspace ON goal_progress (workspace_id);

-- One fitted forecast of a daily series (requests, cost_usd, value_usd) for the fleet
-- (department_id NULL) or one department: the model chosen, its parameters and its backtest.
CREATE TABLE forecast_runs (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id         UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    series               VARCHAR(20)   NOT NULL CHECK (series IN ('requests', 'cost_usd', 'value_usd')),
    department_id        UUID REFERENCES departments (id) ON DELETE CASCADE,
    model_name           VARCHAR(40)   NOT NULL CHECK (model_name IN ('holt_damped', 'holt_winters_weekly')),
    params               JSONB         NOT NULL,
    history_from         DATE          NOT NULL,
    history_to           DATE          NOT NULL,
    horizon_days         INTEGER       NOT NULL CHECK (horizon_days > 0),
    backtest_mape_pct    NUMERIC(8, 2),
    backtest_coverage_80 NUMERIC(5, 2),
    backtest_coverage_95 NUMERIC(5, 2),
    generated_at         TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    created_at           TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at           TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX uq_forecast_runs_scope ON forecast_runs (workspace_id, series,
    COALESCE(department_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX idx_forecast_runs_department_id ON forecast_runs (department_id);

CREATE TABLE impact_forecasts (
    workspace_id    UUID           NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    run_id          UUID           NOT NULL REFERENCES forecast_runs (id) ON DELETE CASCADE,
    forecast_date   DATE           NOT NULL,
    predicted_value NUMERIC(16, 4) NOT NULL,
    lower_80        NUMERIC(16, 4) NOT NULL,
    upper_80        NUMERIC(16, 4) NOT NULL,
    lower_95        NUMERIC(16, 4) NOT NULL,
    upper_95        NUMERIC(16, 4) NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    PRIMARY KEY (run_id, forecast_date),
    CHECK (lower_95 <= lower_80 AND lower_80 <= predicted_value AND predicted_value <= upper_80
        AND upper_80 <= upper_95)
);
CREATE INDEX idx_impact_forecasts_workspace ON impact_forecasts (workspace_id);

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['value_models', 'business_goals', 'goal_progress', 'forecast_runs',
            'impact_forecasts']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
            END LOOP;
    END
$$;

-- One business job pass at a time across query-service instances. Not tenant data (no RLS).
CREATE TABLE business_leases (
    name        VARCHAR(50) PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON business_leases TO ${app_role};
