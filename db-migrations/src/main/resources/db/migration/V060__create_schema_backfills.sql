-- Backfills that need the current SQL functions. A versioned migration runs before the repeatable
-- migrations of the same run, so it sees the functions as an older version left them; one that must fill
-- a new table with the current functions (a new rollup from raw traces, say) inserts its statement here
-- instead, and afterMigrate.sql runs it once, after every repeatable migration, through
-- agentobs_run_schema_backfills (R__schema_backfills.sql).
CREATE TABLE schema_backfills (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE,
    statement    TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at      TIMESTAMPTZ
);

-- bookkeeping of the owner role only: the services never read or write it
REVOKE ALL ON schema_backfills FROM ${app_role};

-- Rollups of the traces an installation held before this version, rebuilt once from raw with the current
-- functions: the earlier versions create the rollup tables, and the functions that fill them are in the R__
-- files, which run after every versioned migration. Idempotent, so an installation whose rollups are already
-- filled only rebuilds them.
INSERT INTO schema_backfills (name, statement)
VALUES ('rollups_of_traces_stored_before_v060', $$
SELECT agentobs_rebuild_rollups(workspace_id, min(timestamp), max(timestamp) + INTERVAL '1 microsecond')
FROM traces
GROUP BY workspace_id
$$);
