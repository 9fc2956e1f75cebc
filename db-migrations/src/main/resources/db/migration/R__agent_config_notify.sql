-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- Agent configuration reads are served from an in-memory cache in guardrail-service. The trigger
-- functions here send NOTIFY agentobs_agent_config '<workspace_id> <agent_id>' for every change to a
-- column the effective configuration is built from; the triggers (V051) choose the columns.

-- agentobs_notify_agent_config: notifies the changed agent (and its old identity when the key changed).
-- Why: PostgreSQL delivers a NOTIFY only when the transaction commits, to every listening instance, whoever
-- made the change (an action, the seeder, a manual UPDATE).
CREATE OR REPLACE FUNCTION agentobs_notify_agent_config() RETURNS trigger
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('agentobs_agent_config', OLD.workspace_id::text || ' ' || OLD.agent_id);
        RETURN OLD;
    END IF;
    PERFORM pg_notify('agentobs_agent_config', NEW.workspace_id::text || ' ' || NEW.agent_id);
    IF OLD.agent_id IS DISTINCT FROM NEW.agent_id OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id THEN
        PERFORM pg_notify('agentobs_agent_config', OLD.workspace_id::text || ' ' || OLD.agent_id);
    END IF;
    RETURN NEW;
END
$$;
