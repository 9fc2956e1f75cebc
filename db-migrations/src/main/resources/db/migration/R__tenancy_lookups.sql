-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- Tenancy. Each service transaction sets app.workspace_id (set_config(..., true)); without it a tenant
-- table shows no rows to the application role. The two SECURITY DEFINER lookups are the only way around
-- the row-level-security policies: the request path needs them before it knows the workspace, so they
-- run as the owner and return only what the caller needs.

-- agentobs_current_workspace: the workspace of the current transaction (app.workspace_id), NULL when unset.
-- Why: every row-level-security policy compares against it, so an unscoped transaction sees nothing.
CREATE OR REPLACE FUNCTION agentobs_current_workspace() RETURNS UUID
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT NULLIF(current_setting('app.workspace_id', TRUE), '')::UUID
$$;

-- agentobs_find_api_key: an API key by its SHA-256 hash: its workspace, scopes and revocation time.
-- Why: the gateway's key exchange (and ingestion's direct key check) runs before any workspace is known.
CREATE OR REPLACE FUNCTION agentobs_find_api_key(p_key_hash TEXT)
    RETURNS TABLE (api_key_id UUID, workspace_id UUID, scopes VARCHAR[], revoked_at TIMESTAMPTZ)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT k.id, k.workspace_id, k.scopes, k.revoked_at FROM api_keys k WHERE k.key_hash = p_key_hash
$$;
REVOKE ALL ON FUNCTION agentobs_find_api_key(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_find_api_key(TEXT) TO ${app_role};

-- agentobs_user_memberships: a user's workspaces with slug, name and role.
-- Why: login and token refresh list them before a workspace is chosen.
CREATE OR REPLACE FUNCTION agentobs_user_memberships(p_user_id UUID)
    RETURNS TABLE (workspace_id UUID, workspace_slug VARCHAR, workspace_name VARCHAR, role VARCHAR)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT m.workspace_id, w.slug, w.name, m.role
FROM workspace_members m
         JOIN workspaces w ON w.id = m.workspace_id
WHERE m.user_id = p_user_id AND w.is_active
ORDER BY w.created_at, w.slug
$$;
REVOKE ALL ON FUNCTION agentobs_user_memberships(UUID) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_user_memberships(UUID) TO ${app_role};
