-- Experiments and canaries: the cross-workspace work lists of evaluation-service's schedules
-- (SECURITY DEFINER: they return ids only; every read after them runs in the workspace under RLS),
-- and the notification that makes guardrail-service rebuild an agent's configuration (its
-- `experiments` block) when an experiment or its split changes.

CREATE OR REPLACE FUNCTION agentobs_running_experiments()
    RETURNS TABLE (workspace_id UUID, id UUID)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
-- running ones, and any started one that has no result yet (e.g. history loaded by the seeder)
SELECT e.workspace_id, e.id FROM experiments e
WHERE e.status = 'running'
   OR (e.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM experiment_results r WHERE r.experiment_id = e.id))
ORDER BY e.workspace_id, e.id
$$;
REVOKE ALL ON FUNCTION agentobs_running_experiments() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_running_experiments() TO ${app_role};

-- Leases running canaries due at p_now (the controller's clock) that no live lease holds.
CREATE OR REPLACE FUNCTION agentobs_claim_due_canaries(p_holder VARCHAR, p_now TIMESTAMPTZ, p_lease INTERVAL,
                                                       p_limit INTEGER)
    RETURNS TABLE (workspace_id UUID, id UUID)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
UPDATE canaries c
SET lease_owner = p_holder, leased_until = p_now + p_lease
FROM (SELECT d.id FROM canaries d
      WHERE d.status = 'running' AND d.next_check_at <= p_now
        AND (d.leased_until IS NULL OR d.leased_until < p_now OR d.lease_owner = p_holder)
      ORDER BY d.next_check_at, d.id
      LIMIT p_limit FOR UPDATE SKIP LOCKED) due
WHERE c.id = due.id
RETURNING c.workspace_id, c.id
$$;
REVOKE ALL ON FUNCTION agentobs_claim_due_canaries(VARCHAR, TIMESTAMPTZ, INTERVAL, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_claim_due_canaries(VARCHAR, TIMESTAMPTZ, INTERVAL, INTEGER) TO ${app_role};

CREATE OR REPLACE FUNCTION agentobs_notify_experiment_config() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    v_ws    UUID;
    v_agent TEXT;
BEGIN
    IF TG_TABLE_NAME = 'experiments' THEN
        v_ws := COALESCE(NEW.workspace_id, OLD.workspace_id);
        v_agent := COALESCE(NEW.agent_id, OLD.agent_id);
    ELSE
        SELECT e.workspace_id, e.agent_id INTO v_ws, v_agent
        FROM experiments e WHERE e.id = COALESCE(NEW.experiment_id, OLD.experiment_id);
    END IF;
    IF v_agent IS NOT NULL THEN
        PERFORM pg_notify('agentobs_agent_config', v_ws::text || ' ' || v_agent);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS trg_experiments_config_changed ON experiments;
CREATE TRIGGER trg_experiments_config_changed
    AFTER INSERT OR UPDATE OF status, salt, agent_id OR DELETE ON experiments
    FOR EACH ROW EXECUTE FUNCTION agentobs_notify_experiment_config();

DROP TRIGGER IF EXISTS trg_experiment_variants_config_changed ON experiment_variants;
CREATE TRIGGER trg_experiment_variants_config_changed
    AFTER INSERT OR UPDATE OF traffic_pct, overrides OR DELETE ON experiment_variants
    FOR EACH ROW EXECUTE FUNCTION agentobs_notify_experiment_config();
