-- Agent configuration history (config_versions) and the columns the action framework needs
-- on action_audit_log. Additive only: no existing column or row changes.
-- Rollback: DROP TABLE config_versions CASCADE; ALTER TABLE action_audit_log
--           DROP COLUMN actor_subject, DROP COLUMN inverse.

-- 1. Config versions: one row per change of an agent's effective configuration (who, when,
--    why, diff). Append-only; a rollback appends a copy of an earlier version.
CREATE TABLE config_versions (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id           UUID        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    environment        VARCHAR(50) NOT NULL DEFAULT 'production',
    version_number     INTEGER     NOT NULL CHECK (version_number > 0),
    -- version, model, model_provider, rate_limit_rpm, guardrail_policy_id, lifecycle,
    -- deprecation_date, replacement_agent_id (keys snake_case)
    config             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    config_hash        VARCHAR(64) NOT NULL,
    -- ours: {key: {from, to}} against the previous version; {} for the first one
    diff               JSONB       NOT NULL DEFAULT '{}'::jsonb,
    change_summary     TEXT,
    status             VARCHAR(20) NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'pending_approval', 'approved', 'deployed', 'superseded', 'rolled_back',
                          'rejected')),
    created_by         UUID REFERENCES users (id) ON DELETE SET NULL,
    -- ours: the token subject of the author (users outside the users table, API keys, playbooks)
    created_by_subject VARCHAR(255),
    -- ours: the action that produced this version
    action_id          UUID REFERENCES action_audit_log (action_id) ON DELETE SET NULL,
    deployed_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (agent_id, environment, version_number)
);
CREATE INDEX idx_config_versions_workspace_id ON config_versions (workspace_id);
CREATE INDEX idx_config_versions_agent_created_at ON config_versions (agent_id, created_at DESC);
CREATE INDEX idx_config_versions_created_by ON config_versions (created_by);
CREATE INDEX idx_config_versions_action_id ON config_versions (action_id);

ALTER TABLE config_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_config_versions ON config_versions
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());

-- agents.current_config_version_id (V002) now points at a real row.
ALTER TABLE agents
    ADD CONSTRAINT fk_agents_current_config_version_id
        FOREIGN KEY (current_config_version_id) REFERENCES config_versions (id) ON DELETE SET NULL;
CREATE INDEX idx_agents_current_config_version_id ON agents (current_config_version_id);

-- 2. Action framework columns (ours).
ALTER TABLE action_audit_log
    -- the token subject of the actor (actor_user_id stays NULL when it is not in users)
    ADD COLUMN actor_subject VARCHAR(255),
    -- the recorded inverse a rollback applies ({} shape is the handler's own); NULL = none
    ADD COLUMN inverse       JSONB;
CREATE INDEX idx_action_audit_log_type_created_at ON action_audit_log (workspace_id, action_type, created_at DESC);
