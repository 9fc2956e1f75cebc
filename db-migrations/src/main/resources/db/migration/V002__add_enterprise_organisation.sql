-- Enterprise phase: tenancy, identity, departments and environments, and the
-- organisational columns on agents and traces. Additive only, so an installation keeps every
-- row it had: new tables, new nullable/defaulted columns, backfills; no column or row is dropped.
-- Validation queries: asserted by MvpToEnterpriseMigrationIT.
-- Rollback: db-migrations/rollback/rollback_v002_enterprise.sql.

-- 1. Identity -----------------------------------------------------------------
ALTER TABLE workspaces ADD COLUMN settings JSONB NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE users (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email         VARCHAR(320) NOT NULL,
    display_name  VARCHAR(255),
    password_hash VARCHAR(255),
    is_active     BOOLEAN      NOT NULL DEFAULT TRUE,
    last_login_at TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX idx_users_email ON users (lower(email));

CREATE TABLE workspace_members (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         VARCHAR(20) NOT NULL CHECK (role IN ('viewer', 'analyst', 'operator', 'admin')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, user_id)
);
CREATE INDEX idx_workspace_members_workspace_id ON workspace_members (workspace_id);
CREATE INDEX idx_workspace_members_user_id ON workspace_members (user_id);

-- Keys are stored as a SHA-256 hash of the secret; key_prefix is the visible part.
CREATE TABLE api_keys (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(255) NOT NULL,
    key_prefix   VARCHAR(32)  NOT NULL,
    key_hash     VARCHAR(128) NOT NULL UNIQUE,
    scopes       VARCHAR(50)[] NOT NULL DEFAULT ARRAY['ingest']::VARCHAR(50)[],
    created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_api_keys_workspace_id ON api_keys (workspace_id);
CREATE INDEX idx_api_keys_created_by ON api_keys (created_by);

-- 2. Organisation ---------------------------------------------------------------
CREATE TABLE departments (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    department_name    VARCHAR(128) NOT NULL,
    department_code    VARCHAR(50)  NOT NULL,
    description        TEXT,
    budget_monthly_usd DECIMAL(10, 2),
    budget_warning_pct NUMERIC(5, 2) NOT NULL DEFAULT 80,
    owner_user_id      UUID REFERENCES users (id) ON DELETE SET NULL,
    is_active          BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, department_code)
);
CREATE INDEX idx_departments_workspace ON departments (workspace_id);
CREATE INDEX idx_departments_code ON departments (department_code);
CREATE INDEX idx_departments_owner_user_id ON departments (owner_user_id);

CREATE TABLE environments (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    environment_name VARCHAR(50) NOT NULL,
    environment_type VARCHAR(20) NOT NULL CHECK (environment_type IN ('prod', 'staging', 'dev', 'qa')),
    description      TEXT,
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, environment_name)
);
CREATE INDEX idx_environments_workspace ON environments (workspace_id);

