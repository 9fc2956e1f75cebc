-- User rollups (user_activity_daily, users_hourly, users_daily) are counts of traces, which only ever
-- grow: late spans change a trace's tokens and cost, never its user, agent or time. So processing adds
-- each batch's newly inserted traces to them in the batch's own transaction (agentobs_add_user_rollups,
-- fed by INSERT ... RETURNING, so a replayed trace is never counted twice), instead of every rollup pass
-- re-reading the whole touched day's raw traces: that pass was 65 % of a rebuild of the current hour in
-- the ingest benchmark (1.7 of 2.6 s at 120k traces in the day), and it grew with the day's volume.
--
-- agentobs_rebuild_rollups keeps its meaning (everything from raw, for the seeder, migrations and
-- repairs) as the sum of two functions:
--   * agentobs_rebuild_trace_rollups: the measure rollups (V023's steps 1-4, unchanged), which
--     processing's dirty-hour passes call;
--   * agentobs_rebuild_user_rollups: the user rollups of the touched days from raw, written by the same
--     agentobs_upsert_user_rollups as the per-batch additions.
-- The functions this version introduced or changed are not restated here: every agentobs_* function has one
-- current text, in an R__ file (db-migrations/README.md), and rollups of the traces an installation already
-- held are rebuilt once after those (V060's backfill).

-- Secondary indexes that no read uses, each an insert cost on the hottest tables: every read of traces
-- and spans is workspace-scoped and served by idx_traces_workspace_timestamp,
-- idx_traces_workspace_agent_timestamp and the (workspace_id, trace_id[, span_id]) keys; end_users is
-- only ever read by (workspace_id, external_user_id), its unique key. The workspace-prefix indexes were
-- also the planner's wrong choice for a workspace newer than the table's statistics: processing's lookup
-- of a batch's 1,700 end users scanned the workspace by idx_end_users_first_seen_at and filtered (84 ms
-- instead of 1,700 probes of the key); the span-totals join did the same on idx_spans_workspace_id.
DROP INDEX idx_traces_timestamp;
DROP INDEX idx_traces_agent_id;
DROP INDEX idx_spans_workspace_id;
DROP INDEX idx_spans_trace_id;
DROP INDEX idx_end_users_workspace_id;
DROP INDEX idx_end_users_first_seen_at;

-- Their rows are now updated in place by every batch that names the user: room on each page lets those
-- updates stay heap-only (no new index entries) and be pruned without a vacuum.
ALTER TABLE users_hourly SET (fillfactor = 50);
ALTER TABLE users_daily SET (fillfactor = 50);
ALTER TABLE user_activity_daily SET (fillfactor = 50);

