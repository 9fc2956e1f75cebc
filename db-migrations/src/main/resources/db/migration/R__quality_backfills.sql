-- evaluation-service's backfill worker claims work across workspaces (SECURITY DEFINER, the only
-- way around RLS): the oldest queued or running backfill whose lease has passed, leased to the
-- caller (SKIP LOCKED: two workers never take the same one). The chunk itself runs in that
-- workspace's own transaction.

CREATE OR REPLACE FUNCTION agentobs_claim_evaluation_backfill(p_holder VARCHAR, p_lease INTERVAL)
    RETURNS TABLE (id UUID, workspace_id UUID)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
UPDATE evaluation_backfills b
SET status = 'running', lease_holder = p_holder, leased_until = NOW() + p_lease,
    started_at = COALESCE(b.started_at, NOW()), updated_at = NOW()
FROM (SELECT d.id FROM evaluation_backfills d
      WHERE d.status IN ('queued', 'running') AND (d.leased_until IS NULL OR d.leased_until < NOW()
                                                  OR d.lease_holder = p_holder)
      ORDER BY d.created_at, d.id
      LIMIT 1 FOR UPDATE SKIP LOCKED) due
WHERE b.id = due.id
RETURNING b.id, b.workspace_id
$$;

REVOKE ALL ON FUNCTION agentobs_claim_evaluation_backfill(VARCHAR, INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_claim_evaluation_backfill(VARCHAR, INTERVAL) TO ${app_role};
