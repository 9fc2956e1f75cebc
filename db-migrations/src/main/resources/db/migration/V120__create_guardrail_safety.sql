-- Safety: guardrail policies, the violations they and the trace scanner record, hourly check
-- statistics of the inline check, and the agents' quarantine switch.
-- A violation never holds a raw value: details.excerpt is redacted before it is written.
-- Rollback: DROP TABLE guardrail_check_log_hourly, guardrail_violations, guardrail_policies;
--           ALTER TABLE agents DROP COLUMN is_quarantined; (and recreate V051's trigger)

CREATE TABLE guardrail_policies (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               VARCHAR(128) NOT NULL,
    description        TEXT,
    -- which detectors the policy acts on
    policy_type        VARCHAR(20)  NOT NULL
        CHECK (policy_type IN ('pii', 'secret', 'prompt_injection', 'toxicity', 'custom')),
    enforcement_mode   VARCHAR(10)  NOT NULL CHECK (enforcement_mode IN ('monitor', 'redact', 'block')),
    -- what happens when the check cannot decide in time: the SDK lets the text through (open) or blocks it (closed)
    fail_mode          VARCHAR(10)  NOT NULL DEFAULT 'open' CHECK (fail_mode IN ('open', 'closed')),
    -- {"entities": ["email", …] (empty: all of the type), "allow_list": ["…"], "patterns": [{"name", "pattern"}]}
    config             JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- {"departments": [codes], "agents": [agent ids], "environments": [names]}; an empty list matches all
    scope              JSONB        NOT NULL DEFAULT '{}'::jsonb,
    is_active          BOOLEAN      NOT NULL DEFAULT TRUE,
    version            INTEGER      NOT NULL DEFAULT 1 CHECK (version > 0),
    created_by_subject VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    UNIQUE (workspace_id, name)
);
CREATE INDEX idx_guardrail_policies_workspace ON guardrail_policies (workspace_id);

CREATE TABLE guardrail_violations (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    detected_at       TIMESTAMPTZ  NOT NULL,
    trace_id          VARCHAR(255),
    agent_id          VARCHAR(255) NOT NULL,
    department_code   VARCHAR(50),
    environment       VARCHAR(50),
    policy_id         UUID REFERENCES guardrail_policies (id) ON DELETE SET NULL,
    -- the finding type (email, credit_card, secret, prompt_injection, …) and its policy type
    violation_type    VARCHAR(40)  NOT NULL,
    category          VARCHAR(20)  NOT NULL,
    severity          VARCHAR(10)  NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    action_taken      VARCHAR(10)  NOT NULL CHECK (action_taken IN ('flagged', 'redacted', 'blocked')),
    confidence        NUMERIC(4, 3) NOT NULL,
    source            VARCHAR(12)  NOT NULL CHECK (source IN ('check', 'trace_scan')),
    direction         VARCHAR(6)   NOT NULL CHECK (direction IN ('input', 'output')),
    is_false_positive BOOLEAN      NOT NULL DEFAULT FALSE,
    reviewed_by       VARCHAR(255),
    -- {"excerpt": redacted text around the finding, "entity": detector sub-kind}
    details           JSONB        NOT NULL DEFAULT '{}'::jsonb,
    -- the trace scanner's key (trace, direction, type, offset): a replayed trace adds nothing
    dedup_key         VARCHAR(400),
    UNIQUE (workspace_id, dedup_key)
);
CREATE INDEX idx_guardrail_violations_time ON guardrail_violations (workspace_id, detected_at DESC);
CREATE INDEX idx_guardrail_violations_agent ON guardrail_violations (workspace_id, agent_id, detected_at DESC);
CREATE INDEX idx_guardrail_violations_policy_id ON guardrail_violations (policy_id);

-- Inline check statistics per agent and hour; latency_buckets counts checks per upper bound
-- (0.5, 1, 2, 5, 10, 20, 50, 100 ms, +inf) so percentiles merge across hours.
CREATE TABLE guardrail_check_log_hourly (
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    hour            TIMESTAMPTZ  NOT NULL,
    agent_id        VARCHAR(255) NOT NULL,
    checks          BIGINT       NOT NULL DEFAULT 0,
    flagged         BIGINT       NOT NULL DEFAULT 0,
    redacted        BIGINT       NOT NULL DEFAULT 0,
    blocked         BIGINT       NOT NULL DEFAULT 0,
    latency_buckets BIGINT[]     NOT NULL DEFAULT ARRAY [0,0,0,0,0,0,0,0,0]::BIGINT[],
    PRIMARY KEY (workspace_id, hour, agent_id)
);

ALTER TABLE guardrail_policies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_guardrail_policies ON guardrail_policies
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
ALTER TABLE guardrail_violations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_guardrail_violations ON guardrail_violations
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());
ALTER TABLE guardrail_check_log_hourly ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_guardrail_check_log_hourly ON guardrail_check_log_hourly
    USING (workspace_id = agentobs_current_workspace())
    WITH CHECK (workspace_id = agentobs_current_workspace());

GRANT SELECT, INSERT, UPDATE, DELETE ON guardrail_policies, guardrail_violations, guardrail_check_log_hourly
    TO ${app_role};

-- Quarantine: every inline check of the agent answers block, and its effective configuration says
-- quarantined. An operational switch like is_paused, not versioned configuration.
ALTER TABLE agents ADD COLUMN is_quarantined BOOLEAN NOT NULL DEFAULT FALSE;

-- The agent-configuration trigger (V051) also fires when the quarantine switch changes.
DROP TRIGGER trg_agents_config_changed ON agents;
CREATE TRIGGER trg_agents_config_changed
    AFTER UPDATE ON agents
    FOR EACH ROW
    WHEN (OLD.agent_id IS DISTINCT FROM NEW.agent_id
        OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
        OR OLD.environment IS DISTINCT FROM NEW.environment
        OR OLD.is_paused IS DISTINCT FROM NEW.is_paused
        OR OLD.is_quarantined IS DISTINCT FROM NEW.is_quarantined
        OR OLD.department_id IS DISTINCT FROM NEW.department_id
        OR OLD.agent_status IS DISTINCT FROM NEW.agent_status
        OR OLD.version IS DISTINCT FROM NEW.version
        OR OLD.model IS DISTINCT FROM NEW.model
        OR OLD.model_provider IS DISTINCT FROM NEW.model_provider
        OR OLD.rate_limit_rpm IS DISTINCT FROM NEW.rate_limit_rpm
        OR (OLD.metadata ->> 'guardrail_policy_id') IS DISTINCT FROM (NEW.metadata ->> 'guardrail_policy_id')
        OR OLD.deprecation_date IS DISTINCT FROM NEW.deprecation_date
        OR OLD.replacement_agent_id IS DISTINCT FROM NEW.replacement_agent_id
        OR OLD.current_config_version_id IS DISTINCT FROM NEW.current_config_version_id)
EXECUTE FUNCTION agentobs_notify_agent_config();
