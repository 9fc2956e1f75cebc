-- Configuration & Policy (tab 10): what agents report they run, drift findings and ignore rules,
-- CEL policies and their evaluations, change approvals with their decisions, and role assignments
-- (department-scoped and time-boxed grants on top of the workspace role).
-- Rollback: DROP TABLE approval_decisions, change_approvals, policy_evaluations, policies,
--           config_drift_checks, drift_ignore_rules, agent_observed_state, role_assignments,
--           configuration_leases; ALTER TABLE agents DROP COLUMN logical_agent_key;
--           (and recreate V051's trigger trg_agents_config_changed)

-- The same logical agent deployed in several environments shares this key (NULL: its own agent_id).
ALTER TABLE agents ADD COLUMN logical_agent_key VARCHAR(255);
CREATE INDEX idx_agents_logical_agent_key ON agents (workspace_id, logical_agent_key);

-- The free-form part of the configuration (prompt, temperature, budget, …) lives in
-- agents.metadata -> 'config_settings': a change to it must evict cached configurations too.
DROP TRIGGER trg_agents_config_changed ON agents;
CREATE TRIGGER trg_agents_config_changed
    AFTER UPDATE ON agents
    FOR EACH ROW
    WHEN (OLD.agent_id IS DISTINCT FROM NEW.agent_id
        OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
        OR OLD.environment IS DISTINCT FROM NEW.environment
        OR OLD.is_paused IS DISTINCT FROM NEW.is_paused
        OR OLD.agent_status IS DISTINCT FROM NEW.agent_status
        OR OLD.version IS DISTINCT FROM NEW.version
        OR OLD.model IS DISTINCT FROM NEW.model
        OR OLD.model_provider IS DISTINCT FROM NEW.model_provider
        OR OLD.rate_limit_rpm IS DISTINCT FROM NEW.rate_limit_rpm
        OR (OLD.metadata ->> 'guardrail_policy_id') IS DISTINCT FROM (NEW.metadata ->> 'guardrail_policy_id')
        OR (OLD.metadata -> 'config_settings') IS DISTINCT FROM (NEW.metadata -> 'config_settings')
        OR OLD.deprecation_date IS DISTINCT FROM NEW.deprecation_date
        OR OLD.replacement_agent_id IS DISTINCT FROM NEW.replacement_agent_id
        OR OLD.current_config_version_id IS DISTINCT FROM NEW.current_config_version_id)
EXECUTE FUNCTION agentobs_notify_agent_config();

-- What each agent last reported it runs (POST /agents/{id}/heartbeat, or metadata.config_hash on a
-- trace). mismatch_count = consecutive reports whose hash differs from the desired one.
CREATE TABLE agent_observed_state (
    workspace_id     UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id         UUID        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    observed_hash    VARCHAR(64) NOT NULL,
    desired_hash     VARCHAR(64),
    source           VARCHAR(10) NOT NULL CHECK (source IN ('heartbeat', 'trace')),
    runtime_version  VARCHAR(100),
    mismatch_count   INTEGER     NOT NULL DEFAULT 0 CHECK (mismatch_count >= 0),
    reported_at      TIMESTAMPTZ NOT NULL,
    last_matched_at  TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (workspace_id, agent_id)
);
CREATE INDEX idx_agent_observed_state_agent_id ON agent_observed_state (agent_id);

-- Paths (JSON Pointer into the configuration, e.g. /rate_limit_rpm, /settings/temperature) that may
-- legitimately differ; NULL environment / agent = every one. A path covers everything under it.
CREATE TABLE drift_ignore_rules (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    path               VARCHAR(300) NOT NULL CHECK (path LIKE '/%'),
    environment        VARCHAR(50),
    agent_key          VARCHAR(255),
    reason             TEXT,
    created_by_subject VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_drift_ignore_rules_workspace_id ON drift_ignore_rules (workspace_id);

-- The current drift finding per agent and kind (one row, updated by each check; resolved_at set
-- when a check finds it gone). desired_vs_observed: what the agent runs (or what its row holds)
-- differs from its current version; env_vs_production: a non-production agent differs from the
-- production agent of the same logical key in a non-ignored path.
CREATE TABLE config_drift_checks (
    workspace_id      UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id          UUID        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    drift_kind        VARCHAR(20) NOT NULL CHECK (drift_kind IN ('desired_vs_observed', 'env_vs_production')),
    is_drifted        BOOLEAN     NOT NULL,
    -- JSON Pointer paths that differ (after ignore rules)
    drifted_paths     JSONB       NOT NULL DEFAULT '[]'::jsonb,
    desired_hash      VARCHAR(64),
    observed_hash     VARCHAR(64),
    -- env_vs_production: the production agent compared with
    compared_agent_id UUID REFERENCES agents (id) ON DELETE SET NULL,
    first_detected_at TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ,
    checked_at        TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (workspace_id, agent_id, drift_kind)
);
CREATE INDEX idx_config_drift_checks_drifted ON config_drift_checks (workspace_id) WHERE is_drifted;
CREATE INDEX idx_config_drift_checks_agent_id ON config_drift_checks (agent_id);
CREATE INDEX idx_config_drift_checks_compared_agent_id ON config_drift_checks (compared_agent_id);

-- Governance policies as CEL: change_rule over {change, agent} is evaluated on every proposed
-- change (a match applies the effect); compliance_rule over {agent} must hold for every agent in
-- scope (evaluated on a schedule into policy_evaluations).
CREATE TABLE policies (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               VARCHAR(128) NOT NULL,
    description        TEXT,
    change_rule        TEXT,
    compliance_rule    TEXT,
    effect             VARCHAR(20)  NOT NULL DEFAULT 'audit'
        CHECK (effect IN ('audit', 'require_approval', 'deny')),
    required_approvals INTEGER      NOT NULL DEFAULT 1 CHECK (required_approvals BETWEEN 1 AND 5),
    severity           VARCHAR(10)  NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    -- {"departments": [codes], "environments": [names]}; an empty or missing list matches all
    scope              JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- monitor: recorded only; enforce: the effect applies to proposed changes
    mode               VARCHAR(10)  NOT NULL DEFAULT 'enforce' CHECK (mode IN ('monitor', 'enforce')),
    is_active          BOOLEAN      NOT NULL DEFAULT TRUE,
    version            INTEGER      NOT NULL DEFAULT 1 CHECK (version > 0),
    created_by_subject VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    CHECK (change_rule IS NOT NULL OR compliance_rule IS NOT NULL),
    UNIQUE (workspace_id, name)
);

-- The latest compliance result per policy and agent (replaced by each evaluation pass).
CREATE TABLE policy_evaluations (
    workspace_id    UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    policy_id       UUID        NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    agent_id        UUID        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    policy_version  INTEGER     NOT NULL,
    is_compliant    BOOLEAN     NOT NULL,
    -- the rule failed to evaluate for this agent (counted as non-compliant)
    error           TEXT,
    evaluated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, policy_id, agent_id)
);
CREATE INDEX idx_policy_evaluations_policy_id ON policy_evaluations (policy_id);
CREATE INDEX idx_policy_evaluations_agent_id ON policy_evaluations (agent_id);

-- A proposed change a policy held for approval: the action it will run, N approvers, expiry.
CREATE TABLE change_approvals (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id            UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id                UUID REFERENCES agents (id) ON DELETE CASCADE,
    action_type             VARCHAR(100) NOT NULL,
    action_params           JSONB        NOT NULL,
    -- RFC 6902 patch of the proposed change against the configuration it was proposed on
    change_patch            JSONB        NOT NULL DEFAULT '[]'::jsonb,
    base_config_hash        VARCHAR(64),
    -- [{policy_id, name}] that required the approval
    matched_policies        JSONB        NOT NULL DEFAULT '[]'::jsonb,
    required_approvals      INTEGER      NOT NULL DEFAULT 1 CHECK (required_approvals BETWEEN 1 AND 5),
    status                  VARCHAR(10)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
    reason                  TEXT,
    requested_by            UUID REFERENCES users (id) ON DELETE SET NULL,
    requested_by_subject    VARCHAR(255) NOT NULL,
    department_code         VARCHAR(50),
    expires_at              TIMESTAMPTZ  NOT NULL,
    decided_at              TIMESTAMPTZ,
    -- the action that applied the change (exactly one: set under the row lock)
    applied_action_id       UUID REFERENCES action_audit_log (action_id) ON DELETE SET NULL,
    applied_at              TIMESTAMPTZ,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_change_approvals_status ON change_approvals (workspace_id, status, created_at DESC);
CREATE INDEX idx_change_approvals_agent_id ON change_approvals (agent_id);
CREATE INDEX idx_change_approvals_requested_by ON change_approvals (requested_by);
CREATE INDEX idx_change_approvals_applied_action_id ON change_approvals (applied_action_id);

CREATE TABLE approval_decisions (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    approval_id      UUID         NOT NULL REFERENCES change_approvals (id) ON DELETE CASCADE,
    decision         VARCHAR(10)  NOT NULL CHECK (decision IN ('approve', 'reject')),
    decided_by       UUID REFERENCES users (id) ON DELETE SET NULL,
    decided_by_subject VARCHAR(255) NOT NULL,
    comment          TEXT,
    action_id        UUID REFERENCES action_audit_log (action_id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    -- one decision per person per approval
    UNIQUE (approval_id, decided_by_subject)
);
CREATE INDEX idx_approval_decisions_workspace_id ON approval_decisions (workspace_id);
CREATE INDEX idx_approval_decisions_decided_by ON approval_decisions (decided_by);
CREATE INDEX idx_approval_decisions_action_id ON approval_decisions (action_id);

-- Role grants on top of workspace_members.role: department-scoped (department_code) and/or
-- time-boxed (expires_at). Effective role = the highest of the base role and every grant in force.
CREATE TABLE role_assignments (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id            UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role               VARCHAR(20) NOT NULL CHECK (role IN ('viewer', 'analyst', 'operator', 'admin')),
    -- NULL: the whole workspace
    department_code    VARCHAR(50),
    starts_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at         TIMESTAMPTZ,
    reason             TEXT,
    granted_by_subject VARCHAR(255),
    revoked_at         TIMESTAMPTZ,
    revoked_by_subject VARCHAR(255),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CHECK (expires_at IS NULL OR expires_at > starts_at)
);
CREATE INDEX idx_role_assignments_user ON role_assignments (workspace_id, user_id);
CREATE INDEX idx_role_assignments_user_id ON role_assignments (user_id);

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['agent_observed_state', 'drift_ignore_rules', 'config_drift_checks', 'policies',
            'policy_evaluations', 'change_approvals', 'approval_decisions', 'role_assignments']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
            END LOOP;
    END
$$;

-- One drift / compliance pass at a time across guardrail instances. Not tenant data (no RLS).
CREATE TABLE configuration_leases (
    name        VARCHAR(50) PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON configuration_leases TO ${app_role};
