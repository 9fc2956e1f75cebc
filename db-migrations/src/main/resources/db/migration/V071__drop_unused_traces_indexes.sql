-- Indexes on traces that no read or write path uses, each a cost on every insert. Every read of traces is
-- workspace-scoped, so it is served by traces_pkey (workspace_id, trace_id, timestamp) and the workspace-leading
-- indexes; a filter on intent category or user segment only narrows a workspace's time range, which a
-- platform-wide (intent_category, timestamp) or (user_segment, timestamp) index cannot serve; nothing queries
-- traces.metadata by containment. pg_stat_user_indexes after the query and write-path integration suites
-- (QueryApiIT, DashboardChartsIT, TraceProcessingIT) counts no scan of any of them. The indexes on department,
-- environment and version stay: the planner uses them for those filters.
DROP INDEX IF EXISTS idx_traces_intent_category;
DROP INDEX IF EXISTS idx_traces_user_segment;
DROP INDEX IF EXISTS idx_traces_metadata_gin;
