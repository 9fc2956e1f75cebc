-- alert-service's automation engine works across workspaces (SECURITY DEFINER, the only way
-- around RLS): it lists the workspaces that have enabled playbooks or unfinished executions, then
-- claims schedule slots and executions inside each workspace's own transaction.

CREATE OR REPLACE FUNCTION agentobs_automation_workspaces()
    RETURNS SETOF UUID
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT p.workspace_id FROM playbooks p WHERE p.is_enabled AND p.deleted_at IS NULL
UNION
SELECT e.workspace_id FROM playbook_executions e WHERE e.status IN ('queued', 'running', 'awaiting_approval')
$$;

REVOKE ALL ON FUNCTION agentobs_automation_workspaces() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_automation_workspaces() TO ${app_role};
