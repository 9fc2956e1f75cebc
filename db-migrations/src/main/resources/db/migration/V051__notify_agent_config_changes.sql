-- Agent configuration reads are served from an in-memory cache in guardrail-service; every
-- change to a column the effective configuration (GET /api/v1/agents/{agent_id}/config) is
-- built from sends NOTIFY agentobs_agent_config '<workspace_id> <agent_id>'. PostgreSQL
-- delivers it only when the changing transaction commits (never for a rollback), to every
-- listening instance, whoever made the change (an action, the seeder, a manual UPDATE).
-- Columns that do not shape the configuration (updated_at, last seen, names) send nothing,
-- so ingestion's registry upserts do not flush the cache.
-- Rollback: DROP TRIGGER trg_agents_config_changed ON agents;
--           DROP FUNCTION agentobs_notify_agent_config();

CREATE FUNCTION agentobs_notify_agent_config() RETURNS trigger
    LANGUAGE plpgsql AS
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

CREATE TRIGGER trg_agents_config_changed
    AFTER UPDATE ON agents
    FOR EACH ROW
    WHEN (OLD.agent_id IS DISTINCT FROM NEW.agent_id
        OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
        OR OLD.environment IS DISTINCT FROM NEW.environment
        OR OLD.is_paused IS DISTINCT FROM NEW.is_paused
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

CREATE TRIGGER trg_agents_config_deleted
    AFTER DELETE ON agents
    FOR EACH ROW
EXECUTE FUNCTION agentobs_notify_agent_config();
