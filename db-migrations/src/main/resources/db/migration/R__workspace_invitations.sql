-- Repeatable migration: the current text of the functions below (Flyway re-applies this file when it changes,
-- after the versioned migrations); edit them here, never in a V file.

-- The body is checked when called, not here: a run that stops at an early version (the MVP-to-enterprise
-- migration test) applies this file before workspace_invitations exists.
SET LOCAL check_function_bodies = off;

-- agentobs_user_invitations: a user's pending, unexpired invitations with the workspace's slug and name.
-- Why: the invited user is not a member yet, so the invitation is outside every workspace the caller's
-- transaction may see; this read-only lookup returns only the invitations addressed to that user's e-mail.
CREATE OR REPLACE FUNCTION agentobs_user_invitations(p_user_id UUID)
    RETURNS TABLE (invitation_id UUID, workspace_id UUID, workspace_slug VARCHAR, workspace_name VARCHAR,
                   role VARCHAR, invited_at TIMESTAMPTZ, expires_at TIMESTAMPTZ)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$
SELECT i.id, i.workspace_id, w.slug, w.name, i.role, i.created_at, i.expires_at
FROM users u
         JOIN workspace_invitations i ON i.email = lower(u.email)
         JOIN workspaces w ON w.id = i.workspace_id
WHERE u.id = p_user_id
  AND u.is_active
  AND w.is_active
  AND i.status = 'pending'
  AND i.expires_at > NOW()
ORDER BY i.created_at, i.id
$$;
REVOKE ALL ON FUNCTION agentobs_user_invitations(UUID) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agentobs_user_invitations(UUID) TO ${app_role};
