-- Row-level security: the last line behind every service's own workspace_id filter.
-- Each transaction of a service sets `app.workspace_id` (SET LOCAL / set_config(..., true));
-- without it a tenant table shows no rows. Services connect as the application role
-- (${app_role}: owns nothing, no BYPASSRLS); migrations and the seeder run as the owner,
-- which RLS does not apply to (policies are ENABLEd, not FORCEd).

CREATE FUNCTION agentobs_current_workspace() RETURNS UUID
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT NULLIF(current_setting('app.workspace_id', TRUE), '')::UUID
$$;

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['agents', 'traces', 'spans', 'departments', 'environments', 'end_users',
            'api_keys', 'workspace_members', 'traces_hourly', 'traces_daily', 'action_audit_log']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$$;

ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_workspaces ON workspaces USING (id = agentobs_current_workspace());

-- Model prices: platform defaults (workspace_id NULL) are visible to everyone.
ALTER TABLE model_prices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_model_prices ON model_prices
    USING (workspace_id IS NULL OR workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());

-- Grants to the application role (created by ./agentobs or .ci/run before migrating).
GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${app_role};
REVOKE ALL ON TABLE flyway_schema_history FROM ${app_role};

-- Cross-tenant lookups the request path needs before it knows the workspace (agentobs_find_api_key,
-- agentobs_user_memberships) run as the owner (SECURITY DEFINER), return only what the caller needs, and
-- are the only way around the policies above; their text is in R__tenancy_lookups.sql.

