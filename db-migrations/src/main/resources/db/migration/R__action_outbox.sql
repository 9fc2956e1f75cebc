-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- The action pattern's transactional outbox: a finished action's notification and cache invalidation are
-- a row written in the action's own transaction; a relay publishes rows to Redis and marks them sent
-- (at least once; consumers dedupe on action_id). These lookups cross workspaces, so they run as the
-- owner (SECURITY DEFINER) and return only ids and outbox rows.

-- agentobs_claim_action_outbox: due outbox rows of every workspace, leased to the caller for p_lease (SKIP
-- LOCKED), attempts counted; rows younger than p_min_age are left to the runner's fast path.
-- Why: two relays never take the same row at once, and a relay that dies loses only its lease.
CREATE OR REPLACE FUNCTION agentobs_claim_action_outbox(p_limit INTEGER, p_lease INTERVAL, p_min_age INTERVAL)
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
REVOKE ALL ON FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_claim_action_outbox(INTEGER, INTERVAL, INTERVAL) TO ${app_role};

-- agentobs_find_stuck_actions: pending/in_progress actions not updated for p_older_than (their process died
-- between steps), ids only.
-- Why: the sweeper fails each in its own workspace transaction, under row-level security.
CREATE OR REPLACE FUNCTION agentobs_find_stuck_actions(p_older_than INTERVAL, p_limit INTEGER)
    RETURNS TABLE (workspace_id UUID, action_id UUID)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT a.workspace_id, a.action_id FROM action_audit_log a
WHERE a.status IN ('pending', 'in_progress') AND a.updated_at < NOW() - p_older_than
ORDER BY a.updated_at
LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_find_stuck_actions(INTERVAL, INTEGER) TO ${app_role};

-- agentobs_purge_action_outbox: deletes sent rows older than p_older_than; returns how many.
-- Why: sent rows are kept for inspection for a while, not forever.
CREATE OR REPLACE FUNCTION agentobs_purge_action_outbox(p_older_than INTERVAL) RETURNS INTEGER
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
WITH gone AS (DELETE FROM action_outbox WHERE sent_at < NOW() - p_older_than RETURNING 1)
SELECT COUNT(*)::INTEGER FROM gone
$$;
REVOKE ALL ON FUNCTION agentobs_purge_action_outbox(INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_purge_action_outbox(INTERVAL) TO ${app_role};
