-- Quality (evaluation-service): versioned rubrics, evaluator rules, evaluations (one score per
-- trace, rubric version and evaluator), the human review queue and the hourly quality rollup
-- the Quality tab and Home read. Tenant tables: RLS on app.workspace_id like V005.
-- Rollback: DROP TABLE evaluation_rollups_hourly, review_queue_items, evaluations, evaluator_rules,
--           rubric_versions, rubrics;

-- A rubric: its identity, assignment and lifecycle; the criteria live in its versions.
CREATE TABLE rubrics (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id         UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                 VARCHAR(200) NOT NULL,
    description          TEXT,
    current_version      INTEGER      NOT NULL DEFAULT 1 CHECK (current_version >= 1),
    -- agents (agents.agent_id) and departments (department_code) whose traces it scores; both empty = all
    assigned_agent_ids   TEXT[]       NOT NULL DEFAULT '{}',
    assigned_departments TEXT[]       NOT NULL DEFAULT '{}',
    archived_at          TIMESTAMPTZ,
    created_by           UUID,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_rubrics_workspace ON rubrics (workspace_id, name);
CREATE UNIQUE INDEX idx_rubrics_workspace_name_live ON rubrics (workspace_id, lower(name)) WHERE archived_at IS NULL;

-- Each update writes a new version; scores name the version they were computed with.
CREATE TABLE rubric_versions (
    workspace_id   UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rubric_id      UUID         NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    version        INTEGER      NOT NULL CHECK (version >= 1),
    -- [{key, name, description, weight, check}], weights sum to 1
    criteria       JSONB        NOT NULL,
    -- a score at or above passes
    pass_threshold NUMERIC(5, 2) NOT NULL DEFAULT 75 CHECK (pass_threshold BETWEEN 0 AND 100),
    -- the instructions an llm_judge evaluator sends with the rubric
    judge_prompt   TEXT,
    created_by     UUID,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    PRIMARY KEY (rubric_id, version)
);
CREATE INDEX idx_rubric_versions_workspace ON rubric_versions (workspace_id);

-- Which traces get scored, by which evaluator, against which rubric.
CREATE TABLE evaluator_rules (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id       UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               VARCHAR(200)  NOT NULL,
    rubric_id          UUID          NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    evaluator          VARCHAR(20)   NOT NULL CHECK (evaluator IN ('heuristic', 'llm_judge')),
    -- filters (NULL = any): department codes, environments, agent ids, versions, intents
    departments        TEXT[],
    environments       TEXT[],
    agent_ids          TEXT[],
    versions           TEXT[],
    intents            TEXT[],
    -- share of matching traces scored; a trace is in the sample when
    -- hash(sampling_seed, trace_id) / 2^64 < sampling_rate (rules sharing a seed pick nested sets)
    sampling_rate      NUMERIC(5, 4) NOT NULL DEFAULT 1 CHECK (sampling_rate BETWEEN 0 AND 1),
    sampling_seed      VARCHAR(100)  NOT NULL DEFAULT 'default',
    daily_cost_cap_usd NUMERIC(10, 4),
    is_enabled         BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_evaluator_rules_workspace ON evaluator_rules (workspace_id) WHERE is_enabled;
CREATE INDEX idx_evaluator_rules_rubric ON evaluator_rules (rubric_id);

-- One result per (trace, rubric version, evaluator): replays and reruns write nothing twice.
-- status: scored (score set) | error (never a score) | budget_exhausted (judge call skipped by the cap).
CREATE TABLE evaluations (
    id              BIGSERIAL,
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    trace_id        VARCHAR(64)   NOT NULL,
    trace_timestamp TIMESTAMPTZ   NOT NULL,
    agent_id        VARCHAR(255)  NOT NULL,
    department_code VARCHAR(50),
    environment     VARCHAR(50),
    agent_version   VARCHAR(50),
    intent_category VARCHAR(100),
    rubric_id       UUID          NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    rubric_version  INTEGER       NOT NULL,
    evaluator       VARCHAR(20)   NOT NULL CHECK (evaluator IN ('heuristic', 'llm_judge', 'human')),
    rule_id         UUID          REFERENCES evaluator_rules (id) ON DELETE SET NULL,
    status          VARCHAR(20)   NOT NULL CHECK (status IN ('scored', 'error', 'budget_exhausted')),
    score           NUMERIC(5, 2) CHECK (score BETWEEN 0 AND 100),
    passed          BOOLEAN,
    criteria_scores JSONB         NOT NULL DEFAULT '{}'::jsonb,
    label           VARCHAR(50),
    reasoning       TEXT,
    error           TEXT,
    judge_tokens    INTEGER,
    judge_cost_usd  NUMERIC(12, 6),
    reviewer        VARCHAR(255),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    PRIMARY KEY (id),
    CONSTRAINT evaluations_score_iff_scored CHECK ((status = 'scored') = (score IS NOT NULL)),
    CONSTRAINT evaluations_unique_result UNIQUE (workspace_id, trace_id, rubric_id, rubric_version, evaluator)
);
CREATE INDEX idx_evaluations_workspace_time ON evaluations (workspace_id, trace_timestamp DESC);
CREATE INDEX idx_evaluations_low_scores ON evaluations (workspace_id, score, trace_timestamp DESC)
    WHERE status = 'scored';
CREATE INDEX idx_evaluations_rule_day ON evaluations (rule_id, created_at) WHERE evaluator = 'llm_judge';

-- Traces waiting for a human: leased to a reviewer while open, done when an evaluation is written.
CREATE TABLE review_queue_items (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    trace_id        VARCHAR(64)  NOT NULL,
    trace_timestamp TIMESTAMPTZ  NOT NULL,
    agent_id        VARCHAR(255) NOT NULL,
    rubric_id       UUID         NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
    reason          VARCHAR(200),
    status          VARCHAR(20)  NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    assignee        VARCHAR(255),
    leased_until    TIMESTAMPTZ,
    evaluation_id   BIGINT REFERENCES evaluations (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    completed_at    TIMESTAMPTZ,
    UNIQUE (workspace_id, trace_id, rubric_id)
);
CREATE INDEX idx_review_queue_open ON review_queue_items (workspace_id, created_at) WHERE status = 'open';

-- Hourly quality per workspace, agent, department, environment, version and evaluator: added to in the
-- transaction that inserts the evaluations (only rows actually inserted), so it never double counts.
-- Bands: excellent >= 90, good >= 75, fair >= 60, poor < 60.
CREATE TABLE evaluation_rollups_hourly (
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    hour            TIMESTAMPTZ   NOT NULL,
    agent_id        VARCHAR(255)  NOT NULL,
    department_code VARCHAR(50)   NOT NULL DEFAULT '',
    environment     VARCHAR(50)   NOT NULL DEFAULT '',
    agent_version   VARCHAR(50)   NOT NULL DEFAULT '',
    evaluator       VARCHAR(20)   NOT NULL,
    score_count     BIGINT        NOT NULL,
    score_sum       NUMERIC(16, 2) NOT NULL,
    pass_count      BIGINT        NOT NULL,
    error_count     BIGINT        NOT NULL,
    excellent_count BIGINT        NOT NULL,
    good_count      BIGINT        NOT NULL,
    fair_count      BIGINT        NOT NULL,
    poor_count      BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, hour, agent_id, department_code, environment, agent_version, evaluator)
);

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['rubrics', 'rubric_versions', 'evaluator_rules', 'evaluations',
            'review_queue_items', 'evaluation_rollups_hourly']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
            END LOOP;
    END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON rubrics, rubric_versions, evaluator_rules, evaluations, review_queue_items,
    evaluation_rollups_hourly TO ${app_role};
GRANT USAGE, SELECT ON SEQUENCE evaluations_id_seq TO ${app_role};
