-- Repeatable migration: functions of the cost recompute (V143).

-- agentobs_claim_cost_recompute: leases the oldest queued or running recompute whose lease has passed (or
-- is the caller's), marking it running. Why: the worker looks across workspaces, which RLS hides; it
-- answers ids only, and every page is then read and written inside the run's workspace.
CREATE OR REPLACE FUNCTION agentobs_claim_cost_recompute(p_holder VARCHAR, p_lease INTERVAL)
    RETURNS TABLE (id UUID, workspace_id UUID)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
UPDATE cost_recomputes r
SET status = 'running', lease_holder = p_holder, leased_until = NOW() + p_lease,
    started_at = COALESCE(r.started_at, NOW()), updated_at = NOW()
FROM (SELECT d.id FROM cost_recomputes d
      WHERE d.status IN ('queued', 'running') AND (d.leased_until IS NULL OR d.leased_until < NOW()
                                                  OR d.lease_holder = p_holder)
      ORDER BY d.created_at, d.id
      LIMIT 1 FOR UPDATE SKIP LOCKED) due
WHERE r.id = due.id
RETURNING r.id, r.workspace_id
$$;

REVOKE ALL ON FUNCTION agentobs_claim_cost_recompute(VARCHAR, INTERVAL) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_claim_cost_recompute(VARCHAR, INTERVAL) TO ${app_role};
