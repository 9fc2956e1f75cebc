-- Full-text search over a trace's input and output for GET /api/v1/traces?q= (query-service).
-- 'simple' configuration: no stemming or stop words, so ids, codes and product names match as typed.
-- The expression must stay identical to TraceQueries.FULL_TEXT for the planner to use the index.
CREATE INDEX IF NOT EXISTS idx_traces_input_output_fts_gin ON traces
    USING GIN (to_tsvector('simple', COALESCE(input, '') || ' ' || COALESCE(output, '')));
