-- Invitations to a workspace. An admin adding a member by e-mail creates a pending invitation; the
-- membership exists only once the invited user, signed in, accepts it. The admin's answer is the same
-- whether or not the e-mail belongs to an account, so adding members cannot probe who is registered,
-- and nobody is put into a workspace (and given a second workspace to choose from) without consent.
-- At most one pending invitation per workspace and e-mail (inviting again refreshes it).
CREATE TABLE workspace_invitations (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- stored lower-case: matched against lower(users.email)
    email        VARCHAR(320) NOT NULL CHECK (email = lower(email)),
    role         VARCHAR(20)  NOT NULL CHECK (role IN ('viewer', 'analyst', 'operator', 'admin')),
    status       VARCHAR(20)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    invited_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    accepted_by  UUID REFERENCES users (id) ON DELETE SET NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    responded_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_workspace_invitations_workspace_id ON workspace_invitations (workspace_id);
CREATE UNIQUE INDEX idx_workspace_invitations_workspace_id_email_partial ON workspace_invitations (workspace_id, email)
    WHERE status = 'pending';
-- the invited user's own pending invitations, across workspaces
CREATE INDEX idx_workspace_invitations_email_partial ON workspace_invitations (email) WHERE status = 'pending';
CREATE INDEX idx_workspace_invitations_created_at ON workspace_invitations (created_at);
CREATE INDEX idx_workspace_invitations_invited_by ON workspace_invitations (invited_by);
CREATE INDEX idx_workspace_invitations_accepted_by ON workspace_invitations (accepted_by);

ALTER TABLE workspace_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_workspace_invitations ON workspace_invitations
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());

GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_invitations TO ${app_role};

-- Validation: SELECT status, COUNT(*) FROM workspace_invitations GROUP BY status;
-- (every accepted invitation has a workspace_members row for (workspace_id, accepted_by) unless removed since)
