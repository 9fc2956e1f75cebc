-- Flyway callback, after every migrate: the trigger that notifies guardrail-service of policy changes.
-- A callback, not a versioned migration, because its function is defined by a repeatable migration (which runs
-- after every versioned one) and its table by V120; it runs on every migrate, so it is idempotent and waits
-- for the table (a migration to an earlier target skips it; the next full migrate creates it).
DO
$$
BEGIN
    IF to_regclass('guardrail_policies') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS trg_guardrail_policies_changed ON guardrail_policies;
        CREATE TRIGGER trg_guardrail_policies_changed
            AFTER INSERT OR UPDATE OR DELETE ON guardrail_policies
            FOR EACH ROW
        EXECUTE FUNCTION agentobs_notify_guardrail_policy();
    END IF;
END
$$;

-- The agents trigger that evicts cached agent configurations and safety snapshots: its column list is kept
-- here, whole, because V120 (is_quarantined, department_id) and V160 (metadata.config_settings) each recreated
-- it from V051's list and the later one dropped the other's columns (a quarantine then never reached the check).
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'agents' AND column_name = 'is_quarantined') THEN
        DROP TRIGGER IF EXISTS trg_agents_config_changed ON agents;
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
                OR (OLD.metadata -> 'config_settings') IS DISTINCT FROM (NEW.metadata -> 'config_settings')
                OR OLD.deprecation_date IS DISTINCT FROM NEW.deprecation_date
                OR OLD.replacement_agent_id IS DISTINCT FROM NEW.replacement_agent_id
                OR OLD.current_config_version_id IS DISTINCT FROM NEW.current_config_version_id)
        EXECUTE FUNCTION agentobs_notify_agent_config();
    END IF;
END
$$;
