-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.

-- agentobs_run_schema_backfills: runs every pending statement of schema_backfills in the order the
-- migrations requested them, marks each done, and returns the names it ran. Waits for a concurrent caller
-- (two migrators at once) instead of skipping, so no migrator finishes before the backfills are done.
-- Why: backfills see the functions of the repeatable migrations, which run after every versioned one.
CREATE OR REPLACE FUNCTION agentobs_run_schema_backfills() RETURNS TEXT[]
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    v_backfill schema_backfills%ROWTYPE;
    v_done     TEXT[] := '{}';
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('schema-backfills', 42));
    FOR v_backfill IN SELECT * FROM schema_backfills WHERE done_at IS NULL ORDER BY id LOOP
        EXECUTE v_backfill.statement;
        UPDATE schema_backfills SET done_at = now() WHERE id = v_backfill.id;
        v_done := v_done || v_backfill.name;
    END LOOP;
    RETURN v_done;
END
$$;
REVOKE ALL ON FUNCTION agentobs_run_schema_backfills() FROM PUBLIC, ${app_role};
