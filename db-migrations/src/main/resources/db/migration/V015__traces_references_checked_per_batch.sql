-- traces.workspace_id and traces.department_id are checked once per batch, not once per row. Their foreign keys
-- cost a trigger call and a FOR KEY SHARE lock per inserted trace, about a quarter of the write path's trace
-- insert (bench/insert-statement-cost.sh); processing resolves both values before the insert, and its insert now
-- takes the same locks once per batch (agentobs_lock_trace_references, R__trace_references.sql): the batch's
-- workspace and departments exist and cannot be deleted until it commits, and a missing one is refused with
-- SQLState 23503 as before. The keys' ON DELETE actions (CASCADE from workspaces, SET NULL from departments) are
-- triggers in the same R__ file.
ALTER TABLE traces DROP CONSTRAINT IF EXISTS traces_workspace_id_fkey;
ALTER TABLE traces DROP CONSTRAINT IF EXISTS traces_department_id_fkey;
