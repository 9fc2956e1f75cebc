-- Escalation policies: an incident of the policy's severity that is still open (not acknowledged)
-- after_minutes after it was detected notifies the policy's channels once and gets a timeline event.
-- Only incidents detected after the policy was created escalate (a new policy does not page for the
-- backlog). incident_escalations records each (incident, policy) step once: its primary key is the
-- guard that two evaluators never escalate twice. The notification outbox also carries incident
-- notifications now: alert_id becomes optional, incident_id is added, state 'escalated'.
-- Rollback: DROP TABLE incident_escalations, escalation_policies;
--           DELETE FROM alert_notifications WHERE alert_id IS NULL;
--           ALTER TABLE alert_notifications DROP COLUMN incident_id, ALTER COLUMN alert_id SET NOT NULL;
--           then restore the V110 state check.

CREATE TABLE escalation_policies (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    severity      VARCHAR(10)  NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
    after_minutes INTEGER      NOT NULL CHECK (after_minutes BETWEEN 1 AND 1440),
    channel_ids   UUID[]       NOT NULL CHECK (cardinality(channel_ids) BETWEEN 1 AND 10),
    is_enabled    BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by    VARCHAR(255),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    deleted_at    TIMESTAMPTZ
);
CREATE INDEX idx_escalation_policies_workspace_id ON escalation_policies (workspace_id) WHERE deleted_at IS NULL;

CREATE TABLE incident_escalations (
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    incident_id  UUID        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    policy_id    UUID        NOT NULL REFERENCES escalation_policies (id) ON DELETE CASCADE,
    escalated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, incident_id, policy_id)
);
CREATE INDEX idx_incident_escalations_incident_id ON incident_escalations (incident_id);
CREATE INDEX idx_incident_escalations_policy_id ON incident_escalations (policy_id);

ALTER TABLE alert_notifications ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE alert_notifications ADD COLUMN incident_id UUID REFERENCES incidents (id) ON DELETE CASCADE;
ALTER TABLE alert_notifications
    ADD CONSTRAINT alert_notifications_subject_check CHECK (alert_id IS NOT NULL OR incident_id IS NOT NULL);
ALTER TABLE alert_notifications DROP CONSTRAINT alert_notifications_state_check;
ALTER TABLE alert_notifications
    ADD CONSTRAINT alert_notifications_state_check CHECK (state IN ('firing', 'resolved', 'escalated'));
CREATE INDEX idx_alert_notifications_incident_id ON alert_notifications (incident_id);

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['escalation_policies', 'incident_escalations']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
            END LOOP;
    END
$$;
