-- Group wait and group interval (Alertmanager's group_wait / group_interval), per rule: the first channel
-- notification of a new alert group (rule + department) waits group_wait_seconds, and the group's alerts
-- that fire meanwhile join it, so they go out as one notification; a later alert of the group waits until
-- group_interval_minutes after the group's previous notification to that channel. alert_notifications
-- rows of a group carry its group_key and their scheduled send time (due_at, on the evaluator's clock).
-- Rollback: ALTER TABLE alert_rules DROP COLUMN group_wait_seconds, DROP COLUMN group_interval_minutes;
--           ALTER TABLE alert_notifications DROP COLUMN group_key, DROP COLUMN due_at;
ALTER TABLE alert_rules
    ADD COLUMN group_wait_seconds     INTEGER NOT NULL DEFAULT 30 CHECK (group_wait_seconds BETWEEN 0 AND 3600),
    ADD COLUMN group_interval_minutes INTEGER NOT NULL DEFAULT 5 CHECK (group_interval_minutes BETWEEN 1 AND 1440);

ALTER TABLE alert_notifications
    ADD COLUMN group_key VARCHAR(300),
    ADD COLUMN due_at    TIMESTAMPTZ;
CREATE INDEX idx_alert_notifications_group ON alert_notifications (workspace_id, group_key, channel_id, due_at DESC)
    WHERE group_key IS NOT NULL;
