-- Transactional outbox of the action pattern: the notification of a finished action
-- (actions:events) and its cache invalidation (INCR data_version) are written as a row in
-- the SAME transaction that completes or fails the action, so a committed action is never
-- left unannounced; a relay publishes the rows to Redis and marks them sent, retrying while
-- Redis is down (docs/ACTIONS.md). Delivery is at least once: consumers dedupe on action_id.
-- Also: the cross-workspace lookups the relay and the stuck-action sweeper need.
-- Rollback: DROP TABLE action_outbox; DROP FUNCTION agentobs_purge_action_outbox(INTERVAL); DROP FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL);
--           DROP FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER);
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

CREATE TABLE action_outbox (
    id                BIGSERIAL PRIMARY KEY,
    workspace_id      UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action_id         UUID        NOT NULL REFERENCES action_audit_log (action_id) ON DELETE CASCADE,
    -- the stream entry's fields (ActionEvent.toFields())
    event             JSONB       NOT NULL,
    -- INCR data_version:{workspace_id} when sent (completed actions)
    bump_data_version BOOLEAN     NOT NULL DEFAULT FALSE,
    attempts          INTEGER     NOT NULL DEFAULT 0,
    last_error        TEXT,
    -- not claimed again before this (a relay's lease, then the retry backoff)
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    sent_at           TIMESTAMPTZ
);
CREATE INDEX idx_action_outbox_unsent ON action_outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX idx_action_outbox_workspace_id ON action_outbox (workspace_id);
CREATE INDEX idx_action_outbox_action_id ON action_outbox (action_id);
CREATE INDEX idx_action_outbox_sent_at ON action_outbox (sent_at) WHERE sent_at IS NOT NULL;

ALTER TABLE action_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_action_outbox ON action_outbox
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());

-- Stuck actions: pending/in_progress rows not updated for p_older_than (their process died
-- between steps). Only ids: the sweeper fails each in its own workspace transaction.
CREATE INDEX idx_action_audit_log_unfinished ON action_audit_log (updated_at)
    WHERE status IN ('pending', 'in_progress');

GRANT SELECT, INSERT, UPDATE, DELETE ON action_outbox TO ${app_role};
GRANT USAGE, SELECT ON SEQUENCE action_outbox_id_seq TO ${app_role};
