-- Alerting, SLOs and incidents (alert-service). Rules are evaluated from the rollups
-- (traces_agent_hourly) plus at most the two partial edge hours from raw traces; alerts are
-- deduplicated by fingerprint (rule + scope) with a partial unique index, so a second
-- evaluator that slipped past the lease still cannot fire twice. Notifications go through an
-- outbox (at least once, one row per alert, target, state and repeat). Channel secrets are
-- stored encrypted (AES-GCM, key in the service's configuration) and never read back by an API.
-- Rollback: DROP TABLE postmortem_action_items, postmortems, incident_events, alert_notifications,
--           alerts, incidents, alert_silences, notification_channels, alert_rules, slos,
--           alert_evaluation_leases CASCADE;

CREATE TABLE slos (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id         UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                 VARCHAR(200) NOT NULL,
    -- event-based (burn-rate alerting): availability = non-error share, latency = share under threshold_ms;
    -- compliance views: share of hourly windows meeting target (latency_p90 ms, error_rate %, quality score)
    sli                  VARCHAR(20)  NOT NULL
        CHECK (sli IN ('availability', 'latency', 'latency_p90', 'error_rate', 'quality')),
    objective_pct        NUMERIC(6, 3) NOT NULL CHECK (objective_pct > 0 AND objective_pct < 100),
    threshold            NUMERIC(12, 3),
    scope_type           VARCHAR(20)  NOT NULL DEFAULT 'fleet' CHECK (scope_type IN ('fleet', 'department', 'agent')),
    scope_value          VARCHAR(255),
    window_days          INTEGER      NOT NULL DEFAULT 30 CHECK (window_days BETWEEN 1 AND 90),
    created_by           VARCHAR(255),
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    deleted_at           TIMESTAMPTZ,
    CHECK ((scope_type = 'fleet') = (scope_value IS NULL))
);
CREATE INDEX idx_slos_workspace_id ON slos (workspace_id) WHERE deleted_at IS NULL;

CREATE TABLE notification_channels (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name              VARCHAR(200) NOT NULL,
    kind              VARCHAR(20)  NOT NULL CHECK (kind IN ('webhook', 'slack', 'in_app')),
    url               TEXT,
    -- AES-GCM (base64 of iv || ciphertext) of the HMAC signing secret; never returned
    secret_ciphertext TEXT,
    is_enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by        VARCHAR(255),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    deleted_at        TIMESTAMPTZ,
    CHECK (kind = 'in_app' OR url IS NOT NULL)
);
CREATE INDEX idx_notification_channels_workspace_id ON notification_channels (workspace_id);

CREATE TABLE alert_rules (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id            UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                    VARCHAR(200)  NOT NULL,
    kind                    VARCHAR(20)   NOT NULL CHECK (kind IN ('threshold', 'burn_rate', 'anomaly')),
    severity                VARCHAR(10)   NOT NULL DEFAULT 'sev3' CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
    -- threshold / anomaly: the rollup measure and its window
    measure                 VARCHAR(30),
    comparator              VARCHAR(2) CHECK (comparator IN ('>', '>=', '<', '<=')),
    threshold               NUMERIC(16, 6),
    -- hysteresis: a firing alert resolves only when the value is back past this (default: threshold)
    resolve_threshold       NUMERIC(16, 6),
    window_minutes          INTEGER       NOT NULL DEFAULT 5 CHECK (window_minutes BETWEEN 1 AND 10080),
    for_minutes             INTEGER       NOT NULL DEFAULT 0 CHECK (for_minutes BETWEEN 0 AND 1440),
    group_by                VARCHAR(20)   NOT NULL DEFAULT 'fleet'
        CHECK (group_by IN ('fleet', 'agent', 'department', 'environment')),
    -- {department, environment, agent_id}: equality filters ANDed
    filters                 JSONB         NOT NULL DEFAULT '{}'::jsonb,
    -- burn_rate: the SLO and its window pairs [{long_minutes, short_minutes, factor, severity}]
    slo_id                  UUID REFERENCES slos (id) ON DELETE CASCADE,
    burn_windows            JSONB,
    -- anomaly: robust z-score threshold, minimum requests in the window, direction
    z_threshold             NUMERIC(6, 2),
    min_volume              INTEGER,
    direction               VARCHAR(5) CHECK (direction IN ('up', 'down', 'both')),
    repeat_interval_minutes INTEGER       NOT NULL DEFAULT 240 CHECK (repeat_interval_minutes BETWEEN 1 AND 10080),
    channel_ids             UUID[]        NOT NULL DEFAULT '{}',
    is_enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by              VARCHAR(255),
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    deleted_at              TIMESTAMPTZ,
    CHECK (kind <> 'burn_rate' OR (slo_id IS NOT NULL AND burn_windows IS NOT NULL)),
    CHECK (kind = 'burn_rate' OR measure IS NOT NULL)
);
CREATE INDEX idx_alert_rules_workspace_id ON alert_rules (workspace_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_alert_rules_slo_id ON alert_rules (slo_id);

CREATE TABLE alert_silences (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- equality matchers on an alert's labels: rule_id, severity, agent_id, department, environment
    matchers     JSONB       NOT NULL CHECK (jsonb_typeof(matchers) = 'object' AND matchers <> '{}'::jsonb),
    starts_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    ends_at      TIMESTAMPTZ NOT NULL,
    comment      TEXT,
    created_by   VARCHAR(255),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX idx_alert_silences_workspace_ends ON alert_silences (workspace_id, ends_at DESC);

CREATE TABLE incidents (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title           VARCHAR(300) NOT NULL,
    severity        VARCHAR(10)  NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
    status          VARCHAR(20)  NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'acknowledged', 'mitigated', 'resolved', 'closed')),
    -- the alert group that opened it (later alerts of the group attach while it is unresolved)
    group_key       VARCHAR(300),
    department      VARCHAR(50),
    agent_id        VARCHAR(255),
    cause           VARCHAR(100),
    assignee        VARCHAR(255),
    declared_by     VARCHAR(255),
    detected_at     TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    acknowledged_at TIMESTAMPTZ,
    mitigated_at    TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    CHECK (acknowledged_at IS NULL OR acknowledged_at >= detected_at),
    CHECK (resolved_at IS NULL OR resolved_at >= detected_at)
);
CREATE INDEX idx_incidents_workspace_detected ON incidents (workspace_id, detected_at DESC);
CREATE UNIQUE INDEX idx_incidents_open_group_partial ON incidents (workspace_id, group_key)
    WHERE status IN ('open', 'acknowledged', 'mitigated') AND group_key IS NOT NULL;

CREATE TABLE incident_events (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    incident_id  UUID        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    event_type   VARCHAR(40) NOT NULL,
    message      TEXT,
    actor        VARCHAR(255),
    data         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_incident_events_incident ON incident_events (incident_id, occurred_at);
CREATE INDEX idx_incident_events_workspace_id ON incident_events (workspace_id);

CREATE TABLE alerts (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rule_id           UUID          NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    -- sha-256 of rule id + scope labels: at most one unresolved alert per fingerprint
    fingerprint       VARCHAR(64)   NOT NULL,
    group_key         VARCHAR(300)  NOT NULL,
    title             VARCHAR(300)  NOT NULL,
    severity          VARCHAR(10)   NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
    status            VARCHAR(10)   NOT NULL CHECK (status IN ('pending', 'firing', 'resolved')),
    labels            JSONB         NOT NULL DEFAULT '{}'::jsonb,
    agent_id          VARCHAR(255),
    department        VARCHAR(50),
    environment       VARCHAR(50),
    value             NUMERIC(20, 6),
    threshold         NUMERIC(20, 6),
    started_at        TIMESTAMPTZ   NOT NULL,
    fired_at          TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ,
    last_evaluated_at TIMESTAMPTZ   NOT NULL,
    clear_count       INTEGER       NOT NULL DEFAULT 0,
    acknowledged_at   TIMESTAMPTZ,
    acknowledged_by   VARCHAR(255),
    silence_id        UUID REFERENCES alert_silences (id) ON DELETE SET NULL,
    inhibited_by      UUID REFERENCES alerts (id) ON DELETE SET NULL,
    incident_id       UUID REFERENCES incidents (id) ON DELETE SET NULL,
    last_notified_at  TIMESTAMPTZ,
    notify_seq        INTEGER       NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX idx_alerts_fingerprint_partial ON alerts (workspace_id, fingerprint) WHERE status <> 'resolved';
CREATE INDEX idx_alerts_workspace_started ON alerts (workspace_id, started_at DESC);
CREATE INDEX idx_alerts_workspace_status ON alerts (workspace_id, status) WHERE status <> 'resolved';
CREATE INDEX idx_alerts_rule_id ON alerts (rule_id);
CREATE INDEX idx_alerts_incident_id ON alerts (incident_id);

-- The notification outbox: one row per (alert, target, state, repeat); targets are a channel or
-- the alerts:events stream (channel_id NULL). At least once; receivers dedupe on dedup_key.
CREATE TABLE alert_notifications (
    id              BIGSERIAL PRIMARY KEY,
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    alert_id        UUID         NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel_id      UUID REFERENCES notification_channels (id) ON DELETE CASCADE,
    state           VARCHAR(10)  NOT NULL CHECK (state IN ('firing', 'resolved')),
    dedup_key       VARCHAR(200) NOT NULL,
    payload         JSONB        NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    sent_at         TIMESTAMPTZ,
    UNIQUE (workspace_id, dedup_key)
);
CREATE INDEX idx_alert_notifications_unsent ON alert_notifications (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX idx_alert_notifications_alert_id ON alert_notifications (alert_id);
CREATE INDEX idx_alert_notifications_channel_id ON alert_notifications (channel_id);

CREATE TABLE postmortems (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    incident_id  UUID        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    status       VARCHAR(20) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published')),
    summary      TEXT,
    root_cause   TEXT,
    author       VARCHAR(255),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    published_at TIMESTAMPTZ,
    UNIQUE (workspace_id, incident_id)
);
CREATE INDEX idx_postmortems_incident_id ON postmortems (incident_id);

CREATE TABLE postmortem_action_items (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    postmortem_id UUID         NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    title         VARCHAR(300) NOT NULL,
    owner         VARCHAR(255),
    status        VARCHAR(10)  NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    due_date      DATE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_postmortem_action_items_postmortem_id ON postmortem_action_items (postmortem_id);

DO
$$
    DECLARE
        t TEXT;
    BEGIN
        FOREACH t IN ARRAY ARRAY ['slos', 'notification_channels', 'alert_rules', 'alert_silences', 'incidents',
            'incident_events', 'alerts', 'alert_notifications', 'postmortems', 'postmortem_action_items']
            LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY %I ON %I USING (workspace_id = agentobs_current_workspace()) '
                                   || 'WITH CHECK (workspace_id = agentobs_current_workspace())',
                               'tenant_isolation_' || t, t);
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
            END LOOP;
    END
$$;
GRANT USAGE, SELECT ON SEQUENCE alert_notifications_id_seq TO ${app_role};

-- One evaluator at a time across alert-service instances: the holder renews its row before
-- expires_at; another instance takes it over only after it expired. Not tenant data (no RLS).
CREATE TABLE alert_evaluation_leases (
    name        VARCHAR(50) PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    expires_at  TIMESTAMPTZ  NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_evaluation_leases TO ${app_role};