-- The one place that maps an agent id onto a department code (used by this
-- backfill, by ingestion when it registers an unknown agent, and by the seeder).
CREATE FUNCTION agentobs_infer_department_code(p_agent_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN p_agent_id LIKE 'support-bot%' THEN 'support'
           WHEN p_agent_id LIKE 'sales-agent%' THEN 'sales'
           WHEN p_agent_id LIKE 'eng-%' THEN 'engineering'
           WHEN split_part(p_agent_id, '-', 1) IN ('engineering', 'sales', 'support', 'marketing', 'finance',
                                                   'hr', 'operations', 'product', 'data', 'legal')
               THEN split_part(p_agent_id, '-', 1)
           ELSE 'engineering'
           END
$$;

CREATE FUNCTION agentobs_department_name(p_code TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE p_code
           WHEN 'engineering' THEN 'Engineering'
           WHEN 'sales' THEN 'Sales'
           WHEN 'support' THEN 'Customer Support'
           WHEN 'marketing' THEN 'Marketing'
           WHEN 'finance' THEN 'Finance'
           WHEN 'hr' THEN 'Human Resources'
           WHEN 'operations' THEN 'Operations'
           WHEN 'product' THEN 'Product Management'
           WHEN 'data' THEN 'Data Science'
           WHEN 'legal' THEN 'Legal'
           ELSE initcap(replace(p_code, '-', ' '))
           END
$$;

CREATE TABLE end_users (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    external_user_id VARCHAR(255) NOT NULL,
    user_segment     VARCHAR(50) CHECK (user_segment IN ('power_user', 'regular', 'new', 'dormant')),
    department_id    UUID REFERENCES departments (id) ON DELETE SET NULL,
    first_seen_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    last_seen_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, external_user_id)
);
CREATE INDEX idx_end_users_workspace_id ON end_users (workspace_id);
CREATE INDEX idx_end_users_department_id ON end_users (department_id);
CREATE INDEX idx_end_users_first_seen_at ON end_users (workspace_id, first_seen_at);

-- 3. Tenancy backfill: MVP rows without a workspace go to the oldest workspace,
--    created as "Default Workspace" when there is none.
INSERT INTO workspaces (name, slug, plan)
SELECT 'Default Workspace', 'default', 'free'
WHERE NOT EXISTS (SELECT 1 FROM workspaces)
  AND (EXISTS (SELECT 1 FROM traces WHERE workspace_id IS NULL)
    OR EXISTS (SELECT 1 FROM agents WHERE workspace_id IS NULL));

UPDATE traces SET workspace_id = (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1)
WHERE workspace_id IS NULL;
UPDATE agents SET workspace_id = (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1)
WHERE workspace_id IS NULL;
ALTER TABLE traces ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE agents ALTER COLUMN workspace_id SET NOT NULL;

-- Agents seen only in traces become registry rows, so no trace is orphaned.
INSERT INTO agents (workspace_id, agent_id, name)
SELECT DISTINCT t.workspace_id, t.agent_id, t.agent_id
FROM traces t
WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.workspace_id = t.workspace_id AND a.agent_id = t.agent_id);

-- 4. Departments before backfill (traces and agents point at them) ---------------
INSERT INTO departments (workspace_id, department_code, department_name)
SELECT w.id, c.code, agentobs_department_name(c.code)
FROM workspaces w
         CROSS JOIN (VALUES ('engineering'), ('support'), ('sales')) AS c(code)
ON CONFLICT (workspace_id, department_code) DO NOTHING;

INSERT INTO departments (workspace_id, department_code, department_name)
SELECT DISTINCT a.workspace_id, agentobs_infer_department_code(a.agent_id),
                agentobs_department_name(agentobs_infer_department_code(a.agent_id))
FROM agents a
ON CONFLICT (workspace_id, department_code) DO NOTHING;

INSERT INTO environments (workspace_id, environment_name, environment_type)
SELECT w.id, e.name, e.type
FROM workspaces w
         CROSS JOIN (VALUES ('production', 'prod'), ('staging', 'staging'), ('development', 'dev')) AS e(name, type)
ON CONFLICT (workspace_id, environment_name) DO NOTHING;

-- 5. Agents ----------------------------------------------------------------------
ALTER TABLE agents
    ADD COLUMN department_id             UUID REFERENCES departments (id) ON DELETE SET NULL,
    ADD COLUMN environment               VARCHAR(50)  NOT NULL DEFAULT 'production',
    ADD COLUMN version                   VARCHAR(50)  NOT NULL DEFAULT 'v1.0',
    ADD COLUMN agent_status              VARCHAR(20)  NOT NULL DEFAULT 'active'
        CHECK (agent_status IN ('active', 'beta', 'deprecated')),
    ADD COLUMN owner_team                VARCHAR(128),
    ADD COLUMN last_deployed_at          TIMESTAMPTZ,
    ADD COLUMN deprecation_date          TIMESTAMPTZ,
    ADD COLUMN replacement_agent_id      UUID REFERENCES agents (id) ON DELETE SET NULL,
    ADD COLUMN is_paused                 BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN current_config_version_id UUID,
    ADD COLUMN model                     VARCHAR(100),
    ADD COLUMN model_provider            VARCHAR(50),
    ADD COLUMN rate_limit_rpm            INTEGER CHECK (rate_limit_rpm IS NULL OR rate_limit_rpm > 0),
    ADD COLUMN max_concurrency           INTEGER CHECK (max_concurrency IS NULL OR max_concurrency > 0),
    ADD COLUMN metadata                  JSONB        NOT NULL DEFAULT '{}'::jsonb;

