-- Transactional outbox of the action pattern: the notification of a finished action
-- (actions:events) and its cache invalidation (INCR data_version) are written as a row in
-- the SAME transaction that completes or fails the action, so a committed action is never
-- left unannounced; a relay publishes the rows to Redis and marks them sent, retrying while
-- Redis is down (docs/ACTIONS.md). Delivery is at least once: consumers dedupe on action_id.
-- Also: the cross-workspace lookups the relay and the stuck-action sweeper need.
-- Rollback: DROP TABLE action_outbox; DROP FUNCTION agentobs_purge_action_outbox(INTERVAL); DROP FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL);
--           DROP FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER);

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

-- Due outbox rows of every workspace, leased to the caller for p_lease (SKIP LOCKED: two
-- relays never take the same row at once), attempts counted. Rows younger than p_min_age
-- are left to the fast path (the runner publishes right after its commit).
CREATE FUNCTION agentobs_claim_action_outbox(p_limit INTEGER, p_lease INTERVAL, p_min_age INTERVAL)
    RETURNS TABLE (id BIGINT, workspace_id UUID, action_id UUID, event JSONB, bump_data_version BOOLEAN,
                   attempts INTEGER)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
UPDATE action_outbox o
SET next_attempt_at = NOW() + p_lease, attempts = o.attempts + 1
FROM (SELECT d.id FROM action_outbox d
      WHERE d.sent_at IS NULL AND d.next_attempt_at <= NOW() AND d.created_at <= NOW() - p_min_age
      ORDER BY d.next_attempt_at, d.id
      LIMIT p_limit FOR UPDATE SKIP LOCKED) due
WHERE o.id = due.id
RETURNING o.id, o.workspace_id, o.action_id, o.event, o.bump_data_version, o.attempts
$$;

CREATE FUNCTION agentobs_find_stuck_actions(p_older_than INTERVAL, p_limit INTEGER)
    RETURNS TABLE (workspace_id UUID, action_id UUID)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT a.workspace_id, a.action_id FROM action_audit_log a
WHERE a.status IN ('pending', 'in_progress') AND a.updated_at < NOW() - p_older_than
ORDER BY a.updated_at
LIMIT p_limit
$$;

-- Sent rows are kept for p_older_than (inspection), then deleted.
CREATE FUNCTION agentobs_purge_action_outbox(p_older_than INTERVAL)
    RETURNS INTEGER
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
WITH gone AS (DELETE FROM action_outbox WHERE sent_at < NOW() - p_older_than RETURNING 1)
SELECT COUNT(*)::INTEGER FROM gone
$$;

REVOKE ALL ON FUNCTION agentobs_purge_action_outbox(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_purge_action_outbox(INTERVAL) TO ${app_role};
REVOKE ALL ON FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL) FROM PUBLIC;
REVOKE ALL ON FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL) TO ${app_role};
GRANT EXECUTE ON FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER) TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON action_outbox TO ${app_role};
GRANT USAGE, SELECT ON SEQUENCE action_outbox_id_seq TO ${app_role};
