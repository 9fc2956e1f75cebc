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