UPDATE agents a
SET department_id = d.id
FROM departments d
WHERE d.workspace_id = a.workspace_id
  AND d.department_code = agentobs_infer_department_code(a.agent_id)
  AND a.department_id IS NULL;

CREATE UNIQUE INDEX idx_agents_workspace_agent_id ON agents (workspace_id, agent_id);
CREATE INDEX idx_agents_department ON agents (department_id);
CREATE INDEX idx_agents_environment ON agents (environment);
CREATE INDEX idx_agents_version ON agents (version);
CREATE INDEX idx_agents_status ON agents (agent_status);
CREATE INDEX idx_agents_replacement_agent_id ON agents (replacement_agent_id);

-- 6. Traces ----------------------------------------------------------------------
ALTER TABLE traces
    ADD COLUMN department_id         UUID REFERENCES departments (id) ON DELETE SET NULL,
    ADD COLUMN environment           VARCHAR(50),
    ADD COLUMN version               VARCHAR(50),
    ADD COLUMN agent_version         VARCHAR(50),
    ADD COLUMN intent_category       VARCHAR(100),
    ADD COLUMN user_segment          VARCHAR(50),
    ADD COLUMN sample_rate           INTEGER     NOT NULL DEFAULT 1 CHECK (sample_rate >= 1),
    ADD COLUMN user_id               VARCHAR(255),
    ADD COLUMN session_id            VARCHAR(255),
    ADD COLUMN experiment_variant_id UUID,
    ADD COLUMN metadata              JSONB       NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN span_count            INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN updated_at            TIMESTAMPTZ NOT NULL DEFAULT NOW();

-- Enforced for new rows; legacy rows are left as they were (NOT VALID).
ALTER TABLE traces ADD CONSTRAINT traces_status_check
    CHECK (status IN ('success', 'error', 'timeout')) NOT VALID;
ALTER TABLE traces ADD CONSTRAINT traces_user_segment_check
    CHECK (user_segment IN ('power_user', 'regular', 'new', 'dormant')) NOT VALID;

UPDATE traces t
SET department_id   = a.department_id,
    environment     = COALESCE(t.environment, 'production'),
    version         = COALESCE(t.version, 'v1.0'),
    agent_version   = COALESCE(t.agent_version, t.version, 'v1.0'),
    intent_category = COALESCE(t.intent_category, 'general'),
    user_segment    = COALESCE(t.user_segment, 'regular')
FROM agents a
WHERE a.workspace_id = t.workspace_id
  AND a.agent_id = t.agent_id;

-- Identity of a trace: (workspace_id, trace_id, timestamp). The time column is part
-- of the key so the same table can become a TimescaleDB hypertable (V006).
ALTER TABLE traces DROP CONSTRAINT traces_pkey;
ALTER TABLE traces ADD CONSTRAINT traces_pkey PRIMARY KEY (workspace_id, trace_id, timestamp);

CREATE INDEX idx_traces_workspace_timestamp ON traces (workspace_id, timestamp DESC);
CREATE INDEX idx_traces_workspace_agent_timestamp ON traces (workspace_id, agent_id, timestamp DESC);
CREATE INDEX idx_traces_department_id ON traces (department_id, timestamp DESC);
CREATE INDEX idx_traces_environment ON traces (environment, timestamp DESC);
CREATE INDEX idx_traces_version ON traces (version, timestamp DESC);
CREATE INDEX idx_traces_intent_category ON traces (intent_category, timestamp DESC);
CREATE INDEX idx_traces_user_segment ON traces (user_segment, timestamp DESC);
CREATE INDEX idx_traces_metadata_gin ON traces USING GIN (metadata);
