-- The workspaces the business job refreshes (goals and forecasts): those with agents. SECURITY
-- DEFINER because the job lists them before it enters any workspace (RLS hides agents until then).
CREATE OR REPLACE FUNCTION agentobs_business_workspaces()
    RETURNS SETOF UUID
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT DISTINCT a.workspace_id FROM agents a
$$;

REVOKE ALL ON FUNCTION agentobs_business_workspaces() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_business_workspaces() TO ${app_role};
