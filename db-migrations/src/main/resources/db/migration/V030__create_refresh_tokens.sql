-- Refresh tokens of the gateway's built-in identity provider. Only the SHA-256 of a token is
-- stored. Each login starts a family; a refresh rotates the token inside its family (the old
-- one is revoked and points at its successor); presenting a rotated token again revokes the
-- whole family (reuse detection). Per user, not per workspace, so no row-level security:
-- the application role reaches rows only by the hash it was given.
CREATE TABLE refresh_tokens (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   UUID        NOT NULL,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    replaced_by UUID REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    created_ip  VARCHAR(64),
    user_agent  VARCHAR(255),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX idx_refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_expires_at ON refresh_tokens (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO ${app_role};

-- Validation: SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL AND expires_at < NOW();
-- (expired, unrevoked rows are harmless and may be deleted at any time)
