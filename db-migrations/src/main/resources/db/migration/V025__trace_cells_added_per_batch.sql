-- The measure rollups' raw pass, kept as a table and added to per batch.
--
-- Every measure rollup (traces_hourly and the array-histogram hourly, 6-hour and daily grains) is a
-- grouping of one set of cells: sums per (hour, ten dimensions, latency bucket). V023/V024 computed those
-- cells from raw traces on every dirty-hour pass, so a pass cost O(traces in the hour): 0.2 s at the start
-- of the sustained ingest benchmark, 13 s at 600k traces in the hour, and the rollups' lag grew with the
-- hour's volume. trace_cells_hourly keeps the cells: processing adds each batch's new traces in the batch's
-- transaction (fed by INSERT ... RETURNING, so a replay adds nothing), and a dirty-hour pass derives the
-- rollups from the hour's cells, whose number is bounded by the dimensions' cardinality, not by volume.
--
-- Late spans can change a stored trace's tokens, cost and model. Processing subtracts such traces' cells
-- (p_sign = -1) before its span-totals update and adds them back after it, under the workspace's
-- span-totals lock, so a cell always equals the grouping of the committed traces. A cell whose traces all
-- moved elsewhere keeps n = 0 and is skipped by the derivation.
--
--   agentobs_upsert_trace_cells    THE one writer of trace_cells_hourly (per batch and from raw alike);
--   agentobs_add_trace_cells       adds (or subtracts) traces by id, for processing (agentobs_trace_tids
--                                  finds them; V024's agentobs_add_user_rollups now does the same);
--   agentobs_derive_trace_rollups  the measure rollups of a range from its cells (the dirty-hour pass);
--   agentobs_rebuild_trace_rollups the cells of a range from raw, then the derivation (seeder, repairs);
--   agentobs_lock_workspace        the workspace write locks that keep batches, passes and rebuilds apart.
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

CREATE TABLE trace_cells_hourly (
    hour            TIMESTAMPTZ  NOT NULL,
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id        VARCHAR(255) NOT NULL,
    department_id   UUID,
    environment     VARCHAR(50),
    version         VARCHAR(50),
    intent_category VARCHAR(100),
    user_segment    VARCHAR(50),
    model           VARCHAR(100),
    model_provider  VARCHAR(50),
    bucket          INTEGER,
    n               BIGINT       NOT NULL,
    success         BIGINT       NOT NULL,
    error           BIGINT       NOT NULL,
    timeout         BIGINT       NOT NULL,
    rate_limit      BIGINT       NOT NULL,
    server_error    BIGINT       NOT NULL,
    latency_sum     NUMERIC      NOT NULL,
    cost            NUMERIC      NOT NULL,
    tokens_in       BIGINT       NOT NULL,
    tokens_out      BIGINT       NOT NULL,
    tokens          BIGINT       NOT NULL,
    CONSTRAINT trace_cells_hourly_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, hour, agent_id, department_id, environment, version, intent_category, user_segment, model,
         model_provider, bucket)
) WITH (fillfactor = 50); -- updated in place by every batch of the hour: room for heap-only updates

ALTER TABLE trace_cells_hourly ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_trace_cells_hourly ON trace_cells_hourly
    USING (workspace_id = agentobs_current_workspace()) WITH CHECK (workspace_id = agentobs_current_workspace());
GRANT SELECT, INSERT, UPDATE, DELETE ON trace_cells_hourly TO ${app_role};

ANALYZE trace_cells_hourly;
