-- The audit trail every action writes through the action pattern (one row per action, with who,
-- what, the parameters, the result and the action that undoes it).
CREATE TABLE action_audit_log (
    action_id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id          UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action_type           VARCHAR(100) NOT NULL,
    action_scope          VARCHAR(50)  NOT NULL CHECK (action_scope IN ('fleet', 'department', 'agent')),
    actor_user_id         UUID REFERENCES users (id) ON DELETE SET NULL,
    actor_type            VARCHAR(20)  NOT NULL DEFAULT 'user' CHECK (actor_type IN ('user', 'playbook', 'system')),
    target_type           VARCHAR(50),
    target_id             VARCHAR(255),
    action_params         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status                VARCHAR(20)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'rolled_back')),
    result                JSONB,
    rollback_action_id    UUID REFERENCES action_audit_log (action_id) ON DELETE SET NULL,
    playbook_execution_id UUID,
    approval_id           UUID,
    idempotency_key       VARCHAR(255),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    completed_at          TIMESTAMPTZ
);
CREATE INDEX idx_action_audit_log_workspace_created_at ON action_audit_log (workspace_id, created_at DESC);
CREATE INDEX idx_action_audit_log_target ON action_audit_log (workspace_id, target_type, target_id, created_at DESC);
CREATE INDEX idx_action_audit_log_actor_user_id ON action_audit_log (actor_user_id);
CREATE INDEX idx_action_audit_log_rollback_action_id ON action_audit_log (rollback_action_id);
CREATE UNIQUE INDEX idx_action_audit_log_idempotency_key_partial
    ON action_audit_log (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
