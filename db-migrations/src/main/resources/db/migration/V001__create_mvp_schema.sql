-- The single-agent MVP schema, as it existed before the enterprise phase.
-- Kept verbatim so the enterprise migration (V002) can be proven non-destructive
-- against MVP-shaped data: never edit this file.

CREATE TABLE workspaces (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name        VARCHAR(255) NOT NULL,
    slug        VARCHAR(100) NOT NULL UNIQUE,
    plan        VARCHAR(50)  NOT NULL DEFAULT 'free',
    is_active   BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);

CREATE TABLE agents (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id     VARCHAR(255) NOT NULL,
    name         VARCHAR(255),
    description  TEXT,
    is_active    BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_agents_workspace_id ON agents (workspace_id);

-- workspace_id was nullable in the MVP (single-tenant installs wrote none).
CREATE TABLE traces (
    trace_id       VARCHAR(64) PRIMARY KEY,
    workspace_id   UUID REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id       VARCHAR(255) NOT NULL,
    timestamp      TIMESTAMPTZ  NOT NULL,
    input          TEXT,
    output         TEXT,
    error          TEXT,
    latency_ms     INTEGER,
    status         VARCHAR(20)  NOT NULL DEFAULT 'success',
    model          VARCHAR(100),
    model_provider VARCHAR(50),
    tokens_input   INTEGER,
    tokens_output  INTEGER,
    tokens_total   INTEGER,
    cost_usd       NUMERIC(12, 6),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_traces_timestamp ON traces (timestamp DESC);
CREATE INDEX idx_traces_agent_id ON traces (agent_id, timestamp DESC);
