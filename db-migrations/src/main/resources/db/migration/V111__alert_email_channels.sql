-- E-mail notification channels: kind 'email' keeps its recipients in url as
-- 'mailto:a@example.com,b@example.com' (the relay sends over SMTP).
-- Rollback: DELETE FROM notification_channels WHERE kind = 'email'; then restore the V110 check.
ALTER TABLE notification_channels DROP CONSTRAINT IF EXISTS notification_channels_kind_check;
ALTER TABLE notification_channels
    ADD CONSTRAINT notification_channels_kind_check CHECK (kind IN ('webhook', 'slack', 'in_app', 'email'));
