-- Automations (tab 11): versioned playbooks (trigger, CEL condition, ordered steps), their
-- executions and per-step records (the idempotency key of each step's action), and the claimed
-- schedule slots that make a missed cron run happen exactly once. Incidents remember the
-- execution that resolved them (MTTR automated vs manual).
-- Rollback: DROP TABLE playbook_schedule_leases, playbook_execution_steps, playbook_executions,
--           (alert_notifications.alert_id SET NOT NULL after deleting rows without an alert),
--           playbook_versions, playbooks; ALTER TABLE incidents DROP COLUMN resolved_by_execution_id;

CREATE TABLE playbooks (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id             UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                     VARCHAR(200) NOT NULL,
    description              TEXT,
    -- alert / slo_breach: an alerts:events record; metric_threshold: a periodic check of the rollups;
    -- schedule: a cron expression; manual: only POST /playbooks/{id}/run
    trigger_type             VARCHAR(20)  NOT NULL
        CHECK (trigger_type IN ('alert', 'slo_breach', 'metric_threshold', 'schedule', 'manual')),
    trigger_config           JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- a boolean CEL expression over `event` (NULL: always)
    condition                TEXT,
    -- [{action_type, params, timeout_s, on_failure stop|continue|rollback, requires_approval, enabled}]
    steps                    JSONB        NOT NULL DEFAULT '[]'::jsonb,
    cooldown_seconds         INTEGER      NOT NULL DEFAULT 0 CHECK (cooldown_seconds >= 0),
    max_concurrent           INTEGER      NOT NULL DEFAULT 1 CHECK (max_concurrent BETWEEN 1 AND 100),
    approval_timeout_seconds INTEGER      NOT NULL DEFAULT 1800 CHECK (approval_timeout_seconds > 0),
    is_enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    version                  INTEGER      NOT NULL DEFAULT 1,
    -- schedule playbooks: the next slot to run (claimed under playbook_schedule_leases)
    next_run_at              TIMESTAMPTZ,
    last_triggered_at        TIMESTAMPTZ,
    created_by               VARCHAR(255),
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at               TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    deleted_at               TIMESTAMPTZ
);
CREATE UNIQUE INDEX idx_playbooks_name_partial ON playbooks (workspace_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX idx_playbooks_due ON playbooks (next_run_at) WHERE is_enabled AND deleted_at IS NULL;

-- Every definition a playbook ever had; an execution runs the version it was started with.
CREATE TABLE playbook_versions (
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    playbook_id  UUID         NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
    version      INTEGER      NOT NULL,
    definition   JSONB        NOT NULL,
    created_by   VARCHAR(255),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    PRIMARY KEY (playbook_id, version)
);

CREATE TABLE playbook_executions (
    id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id          UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    playbook_id           UUID         NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
    playbook_version      INTEGER      NOT NULL,
    mode                  VARCHAR(10)  NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'dry_run')),
    status                VARCHAR(20)  NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'awaiting_approval', 'succeeded', 'failed', 'cancelled',
                          'skipped', 'rolled_back')),
    -- why it ended that way: step_failed, approval_timeout, cooldown, cancelled, ...
    reason                VARCHAR(100),
    error                 TEXT,
    trigger_source        VARCHAR(20)  NOT NULL
        CHECK (trigger_source IN ('alert', 'slo_breach', 'metric_threshold', 'schedule', 'manual')),
    -- one execution per trigger occurrence (alert event id, schedule slot, metric window)
    trigger_key           VARCHAR(255),
    trigger_payload       JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- the user who asked (manual runs); may not approve the run's approval step
    triggered_by          VARCHAR(255),
    incident_id           UUID,
    -- the highest step index an approver released (-1: none)
    approved_through      INTEGER      NOT NULL DEFAULT -1,
    approved_by           VARCHAR(255),
    approval_deadline     TIMESTAMPTZ,
    claimed_by            VARCHAR(200),
    lease_expires_at      TIMESTAMPTZ,
    scheduled_for         TIMESTAMPTZ,
    queued_at             TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    started_at            TIMESTAMPTZ,
    first_step_started_at TIMESTAMPTZ,
    finished_at           TIMESTAMPTZ,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX idx_playbook_executions_trigger_partial ON playbook_executions (playbook_id, trigger_key)
    WHERE trigger_key IS NOT NULL;
CREATE INDEX idx_playbook_executions_ws_queued ON playbook_executions (workspace_id, queued_at DESC);
CREATE INDEX idx_playbook_executions_playbook ON playbook_executions (playbook_id, queued_at DESC);
CREATE INDEX idx_playbook_executions_unfinished ON playbook_executions (workspace_id, queued_at)
    WHERE status IN ('queued', 'running', 'awaiting_approval');

CREATE TABLE playbook_execution_steps (
    workspace_id       UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    execution_id       UUID         NOT NULL REFERENCES playbook_executions (id) ON DELETE CASCADE,
    step_index         INTEGER      NOT NULL CHECK (step_index >= 0),
    action_type        VARCHAR(100) NOT NULL,
    params             JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status             VARCHAR(20)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'planned', 'awaiting_approval', 'running', 'succeeded', 'failed',
                          'skipped', 'rolled_back')),
    -- {execution_id}:{step_index}: the action's Idempotency-Key, so a resumed run never repeats it
    idempotency_key    VARCHAR(255) NOT NULL,
    action_id          UUID,
    rollback_action_id UUID,
    owner_service      VARCHAR(30)  NOT NULL DEFAULT 'alert',
    attempts           INTEGER      NOT NULL DEFAULT 0,
    log                JSONB        NOT NULL DEFAULT '[]'::jsonb,
    error              TEXT,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    PRIMARY KEY (execution_id, step_index)
);
CREATE UNIQUE INDEX idx_playbook_execution_steps_key ON playbook_execution_steps (workspace_id, idempotency_key);
CREATE INDEX idx_playbook_execution_steps_failed ON playbook_execution_steps (workspace_id, action_type)
    WHERE status = 'failed';

-- One row per schedule slot ever claimed: the primary key makes two engines (or a restart that
-- catches up) start a slot at most once; a run missed during downtime is one slot, claimed once.
CREATE TABLE playbook_schedule_leases (
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    playbook_id   UUID         NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
    scheduled_for TIMESTAMPTZ  NOT NULL,
    claimed_by    VARCHAR(200) NOT NULL,
    claimed_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    execution_id  UUID REFERENCES playbook_executions (id) ON DELETE SET NULL,
    PRIMARY KEY (playbook_id, scheduled_for)
);

ALTER TABLE incidents ADD COLUMN resolved_by_execution_id UUID;

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['playbooks', 'playbook_versions', 'playbook_executions',
            'playbook_execution_steps', 'playbook_schedule_leases']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
            END LOOP;
    END
$$;

-- A playbook's notify step queues a notification that belongs to no alert.
ALTER TABLE alert_notifications ALTER COLUMN alert_id DROP NOT NULL;
