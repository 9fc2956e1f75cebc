-- Safety functions (current text; Flyway re-applies this file whenever it changes). The trigger that calls
-- agentobs_notify_guardrail_policy is created by afterMigrate__safety_triggers.sql.

-- Any change to a workspace's guardrail policies sends NOTIFY agentobs_guardrail_policy '<workspace_id>'
-- at commit, so every guardrail-service instance drops its compiled policies for that workspace and the
-- inline check sees the change within the listener's delay (milliseconds), whoever made it.
CREATE OR REPLACE FUNCTION agentobs_notify_guardrail_policy() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('agentobs_guardrail_policy', OLD.workspace_id::text);
        RETURN OLD;
    END IF;
    PERFORM pg_notify('agentobs_guardrail_policy', NEW.workspace_id::text);
    RETURN NEW;
END
$$;
