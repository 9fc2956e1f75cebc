-- alert-service's cross-workspace lookups (SECURITY DEFINER, the only way around RLS):
-- the evaluator lists the workspaces with enabled rules, unresolved alerts (a deleted rule's
-- alerts are resolved by the next pass) or escalation policies, the notification relay claims due
-- outbox rows of every workspace. Each then works inside that workspace's own transaction.

CREATE OR REPLACE FUNCTION agentobs_alert_workspaces()
    RETURNS SETOF UUID
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT r.workspace_id FROM alert_rules r WHERE r.is_enabled AND r.deleted_at IS NULL
UNION
SELECT a.workspace_id FROM alerts a WHERE a.status <> 'resolved'
UNION
SELECT p.workspace_id FROM escalation_policies p WHERE p.is_enabled AND p.deleted_at IS NULL
$$;

-- Due notifications leased to the caller for p_lease (SKIP LOCKED: two relays never take the
-- same row at once), attempts counted.
CREATE OR REPLACE FUNCTION agentobs_claim_alert_notifications(p_limit INTEGER, p_lease INTERVAL)
    RETURNS TABLE (id BIGINT, workspace_id UUID, attempts INTEGER)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
UPDATE alert_notifications o
SET next_attempt_at = NOW() + p_lease, attempts = o.attempts + 1
FROM (SELECT d.id FROM alert_notifications d
      WHERE d.sent_at IS NULL AND d.next_attempt_at <= NOW()
      ORDER BY d.next_attempt_at, d.id
      LIMIT p_limit FOR UPDATE SKIP LOCKED) due
WHERE o.id = due.id
RETURNING o.id, o.workspace_id, o.attempts
$$;

REVOKE ALL ON FUNCTION agentobs_alert_workspaces() FROM PUBLIC;
REVOKE ALL ON FUNCTION agentobs_claim_alert_notifications(INTEGER, INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_alert_workspaces() TO ${app_role};
GRANT EXECUTE ON FUNCTION agentobs_claim_alert_notifications(INTEGER, INTERVAL) TO ${app_role};
