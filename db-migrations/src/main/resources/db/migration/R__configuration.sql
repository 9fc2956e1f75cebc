-- guardrail-service's cross-workspace lookup for the scheduled drift and compliance passes
-- (SECURITY DEFINER, the only way around RLS): the workspaces that have agents.
CREATE OR REPLACE FUNCTION agentobs_configuration_workspaces()
    RETURNS SETOF UUID
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT DISTINCT a.workspace_id FROM agents a
$$;

REVOKE ALL ON FUNCTION agentobs_configuration_workspaces() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_configuration_workspaces() TO ${app_role};
