-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- traces has no foreign keys (V015): a per-row key check cost a trigger call and a row lock per trace. What the
-- keys guaranteed is kept per batch and per statement instead: processing's trace insert takes the key locks
-- once (agentobs_lock_trace_references), and deleting a workspace or a department does to traces what the keys'
-- ON DELETE actions did (the triggers below). The functions run as the owner (SECURITY DEFINER), as the keys'
-- checks and actions did: they lock and change rows row-level security and the application role's privileges
-- would not let them.

-- agentobs_lock_trace_references: locks the workspace and the departments a batch's traces refer to (FOR KEY
-- SHARE, as a foreign-key check does, departments in id order), or raises foreign_key_violation (23503) naming
-- the first that does not exist; returns true. Called once per insert, as an init plan of its WHERE clause.
-- Why: one lock per batch instead of one per row; held to commit, a referenced row cannot be deleted before the
-- batch's traces are visible to the delete's triggers.
CREATE OR REPLACE FUNCTION agentobs_lock_trace_references(p_workspace_id UUID, p_department_ids UUID[])
    RETURNS BOOLEAN
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    v_missing UUID;
BEGIN
    PERFORM 1 FROM workspaces WHERE id = p_workspace_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'insert or update on table "traces" violates foreign key constraint "traces_workspace_id_fkey"',
            DETAIL = format('Key (workspace_id)=(%s) is not present in table "workspaces".', p_workspace_id),
            TABLE = 'traces', CONSTRAINT = 'traces_workspace_id_fkey';
    END IF;
    IF cardinality(p_department_ids) > 0 THEN
        PERFORM 1 FROM departments WHERE id = ANY (p_department_ids) ORDER BY id FOR KEY SHARE;
        SELECT d INTO v_missing
        FROM unnest(p_department_ids) AS d
        WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments x WHERE x.id = d)
        LIMIT 1;
        IF FOUND THEN
            RAISE foreign_key_violation USING
                MESSAGE = 'insert or update on table "traces" violates foreign key constraint "traces_department_id_fkey"',
                DETAIL = format('Key (department_id)=(%s) is not present in table "departments".', v_missing),
                TABLE = 'traces', CONSTRAINT = 'traces_department_id_fkey';
        END IF;
    END IF;
    RETURN TRUE;
END
$$;

-- agentobs_delete_workspace_traces: statement trigger after DELETE on workspaces: deletes the deleted workspaces'
-- traces. Why: what traces.workspace_id's ON DELETE CASCADE did.
CREATE OR REPLACE FUNCTION agentobs_delete_workspace_traces() RETURNS TRIGGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
BEGIN
    DELETE FROM traces t USING deleted_workspaces w WHERE t.workspace_id = w.id;
    RETURN NULL;
END
$$;

-- agentobs_unset_department_traces: statement trigger after DELETE on departments: sets department_id to NULL on
-- the traces of the deleted departments, except where the department's workspace is deleted too (its traces
-- go with it). Why: what traces.department_id's ON DELETE SET NULL did, without rewriting traces about to be
-- deleted.
CREATE OR REPLACE FUNCTION agentobs_unset_department_traces() RETURNS TRIGGER
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
BEGIN
    UPDATE traces t SET department_id = NULL
    FROM deleted_departments d
    WHERE t.department_id = d.id AND EXISTS (SELECT 1 FROM workspaces w WHERE w.id = d.workspace_id);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS trg_workspaces_delete_traces ON workspaces;
CREATE TRIGGER trg_workspaces_delete_traces
    AFTER DELETE ON workspaces
    REFERENCING OLD TABLE AS deleted_workspaces
    FOR EACH STATEMENT EXECUTE FUNCTION agentobs_delete_workspace_traces();

DROP TRIGGER IF EXISTS trg_departments_unset_traces ON departments;
CREATE TRIGGER trg_departments_unset_traces
    AFTER DELETE ON departments
    REFERENCING OLD TABLE AS deleted_departments
    FOR EACH STATEMENT EXECUTE FUNCTION agentobs_unset_department_traces();
